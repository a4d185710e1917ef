package nl.kennisveiligheid.screening.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import nl.kennisveiligheid.screening.audit.tree.MerkleTree;
import nl.kennisveiligheid.screening.common.CanonicalJson;

/**
 * Verifies the log event by event, in the order read: duplicates (same eventId) are skipped; each
 * sequence must follow the last without a gap, each prevHash must be the last hash, each hash must
 * be the hash of the event, and each signature must verify. Pure; used by the replay job and the
 * command line alike.
 */
public final class ChainVerifier {

    private final int signatureEvery;
    /** The leaf hash of each eventId's first delivery: a redelivery must be the same bytes. */
    private final FirstDeliveries seen = new FirstDeliveries();
    private Checked last;
    private boolean lastSignatureChecked;
    private long expectedSequence = 1;
    private String lastHash = EventSigning.GENESIS;
    private long eventsRead;
    private long duplicates;
    private Long firstBrokenSequence;
    private boolean signaturesValid = true;
    private Long firstBadSignature;
    private final TreeVerifier tree;
    private final KeySchedule schedule;
    private long nonCanonicalRecords;
    private long tamperedRedeliveries;

    /** Checks every event's signature. */
    public ChainVerifier(PublicKey publicKey) {
        this(publicKey, 1);
    }

    /**
     * Checks the signature of every {@code signatureEvery}-th event and, at {@link #finish()}, of the
     * last one. Because each hash covers the previous hash, a valid signature on the last event
     * vouches for every event before it once the hashes link up; checking all signatures as well
     * shows which event a forger touched, at the cost of one Ed25519 verification per event.
     */
    public ChainVerifier(PublicKey publicKey, int signatureEvery) {
        this.schedule = KeySchedule.startingWith(publicKey);
        this.signatureEvery = Math.max(1, signatureEvery);
        this.tree = new TreeVerifier(schedule);
    }

    /** Takes the next record as text (its UTF-8 bytes are the record); for callers that hold text. */
    public boolean acceptRecord(String record) {
        return acceptRecord(record.getBytes(StandardCharsets.UTF_8));
    }

    /** Takes the next record, its bytes exactly as on the topic; returns false for a duplicate delivery. */
    public boolean acceptRecord(byte[] record) {
        return accept(check(record, false));
    }

    /**
     * Takes the next records, in log order, and returns those that were not duplicates or checkpoints,
     * as they were given. What each record needs on its own (reading it, its two hashes, its signature
     * when every one is checked) runs on all cores; linking each to the one before runs in order, as
     * {@link #acceptRecord} does.
     */
    public List<byte[]> acceptRecords(List<byte[]> records) {
        boolean everySignature = signatureEvery == 1;
        List<Checked> checked = records.parallelStream().map(r -> check(r, everySignature)).toList();
        List<byte[]> accepted = new ArrayList<>(checked.size());
        for (Checked c : checked) {
            if (accept(c)) {
                accepted.add(c.record());
            }
        }
        return accepted;
    }

    /** Takes the next event as a tree: its record is its canonical JSON, the bytes the relay writes. */
    public boolean accept(ObjectNode event) {
        return acceptRecord(CanonicalJson.bytes(event));
    }

    /** Keeps the last of duplicate keys, to read a record that is already known not to be canonical. */
    private static final ObjectMapper LENIENT = new ObjectMapper();

    /** The members of a record the chain needs, however the record was read. */
    private record Facts(String eventId, long sequence, boolean hasSequence, String prevHash, String hash,
            String signature, String type) {

        static Facts of(CanonicalRecord r) {
            return new Facts(r.eventId(), r.sequence(), r.hasSequence(), r.prevHash(), r.hash(), r.signature(), r.type());
        }

        static Facts of(JsonNode event) {
            return new Facts(event.path("eventId").asText(), event.path("sequence").asLong(-1), event.has("sequence"),
                    event.path("prevHash").asText(), event.path("hash").asText(),
                    event.hasNonNull("signature") ? event.get("signature").asText() : null, event.path("type").asText());
        }

        boolean checkpoint() {
            return CheckpointRecord.is(type, hasSequence);
        }
    }

    /**
     * One record's own facts, independent of its neighbours. {@code signed} feeds the bytes that were
     * hashed and signed; {@code signatureValid} is null when not checked yet; {@code leafHash} is the
     * tree's hash of the bytes as read; {@code canonical} whether those bytes are exactly the canonical
     * form of their content. A checkpoint record has only its bytes and facts.
     */
    private record Checked(byte[] record, Facts facts, Consumer<CanonicalRecord.ByteSink> signed, boolean hashMatches,
            Boolean signatureValid, PublicKey checkedWith, byte[] leafHash, boolean canonical) {}

    private Checked check(byte[] record, boolean withSignature) {
        CanonicalRecord read = CanonicalRecord.read(record);
        if (read == null) {
            return notCanonical(record);
        }
        Facts facts = Facts.of(read);
        if (facts.checkpoint()) {
            return new Checked(record, facts, null, false, null, null, null, true);
        }
        byte[] leafHash = MerkleTree.leafHash(record);
        // The bytes as read are the canonical form, never re-canonicalised to pass, so the signed bytes
        // are the record without hash and signature, and the hash must be theirs.
        boolean matches = facts.hash() != null && hashOf(read::signedBytes).equals(facts.hash());
        // The key known when the batch began; an event after a rotation in the same batch is checked again in order.
        PublicKey key = schedule.at(facts.sequence());
        Boolean signature = withSignature ? EventSigning.signatureValid(facts.signature(), read::signedBytes, key) : null;
        return new Checked(record, facts, read::signedBytes, matches, signature, key, leafHash, true);
    }

    /**
     * A record whose bytes are not canonical (duplicate keys, reordered members, spacing, escapes or
     * malformed UTF-8): counted, never linked into the chain; read leniently only to report where.
     */
    private static Checked notCanonical(byte[] record) {
        ObjectNode event = readLeniently(record);
        Facts facts = Facts.of(event);
        if (facts.checkpoint()) {
            return new Checked(record, facts, null, false, null, null, null, true);
        }
        byte[] signedBytes = EventSigning.signedBytes(event);
        return new Checked(record, facts, sink -> sink.update(signedBytes, 0, signedBytes.length), false, null, null,
                MerkleTree.leafHash(record), false);
    }

    private static String hashOf(Consumer<CanonicalRecord.ByteSink> signed) {
        MessageDigest sha = MerkleTree.sha256();
        signed.accept(sha::update);
        return HexFormat.of().formatHex(sha.digest());
    }

    private boolean accept(Checked checked) {
        Facts facts = checked.facts();
        if (facts.checkpoint()) {
            tree.checkpoint(readLeniently(checked.record()));
            return false;
        }
        if (!checked.canonical()) {
            nonCanonicalRecords++;
        }
        // A record without an event id (one that could not be read) is no redelivery of another.
        boolean identified = facts.eventId() != null && !facts.eventId().isEmpty();
        byte[] first = identified ? seen.putIfAbsent(facts.eventId(), checked.leafHash()) : null;
        if (first != null) {
            duplicates++;
            if (!java.util.Arrays.equals(first, checked.leafHash())) {
                tamperedRedeliveries++;
                if (firstBrokenSequence == null) {
                    firstBrokenSequence = facts.sequence() >= 0 ? facts.sequence() : expectedSequence;
                }
            }
            return false;
        }
        eventsRead++;
        long sequence = facts.sequence();
        boolean linked = sequence == expectedSequence && lastHash.equals(facts.prevHash()) && checked.hashMatches();
        if (!linked && firstBrokenSequence == null) {
            firstBrokenSequence = sequence >= 0 ? sequence : expectedSequence;
        }
        boolean rotation = AuditOutbox.KEY_ROTATED.equals(facts.type());
        lastSignatureChecked = eventsRead % signatureEvery == 0 || rotation;
        boolean valid = true;
        if (lastSignatureChecked) {
            PublicKey key = schedule.at(sequence);
            valid = checked.signatureValid() != null && checked.checkedWith() == key ? checked.signatureValid()
                    : EventSigning.signatureValid(facts.signature(), checked.signed(), key);
            signatureChecked(valid, sequence);
        }
        if (rotation && linked && valid) {
            follow(readLeniently(checked.record()), sequence);
        }
        tree.leaf(checked.leafHash());
        last = checked;
        expectedSequence = sequence + 1;
        lastHash = facts.hash();
        return true;
    }

    /**
     * A record as a JSON object, for the few whose content a verifier reads (checkpoints, rotations,
     * the replay's events): the last of duplicate keys kept (the chain has reported such a record
     * already), and an empty object for bytes that are no JSON object.
     */
    public static ObjectNode readLeniently(byte[] record) {
        try {
            return LENIENT.readTree(record) instanceof ObjectNode object ? object : LENIENT.createObjectNode();
        } catch (java.io.IOException unreadable) {
            return LENIENT.createObjectNode();
        }
    }

    /**
     * A rotation the current key signed: the key it names signs from the sequence it names, which
     * must be the next one (a rotation cannot reach back or skip ahead).
     */
    private void follow(JsonNode rotation, long sequence) {
        JsonNodeReader reasons = new JsonNodeReader(rotation.path("reasons"));
        try {
            long from = reasons.number("validFromSequence");
            PublicKey next = Ed25519Jwk.fromX(reasons.text("x"));
            if (from != sequence + 1 || !KeySchedule.kid(next).equals(reasons.text("kid"))) {
                throw new IllegalArgumentException("a rotation names the next sequence and its key's id");
            }
            schedule.rotate(from, next);
        } catch (IllegalArgumentException e) {
            if (firstBrokenSequence == null) {
                firstBrokenSequence = sequence;
            }
        }
    }

    /** Fields of a JSON object that must be there. */
    private record JsonNodeReader(com.fasterxml.jackson.databind.JsonNode node) {
        long number(String field) {
            if (!node.path(field).canConvertToExactIntegral()) {
                throw new IllegalArgumentException(field);
            }
            return node.path(field).asLong();
        }

        String text(String field) {
            if (!node.path(field).isTextual()) {
                throw new IllegalArgumentException(field);
            }
            return node.path(field).asText();
        }
    }

    /** Which key signed which events, as far as the log has been read. */
    public KeySchedule keys() {
        return schedule;
    }

    /** The Merkle tree rebuilt from the records, and the checkpoints held against it. */
    public TreeVerifier tree() {
        return tree;
    }

    /** Records whose bytes are not exactly the canonical form of their content (duplicate keys, reordering, spacing). */
    public long nonCanonicalRecords() {
        return nonCanonicalRecords;
    }

    /** Redeliveries of an eventId whose bytes differ from its first delivery. */
    public long tamperedRedeliveries() {
        return tamperedRedeliveries;
    }

    /** Checks the last event's signature if it was not checked yet; call once after the last event. */
    public ChainVerifier finish() {
        if (last != null && !lastSignatureChecked) {
            long sequence = last.facts().sequence();
            signatureChecked(EventSigning.signatureValid(last.facts().signature(), last.signed(), schedule.at(sequence)),
                    sequence);
            lastSignatureChecked = true;
        }
        tree.finish();
        return this;
    }

    private void signatureChecked(boolean valid, long sequence) {
        if (!valid) {
            signaturesValid = false;
            if (firstBadSignature == null) {
                firstBadSignature = sequence;
            }
        }
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
