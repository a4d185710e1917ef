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

    /** The log's signing key cannot be handed over: the key that signs it now is not configured. */
    static LogAlarm keys(String failure) {
        return new LogAlarm(0, "signing key: " + failure);
    }

    /** A signed checkpoint Kafka refuses for good; it names the tree size, as a checkpoint has no outbox row. */
    static LogAlarm checkpoint(long treeSize, String failure) {
        return new LogAlarm(-treeSize, "checkpoint of tree size " + treeSize + ": " + failure);
    }

    private LogAlarm(long outboxRow, String message) {
        super(message, null, false, false);
        this.outboxRow = outboxRow;
    }

    /** The outbox row the relay halted at; for a checkpoint, minus its tree size. */
    public long outboxRow() {
        return outboxRow;
    }
}
