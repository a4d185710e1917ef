package nl.kennisveiligheid.screening.audit;

/**
 * An event the relay cannot put on the log: one it cannot seal, or a record Kafka refuses for good
 * (too large, not authorised). Retrying at once cannot help and skipping it would break the chain,
 * so the relay stops there and raises this alarm until an operator has repaired the cause. The
 * message names the outbox row and the kind of failure, never the event's content.
 */
public final class LogAlarm extends Exception {

    private final long outboxRow;

    LogAlarm(long outboxRow, Long sequence, String failure) {
        super("outbox row " + outboxRow + (sequence == null ? " (not yet in the chain)" : " (sequence " + sequence + ")")
                + ": " + failure, null, false, false);
        this.outboxRow = outboxRow;
    }

    public long outboxRow() {
        return outboxRow;
    }
}
