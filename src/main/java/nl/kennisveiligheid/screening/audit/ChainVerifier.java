package nl.kennisveiligheid.screening.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.PublicKey;
import java.util.HashSet;
import java.util.Set;

/**
 * Verifies the log event by event, in the order read: duplicates (same eventId) are skipped; each
 * sequence must follow the last without a gap, each prevHash must be the last hash, each hash must
 * be the hash of the event, and each signature must verify. Pure; used by the replay job and the
 * command line alike.
 */
public final class ChainVerifier {

    private final PublicKey publicKey;
    private final Set<String> seen = new HashSet<>();
    private long expectedSequence = 1;
    private String lastHash = EventSigning.GENESIS;
    private long eventsRead;
    private long duplicates;
    private Long firstBrokenSequence;
    private boolean signaturesValid = true;
    private Long firstBadSignature;

    public ChainVerifier(PublicKey publicKey) {
        this.publicKey = publicKey;
    }

    /** Takes the next event; returns false for a duplicate delivery, which is ignored. */
    public boolean accept(ObjectNode event) {
        String eventId = event.path("eventId").asText();
        if (!seen.add(eventId)) {
            duplicates++;
            return false;
        }
        eventsRead++;
        long sequence = event.path("sequence").asLong(-1);
        boolean linked = sequence == expectedSequence && lastHash.equals(event.path("prevHash").asText())
                && EventSigning.hash(event).equals(event.path("hash").asText());
        if (!linked && firstBrokenSequence == null) {
            firstBrokenSequence = sequence >= 0 ? sequence : expectedSequence;
        }
        if (!EventSigning.signatureValid(event, publicKey)) {
            signaturesValid = false;
            if (firstBadSignature == null) {
                firstBadSignature = sequence;
            }
        }
        expectedSequence = sequence + 1;
        lastHash = event.path("hash").asText();
        return true;
    }

    public long eventsRead() {
        return eventsRead;
    }

    public long duplicates() {
        return duplicates;
    }

    public boolean chainIntact() {
        return firstBrokenSequence == null;
    }

    public Long firstBrokenSequence() {
        return firstBrokenSequence;
    }

    public boolean signaturesValid() {
        return signaturesValid;
    }

    public Long firstBadSignature() {
        return firstBadSignature;
    }

    public long lastSequence() {
        return expectedSequence - 1;
    }
}
