package nl.kennisveiligheid.screening.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The verifier on a chain built here: intact, tampered, reordered, and with sparse signature checks. */
class ChainVerifierTest {

    static List<ObjectNode> chain(KeyPair key, int length) {
        List<ObjectNode> events = new ArrayList<>();
        String prev = EventSigning.GENESIS;
        for (int i = 1; i <= length; i++) {
            ObjectNode e = JsonNodeFactory.instance.objectNode();
            e.put("eventId", UUID.randomUUID().toString());
            e.put("sequence", i);
            e.put("type", "DECISION_RECORDED");
            e.put("outcome", "CLEARED");
            e.put("prevHash", prev);
            EventSigning.seal(e, key.getPrivate());
            prev = e.get("hash").asText();
            events.add(e);
        }
        return events;
    }

    @Test
    void anIntactChainVerifiesFullyAndSparsely() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        List<ObjectNode> events = chain(key, 25);
        for (int every : new int[] {1, 10}) {
            ChainVerifier verifier = new ChainVerifier(key.getPublic(), every);
            events.forEach(verifier::accept);
            verifier.finish();
            assertThat(verifier.chainIntact()).isTrue();
            assertThat(verifier.signaturesValid()).isTrue();
            assertThat(verifier.eventsRead()).isEqualTo(25);
        }
    }

    @Test
    void aRehashedForgeryIsCaughtBySparseChecksThroughTheLastSignature() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPair forger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        List<ObjectNode> events = chain(key, 25);
        // A forger rewrites event 12 and re-chains everything after it with a key of their own.
        events.get(11).put("outcome", "REFUSED");
        String prev = events.get(10).get("hash").asText();
        for (int i = 11; i < events.size(); i++) {
            events.get(i).put("prevHash", prev);
            EventSigning.seal(events.get(i), forger.getPrivate());
            prev = events.get(i).get("hash").asText();
        }
        ChainVerifier sparse = new ChainVerifier(key.getPublic(), 1000);
        events.forEach(sparse::accept);
        sparse.finish();
        assertThat(sparse.chainIntact()).isTrue();
        assertThat(sparse.signaturesValid()).isFalse();
        ChainVerifier full = new ChainVerifier(key.getPublic());
        events.forEach(full::accept);
        assertThat(full.firstBadSignature()).isEqualTo(12);
    }

    @Test
    void recordsAsWrittenVerifyCanonicalOrNot() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        List<ObjectNode> events = chain(key, 5);
        ChainVerifier canonical = new ChainVerifier(key.getPublic());
        ChainVerifier pretty = new ChainVerifier(key.getPublic());
        ChainVerifier tampered = new ChainVerifier(key.getPublic());
        for (ObjectNode e : events) {
            String record = EventSigning.utf8(new org.erdtman.jcs.JsonCanonicalizer(e.toString()).getEncodedUTF8());
            canonical.acceptRecord(record);
            pretty.acceptRecord(e.toPrettyString());
            tampered.acceptRecord(e.get("sequence").asInt() == 3 ? record.replace("CLEARED", "REFUSED") : record);
        }
        assertThat(canonical.chainIntact()).isTrue();
        assertThat(canonical.signaturesValid()).isTrue();
        assertThat(canonical.nonCanonicalRecords()).isZero();
        assertThat(pretty.chainIntact()).as("bytes that are not the canonical form are not re-canonicalised to pass").isFalse();
        assertThat(pretty.nonCanonicalRecords()).isEqualTo(5);
        assertThat(tampered.firstBrokenSequence()).isEqualTo(3);
    }

    @Test
    void aDuplicateKeyThatAParserWouldResolveIsNotCanonical() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        List<ObjectNode> events = chain(key, 3);
        ChainVerifier verifier = new ChainVerifier(key.getPublic());
        for (ObjectNode e : events) {
            String r = record(e);
            // Jackson keeps the last of two "outcome" members: a reader would see REFUSED.
            verifier.acceptRecord(e.get("sequence").asInt() == 2 ? r.replace("\"outcome\":\"CLEARED\"",
                    "\"outcome\":\"CLEARED\",\"outcome\":\"REFUSED\"") : r);
        }
        assertThat(verifier.nonCanonicalRecords()).isEqualTo(1);
        assertThat(verifier.firstBrokenSequence()).isEqualTo(2);
    }

    @Test
    void bytesThatAreNotUtf8OrNotJsonAreReportedWhereTheyAreNotDecodedAway() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        List<ObjectNode> events = chain(key, 4);
        List<byte[]> log = new ArrayList<>(bytes(List.of(record(events.get(0)), record(events.get(1)),
                record(events.get(2)), record(events.get(3)))));
        // A byte that is no UTF-8: decoding it as text would have replaced it, and hashed other bytes.
        byte[] malformed = log.get(1).clone();
        malformed[malformed.length - 3] = (byte) 0xff;
        log.set(1, malformed);
        log.add(3, "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ChainVerifier verifier = new ChainVerifier(key.getPublic());
        verifier.acceptRecords(log);
        verifier.finish();
        assertThat(verifier.nonCanonicalRecords()).isEqualTo(2);
        assertThat(verifier.firstBrokenSequence()).isEqualTo(2);
        assertThat(verifier.tree().size()).as("every record read is a leaf").isEqualTo(5);
        nl.kennisveiligheid.screening.audit.tree.CompactRange asOnTheTopic = new nl.kennisveiligheid.screening.audit.tree.CompactRange();
        log.forEach(r -> asOnTheTopic.append(nl.kennisveiligheid.screening.audit.tree.MerkleTree.leafHash(r)));
        assertThat(verifier.tree().root()).as("the tree is of the bytes as they are on the topic").isEqualTo(asOnTheTopic.root());
    }

    @Test
    void aRedeliveryWithOtherBytesIsTamperingNotADuplicate() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        List<ObjectNode> events = chain(key, 4);
        ChainVerifier honest = new ChainVerifier(key.getPublic());
        ChainVerifier forged = new ChainVerifier(key.getPublic());
        for (ObjectNode e : events) {
            honest.acceptRecord(record(e));
            forged.acceptRecord(record(e));
        }
        honest.acceptRecord(record(events.get(1)));
        forged.acceptRecord(record(events.get(1)).replace("CLEARED", "REFUSED"));
        assertThat(honest.duplicates()).isEqualTo(1);
        assertThat(honest.tamperedRedeliveries()).isZero();
        assertThat(honest.chainIntact()).isTrue();
        assertThat(forged.tamperedRedeliveries()).isEqualTo(1);
        assertThat(forged.chainIntact()).isFalse();
        assertThat(forged.firstBrokenSequence()).isEqualTo(2);
    }

    /** A signed checkpoint of the first {@code size} records, as the relay signs it. */
    static String checkpointOf(KeyPair key, List<String> records, int size) {
        nl.kennisveiligheid.screening.audit.tree.CompactRange range = new nl.kennisveiligheid.screening.audit.tree.CompactRange();
        for (String r : records.subList(0, size)) {
            range.append(nl.kennisveiligheid.screening.audit.tree.MerkleTree.leafHash(
                    r.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        String origin = "screening.kennisveiligheid.nl/decisions";
        return nl.kennisveiligheid.screening.audit.tree.SignedNote.sign(
                new nl.kennisveiligheid.screening.audit.tree.Checkpoint(origin, size, range.root()).body(), origin,
                key.getPrivate(), key.getPublic());
    }

    @Test
    void aTrustedCheckpointCatchesAnEmptiedATruncatedAndARewrittenLog() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        List<String> log = records(key, 12);
        String trusted = checkpointOf(key, log, 10);

        ChainVerifier whole = new ChainVerifier(key.getPublic());
        whole.tree().trust(trusted);
        whole.acceptRecords(bytes(log));
        assertThat(whole.tree().trustedCheckpointVerified()).isTrue();
        assertThat(whole.tree().truncated()).isFalse();
        assertThat(whole.tree().size()).isEqualTo(12);

        ChainVerifier empty = new ChainVerifier(key.getPublic());
        empty.tree().trust(trusted);
        assertThat(empty.chainIntact()).as("an empty log has an intact chain of nothing").isTrue();
        assertThat(empty.tree().truncated()).as("but it is shorter than the checkpoint").isTrue();
        assertThat(empty.tree().trustedCheckpointVerified()).isFalse();

        ChainVerifier tail = new ChainVerifier(key.getPublic());
        tail.tree().trust(trusted);
        tail.acceptRecords(bytes(log.subList(0, 7)));
        assertThat(tail.chainIntact()).isTrue();
        assertThat(tail.tree().truncated()).isTrue();
        assertThat(tail.tree().trustedCheckpointVerified()).isFalse();

        List<String> rewritten = records(key, 12);
        ChainVerifier fork = new ChainVerifier(key.getPublic());
        fork.tree().trust(trusted);
        fork.acceptRecords(bytes(rewritten));
        assertThat(fork.chainIntact()).as("a rewritten log re-signed by the key holder has an intact chain").isTrue();
        assertThat(fork.tree().trustedCheckpointVerified()).as("but another root at the checkpoint's size").isFalse();
        assertThat(fork.tree().truncated()).isFalse();
    }

    @Test
    void checkpointsOnTheTopicAreHeldAgainstTheRebuiltTreeAndAForkIsCaught() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        List<String> log = records(key, 6);
        List<String> topic = new ArrayList<>(log.subList(0, 4));
        topic.add(CheckpointRecord.value(4, checkpointOf(key, log, 4)));
        topic.addAll(log.subList(4, 6));
        topic.add(CheckpointRecord.value(6, checkpointOf(key, log, 6)));
        ChainVerifier good = new ChainVerifier(key.getPublic());
        good.acceptRecords(bytes(topic));
        assertThat(good.eventsRead()).as("checkpoints are not events").isEqualTo(6);
        assertThat(good.tree().checkpointsVerified()).isEqualTo(2);
        assertThat(good.tree().checkpointsValid()).isTrue();

        List<String> otherLog = records(key, 4);
        List<String> forked = new ArrayList<>(topic);
        forked.add(CheckpointRecord.value(4, checkpointOf(key, otherLog, 4)));
        ChainVerifier fork = new ChainVerifier(key.getPublic());
        fork.acceptRecords(bytes(forked));
        assertThat(fork.tree().checkpointsValid()).as("two checkpoints of size 4 with different roots").isFalse();
        assertThat(fork.tree().firstBadCheckpoint()).isEqualTo(4);

        KeyPair stranger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        List<String> foreign = new ArrayList<>(log.subList(0, 4));
        foreign.add(CheckpointRecord.value(4, checkpointOf(stranger, log, 4)));
        ChainVerifier unsigned = new ChainVerifier(key.getPublic());
        unsigned.acceptRecords(bytes(foreign));
        assertThat(unsigned.tree().checkpointsValid()).as("a checkpoint not signed by the log's key").isFalse();
    }

    @Test
    void aChangedEventBreaksTheChainAtItsSequenceAndAGapToo() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        List<ObjectNode> events = chain(key, 10);
        events.get(4).put("outcome", "REFUSED");
        ChainVerifier changed = new ChainVerifier(key.getPublic());
        events.forEach(changed::accept);
        assertThat(changed.firstBrokenSequence()).isEqualTo(5);
        List<ObjectNode> gap = chain(key, 10);
        gap.remove(6);
        ChainVerifier missing = new ChainVerifier(key.getPublic());
        gap.forEach(missing::accept);
        assertThat(missing.firstBrokenSequence()).isEqualTo(8);
    }

    /** A chain built here, as the records the relay writes. */
    static List<String> records(KeyPair key, int length) throws Exception {
        List<String> records = new ArrayList<>();
        for (ObjectNode e : chain(key, length)) {
            records.add(record(e));
        }
        return records;
    }

    /** Records as the log reader gives them: their bytes. */
    static List<byte[]> bytes(List<String> records) {
        return records.stream().map(r -> r.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toList();
    }

    static String record(ObjectNode event) throws Exception {
        return EventSigning.utf8(new org.erdtman.jcs.JsonCanonicalizer(event.toString()).getEncodedUTF8());
    }

    @Test
    void checkingRecordsInParallelBatchesFindsWhatCheckingThemOneByOneFinds() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        // Long enough for a whole batch to be checked in several chunks, by several threads.
        List<ObjectNode> events = chain(key, 700);
        List<String> intact = new ArrayList<>();
        for (ObjectNode e : events) {
            intact.add(record(e));
        }
        List<String> tampered = new ArrayList<>(intact);
        tampered.set(17, tampered.get(17).replace("\"outcome\":\"CLEARED\"", "\"outcome\":\"REFUSED\""));
        tampered.set(600, tampered.get(600).replace("\"outcome\":\"CLEARED\"", "\"outcome\":\"REFUSED\""));
        tampered.add(550, intact.get(300));
        tampered.add(5, intact.get(4));
        for (List<String> log : List.of(intact, tampered)) {
            for (int[] run : new int[][] {{1, 9}, {7, 9}, {1, 700}, {7, 1000}}) {
                int every = run[0];
                int batch = run[1];
                ChainVerifier oneByOne = new ChainVerifier(key.getPublic(), every);
                for (String r : log) {
                    oneByOne.acceptRecord(r);
                }
                oneByOne.finish();
                ChainVerifier batched = new ChainVerifier(key.getPublic(), every);
                List<byte[]> accepted = new ArrayList<>();
                for (int from = 0; from < log.size(); from += batch) {
                    accepted.addAll(batched.acceptRecords(bytes(log.subList(from, Math.min(log.size(), from + batch)))));
                }
                batched.finish();
                assertThat(batched.tree().root()).isEqualTo(oneByOne.tree().root());
                assertThat(batched.eventsRead()).isEqualTo(oneByOne.eventsRead());
                assertThat(batched.chainIntact()).isEqualTo(oneByOne.chainIntact());
                assertThat(batched.firstBrokenSequence()).isEqualTo(oneByOne.firstBrokenSequence());
                assertThat(batched.signaturesValid()).isEqualTo(oneByOne.signaturesValid());
                assertThat(batched.firstBadSignature()).isEqualTo(oneByOne.firstBadSignature());
                assertThat(batched.duplicates()).isEqualTo(oneByOne.duplicates());
                assertThat(accepted).hasSize((int) oneByOne.eventsRead());
            }
        }
        ChainVerifier broken = new ChainVerifier(key.getPublic());
        broken.acceptRecords(bytes(tampered));
        assertThat(broken.firstBrokenSequence()).isEqualTo(18);
        assertThat(broken.firstBadSignature()).isEqualTo(18);
        assertThat(broken.duplicates()).isEqualTo(2);
    }

    @Test
    void aRedeliveredEventIsSkippedAndCountedNotRead() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        List<ObjectNode> events = chain(key, 4);
        ChainVerifier verifier = new ChainVerifier(key.getPublic());
        assertThat(verifier.acceptRecord(record(events.get(0)))).isTrue();
        assertThat(verifier.acceptRecord(record(events.get(1)))).isTrue();
        assertThat(verifier.acceptRecord(record(events.get(1)))).isFalse();
        assertThat(verifier.accept(events.get(2))).isTrue();
        assertThat(verifier.accept(events.get(2))).isFalse();
        assertThat(verifier.acceptRecords(bytes(List.of(record(events.get(2)), record(events.get(3))))))
                .extracting(EventSigning::utf8).containsExactly(record(events.get(3)));
        assertThat(verifier.finish()).isSameAs(verifier);
        assertThat(verifier.eventsRead()).isEqualTo(4);
        assertThat(verifier.duplicates()).isEqualTo(3);
        assertThat(verifier.lastSequence()).isEqualTo(4);
        assertThat(verifier.chainIntact()).isTrue();
        assertThat(verifier.signaturesValid()).isTrue();
        assertThat(verifier.firstBrokenSequence()).isNull();
        assertThat(verifier.firstBadSignature()).isNull();
    }

    @Test
    void aRecordWithAWrongHashIsBrokenEvenWhenItsSignatureIsChecked() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        List<ObjectNode> events = chain(key, 3);
        events.get(1).put("hash", "f".repeat(64));
        for (boolean batched : new boolean[] {false, true}) {
            ChainVerifier verifier = new ChainVerifier(key.getPublic());
            List<String> records = new ArrayList<>();
            for (ObjectNode e : events) {
                records.add(record(e));
            }
            if (batched) {
                verifier.acceptRecords(bytes(records));
            } else {
                for (String r : records) {
                    verifier.acceptRecord(r);
                }
            }
            verifier.finish();
            assertThat(verifier.firstBrokenSequence()).as("batched " + batched).isEqualTo(2);
            assertThat(verifier.chainIntact()).isFalse();
            assertThat(verifier.lastSequence()).isEqualTo(3);
        }
    }

    @Test
    void anEventWithoutASignatureFailsTheSignatureCheck() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        List<ObjectNode> events = chain(key, 3);
        events.get(2).remove("signature");
        ChainVerifier verifier = new ChainVerifier(key.getPublic());
        events.forEach(verifier::accept);
        verifier.finish();
        assertThat(verifier.chainIntact()).isTrue();
        assertThat(verifier.signaturesValid()).isFalse();
        assertThat(verifier.firstBadSignature()).isEqualTo(3);
    }
}
