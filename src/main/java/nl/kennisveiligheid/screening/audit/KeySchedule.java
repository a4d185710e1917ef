package nl.kennisveiligheid.screening.audit;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Which key signs which events: the log's first key from sequence 1, and each key a
 * {@code KEY_ROTATED} event introduces (signed by the key before it) from the sequence that event
 * names. A verifier needs only the first key and follows the log's own rotations; each event is
 * checked under the key valid at its sequence. Pure.
 */
public final class KeySchedule {

    /** A key and the sequences it signs: {@code from} to {@code until} inclusive ({@code until} null: still signing). */
    public record Entry(String kid, PublicKey key, long from, Long until) {}

    private final List<Entry> entries = new ArrayList<>();

    private KeySchedule() {
    }

    /** A log whose first event is signed by {@code first}. */
    public static KeySchedule startingWith(PublicKey first) {
        KeySchedule schedule = new KeySchedule();
        schedule.entries.add(new Entry(kid(first), first, 1, null));
        return schedule;
    }

    /** The key id of the JWKS and the log's events: the first 16 hex digits of SHA-256 of the raw key. */
    public static String kid(PublicKey key) {
        return Ed25519Jwk.toJwk(key).get("kid");
    }

    /** The key that signs the event of {@code sequence}. */
    public PublicKey at(long sequence) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (sequence >= entries.get(i).from()) {
                return entries.get(i).key();
            }
        }
        return entries.get(0).key();
    }

    /** From {@code fromSequence} on, {@code next} signs. */
    public void rotate(long fromSequence, PublicKey next) {
        Entry current = entries.remove(entries.size() - 1);
        entries.add(new Entry(current.kid(), current.key(), current.from(), fromSequence - 1));
        entries.add(new Entry(kid(next), next, fromSequence, null));
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Every key the log has had, for its checkpoints (each signed by the key of its time). */
    public List<PublicKey> keys() {
        return entries.stream().map(Entry::key).toList();
    }
}
