package nl.kennisveiligheid.screening.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies the log event by event, in the order read: duplicates (same eventId) are skipped; each
 * sequence must follow the last without a gap, each prevHash must be the last hash, each hash must
 * be the hash of the event, and each signature must verify. Pure; used by the replay job and the
 * command line alike.
 */
public final class ChainVerifier {

    private final int signatureEvery;
    /** The leaf hash of each eventId's first delivery: a redelivery must be the same bytes. */
    private final java.util.Map<String, byte[]> seen = new java.util.HashMap<>();
    private ObjectNode last;
    private byte[] lastSignedBytes;
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

    /**
     * Takes the next event as the record's text. The relay writes events in canonical form, so the
     * signed bytes are the text without its {@code hash} and {@code signature} members, found without
     * re-canonicalising; a record that is not canonical falls back to full canonicalisation.
     */
    public boolean acceptRecord(String record) throws java.io.IOException {
        return accept(check(record, false));
    }

    /**
     * Takes the next records, in log order, and returns the events that were not duplicates. What
     * each record needs on its own (parsing, its hash, its signature when every one is checked) runs
     * on all cores; linking each to the one before runs in order, as {@link #acceptRecord} does.
     */
    public List<ObjectNode> acceptRecords(List<String> records) {
        boolean everySignature = signatureEvery == 1;
        List<Checked> checked = records.parallelStream().map(r -> {
            try {
                return check(r, everySignature);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
        List<ObjectNode> accepted = new ArrayList<>(checked.size());
        for (Checked c : checked) {
            if (accept(c)) {
                accepted.add(c.event());
            }
        }
        return accepted;
    }

    /** Takes the next event; returns false for a duplicate delivery, which is ignored. */
    public boolean accept(ObjectNode event) {
        byte[] bytes = EventSigning.signedBytes(event);
        return accept(new Checked(event, bytes, hashMatches(bytes, event)));
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper LENIENT = new com.fasterxml.jackson.databind.ObjectMapper();

    /** Refuses a duplicate key while parsing: a reader that kept the last of two would see other content. */
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /**
     * One record's own facts, independent of its neighbours. {@code signatureValid} is null when not
     * checked yet; {@code leafHash} is the tree's hash of its bytes as read; {@code canonical} whether
     * those bytes are exactly the canonical form of their content.
     */
    private record Checked(ObjectNode event, byte[] signedBytes, boolean hashMatches, Boolean signatureValid,
            PublicKey checkedWith, byte[] leafHash, boolean canonical) {
        Checked(ObjectNode event, byte[] signedBytes, boolean hashMatches) {
            // An event given as a tree has the bytes the relay writes: its canonical JSON.
            this(event, signedBytes, hashMatches, null, null, nl.kennisveiligheid.screening.audit.tree.MerkleTree
                    .leafHash(nl.kennisveiligheid.screening.common.CanonicalJson.bytes(event)), true);
        }
    }

    private Checked check(String record, boolean withSignature) throws java.io.IOException {
        ObjectNode event;
        try {
            event = (ObjectNode) JSON.readTree(record);
        } catch (com.fasterxml.jackson.core.JsonParseException duplicateKey) {
            // A duplicate key: not canonical, and not to be read as either of its values.
            event = (ObjectNode) LENIENT.readTree(record);
            byte[] leaf = nl.kennisveiligheid.screening.audit.tree.MerkleTree.leafHash(
                    record.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new Checked(event, EventSigning.signedBytes(event), false, null, null, leaf, false);
        }
        byte[] recordBytes = record.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (CheckpointRecord.is(event)) {
            return new Checked(event, null, false, null, null, null, true);
        }
        byte[] leafHash = nl.kennisveiligheid.screening.audit.tree.MerkleTree.leafHash(recordBytes);
        String hash = event.path("hash").asText();
        String signature = event.path("signature").asText();
        String stripped = record.replace(",\"hash\":\"" + hash + "\"", "")
                .replace(",\"signature\":\"" + signature + "\"", "");
        byte[] bytes = stripped.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        boolean matches = stripped.length() != record.length() && hashMatches(bytes, event);
        // The bytes as read must be the canonical form, never re-canonicalised to pass: the signed
        // (hashed) bytes with hash and signature in their sorted places, as the relay writes them.
        // Reordered members, spacing or escapes elsewhere change the signed bytes, so the hash, the
        // chain and the tree's root catch them; this catches the two members put out of place.
        boolean canonical = matches && inCanonicalPlaces(record, stripped, hash, signature);
        matches = matches && canonical;
        // The key known when the batch began; an event after a rotation in the same batch is checked again in order.
        PublicKey key = schedule.at(event.path("sequence").asLong(0));
        return new Checked(event, bytes, matches, withSignature ? EventSigning.signatureValid(event, bytes, key) : null,
                key, leafHash, canonical);
    }

    private static boolean inCanonicalPlaces(String record, String signed, String hash, String signature) {
        try {
            return record.equals(CanonicalMembers.insert(signed,
                    new java.util.TreeMap<>(java.util.Map.of("hash", hash, "signature", signature))));
        } catch (RuntimeException notAnObject) {
            return false;
        }
    }

    private static boolean hashMatches(byte[] signedBytes, ObjectNode event) {
        return nl.kennisveiligheid.screening.common.CanonicalJson.sha256Hex(signedBytes)
                .equals(event.path("hash").asText());
    }

    private boolean accept(Checked checked) {
        ObjectNode event = checked.event();
        if (CheckpointRecord.is(event)) {
            tree.checkpoint(event);
            return false;
        }
        if (!checked.canonical()) {
            nonCanonicalRecords++;
        }
        String eventId = event.path("eventId").asText();
        byte[] first = seen.putIfAbsent(eventId, checked.leafHash());
        if (first != null) {
            duplicates++;
            if (!java.util.Arrays.equals(first, checked.leafHash())) {
                tamperedRedeliveries++;
                if (firstBrokenSequence == null) {
                    firstBrokenSequence = event.path("sequence").asLong(expectedSequence);
                }
            }
            return false;
        }
        eventsRead++;
        long sequence = event.path("sequence").asLong(-1);
        boolean linked = sequence == expectedSequence && lastHash.equals(event.path("prevHash").asText())
                && checked.hashMatches();
        if (!linked && firstBrokenSequence == null) {
            firstBrokenSequence = sequence >= 0 ? sequence : expectedSequence;
        }
        boolean rotation = AuditOutbox.KEY_ROTATED.equals(event.path("type").asText());
        lastSignatureChecked = eventsRead % signatureEvery == 0 || rotation;
        boolean valid = true;
        if (lastSignatureChecked) {
            PublicKey key = schedule.at(sequence);
            valid = checked.signatureValid() != null && checked.checkedWith() == key ? checked.signatureValid()
                    : EventSigning.signatureValid(event, checked.signedBytes(), key);
            signatureChecked(valid, sequence);
        }
        if (rotation && linked && valid) {
            follow(event, sequence);
        }
        tree.leaf(checked.leafHash());
        last = event;
        lastSignedBytes = checked.signedBytes();
        expectedSequence = sequence + 1;
        lastHash = event.path("hash").asText();
        return true;
    }

    /**
     * A rotation the current key signed: the key it names signs from the sequence it names, which
     * must be the next one (a rotation cannot reach back or skip ahead).
     */
    private void follow(ObjectNode rotation, long sequence) {
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
            long sequence = last.path("sequence").asLong(-1);
            signatureChecked(EventSigning.signatureValid(last, lastSignedBytes, schedule.at(sequence)), sequence);
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
