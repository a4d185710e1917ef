package nl.kennisveiligheid.screening.bench;

import java.io.StringReader;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.kennisveiligheid.screening.audit.ChainVerifier;
import nl.kennisveiligheid.screening.audit.CheckpointRecord;
import nl.kennisveiligheid.screening.audit.EventSigning;
import nl.kennisveiligheid.screening.audit.LogReader;
import nl.kennisveiligheid.screening.audit.tree.Checkpoint;
import nl.kennisveiligheid.screening.audit.tree.CompactRange;
import nl.kennisveiligheid.screening.audit.tree.MerkleTree;
import nl.kennisveiligheid.screening.audit.tree.SignedNote;
import nl.kennisveiligheid.screening.audit.tree.TreeNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.postgresql.PGConnection;

/**
 * The transparency log's two speed goals, next to their limits in the same run: a full verification
 * of a topic of signed, chained events with a checkpoint every 1,000 (every hash, the tree, every
 * checkpoint, every 1,000th signature and a trusted checkpoint) against a raw kafka-clients consumer
 * of the same topic; and the service's inclusion proofs, over HTTP, in a tree of 1,000,000 leaves.
 */
final class TlogBenchmark {

    static final String ORIGIN = "screening.kennisveiligheid.nl/decisions";

    record Verification(long events, double verifyPerSecond, double rawPerSecond, double firstRoundRatio) {}

    private TlogBenchmark() {}

    static Verification verification(String bootstrap, int events) throws Exception {
        String topic = "screening.bench.tlog." + System.currentTimeMillis();
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        ReplayBenchmark.createTopic(bootstrap, topic);
        String lastCheckpoint = null;
        try (KafkaProducer<String, String> producer = ReplayBenchmark.producer(bootstrap)) {
            String prev = EventSigning.GENESIS;
            CompactRange tree = new CompactRange();
            for (int i = 1; i <= events; i++) {
                ObjectNode e = ReplayBenchmark.decision(i, prev);
                EventSigning.Seal seal = EventSigning.seal(e, key.getPrivate());
                prev = seal.hash();
                producer.send(new ProducerRecord<>(topic, e.get("caseId").asText(), seal.canonicalEvent()));
                tree.append(MerkleTree.leafHash(seal.canonicalEvent().getBytes(StandardCharsets.UTF_8)));
                if (i % 1000 == 0 || i == events) {
                    lastCheckpoint = SignedNote.sign(new Checkpoint(ORIGIN, i, tree.root()).body(), ORIGIN,
                            key.getPrivate(), key.getPublic());
                    producer.send(new ProducerRecord<>(topic, "checkpoint", CheckpointRecord.value(i, lastCheckpoint)));
                }
            }
        }
        // Two rounds of both, in turn; the second is reported, after both have been compiled and the
        // topic read once (the first round's ratio is kept beside it).
        double verify = 0;
        double raw = 0;
        double firstRoundRatio = 0;
        for (int round = 1; round <= 2; round++) {
            long t0 = System.nanoTime();
            ChainVerifier chain = new ChainVerifier(key.getPublic(), 1000);
            chain.tree().trust(lastCheckpoint);
            LogReader.readBatches(Map.of(), bootstrap, topic, chain::acceptRecords);
            chain.finish();
            verify = chain.eventsRead() / ((System.nanoTime() - t0) / 1e9);
            if (!chain.chainIntact() || !chain.signaturesValid() || !chain.tree().trustedCheckpointVerified()
                    || !chain.tree().checkpointsValid() || chain.tree().checkpointsVerified() < events / 1000) {
                throw new IllegalStateException("bench log did not verify");
            }
            raw = ReplayBenchmark.rawConsumerRate(bootstrap, topic, events + (long) Math.ceil(events / 1000.0), events);
            if (round == 1) {
                firstRoundRatio = verify / raw;
            }
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.deleteTopics(List.of(topic)).all().get();
        }
        return new Verification(events, verify, raw, firstRoundRatio);
    }

    /**
     * Grows the service's stored tree to {@code size} leaves with synthetic leaves after its real ones
     * (the service's chain does not grow past this: run it last), then asks the service for inclusion
     * proofs of random synthetic leaves over HTTP, checks one against the root computed here, and
     * returns the closed-loop results one at a time and four at a time, and last, as the floor of this
     * machine's HTTP in the same run, the public key (no database, no tree) one at a time. The timed
     * runs are wrk's ({@link WrkLoad}), so that a client's own pauses are not counted as the service's.
     */
    static List<LoadGenerator.Result> inclusionProofs(String url, String auditor, String jdbcUrl, long size)
            throws Exception {
        long first;
        CompactRange tree;
        try (Connection c = DriverManager.getConnection(jdbcUrl, "screening", "screening")) {
            try (ResultSet rs = c.createStatement().executeQuery(
                    "select coalesce(max(idx) + 1, 0) from audit_tree_node where level = 0")) {
                rs.next();
                first = rs.getLong(1);
            }
            Map<TreeNode, byte[]> frontier = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("select hash from audit_tree_node where level = ? and idx = ?")) {
                for (TreeNode node : MerkleTree.nodesOf(0, first)) {
                    s.setInt(1, node.level());
                    s.setLong(2, node.index());
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        frontier.put(node, rs.getBytes(1));
                    }
                }
            }
            tree = CompactRange.of(first, frontier::get);
            StringBuilder rows = new StringBuilder();
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (long i = first; i < size; i++) {
                for (CompactRange.Completed done : tree.append(syntheticLeaf(i))) {
                    rows.append(done.node().level()).append('\t').append(done.node().index()).append("\t\\\\x")
                            .append(HexFormat.of().formatHex(done.hash())).append('\n');
                }
                if (rows.length() > 8_000_000 || i == size - 1) {
                    copy.copyIn("copy audit_tree_node (level, idx, hash) from stdin", new StringReader(rows.toString()));
                    rows.setLength(0);
                }
            }
            // A tree that grew by two million rows at once: give the planner its statistics now, as
            // autovacuum would soon after, rather than in the middle of the measurement.
            c.createStatement().execute("vacuum analyze audit_tree_node");
        }
        // And write its pages out now, so that the checkpointer does not do it while proofs are timed
        // (a checkpoint is the superuser's; the bench's private cluster trusts local connections).
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            c.createStatement().execute("checkpoint");
        }
        long from = first;
        String body = java.net.http.HttpClient.newHttpClient().send(LoadGenerator.request(url
                + "/api/v1/audit/proofs/inclusion?sequence=" + (size - 7) + "&treeSize=" + size, auditor).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Object> one = new com.fasterxml.jackson.databind.ObjectMapper().readValue(body, Map.class);
        @SuppressWarnings("unchecked")
        List<byte[]> hashes = ((List<String>) one.get("hashes")).stream().map(Base64.getDecoder()::decode).toList();
        if (!MerkleTree.verifyInclusion(size - 8, size, syntheticLeaf(size - 8), hashes, tree.root())) {
            throw new IllegalStateException("the service's inclusion proof does not verify");
        }
        awaitHeld(url, size);
        String proofs = "/api/v1/audit/proofs/inclusion?sequence={n}&treeSize=" + size;
        // Steady state, as a replica serves proofs all day: after 5 s of warm-up the first timed second
        // still ran partly in the interpreter (p99 11.6 ms, against 2.8 ms for the same service warm).
        WrkLoad.closedLoop("inclusion warm-up", url, auditor, 4, Duration.ofSeconds(20), proofs, from + 1, size);
        WrkLoad.closedLoop("inclusion warm-up", url, auditor, 1, Duration.ofSeconds(5), proofs, from + 1, size);
        String publicKey = "/api/v1/audit/public-key";
        WrkLoad.closedLoop("public key warm-up", url, auditor, 1, Duration.ofSeconds(5), publicKey, 0, 0);
        return List.of(WrkLoad.closedLoop("inclusion proof at " + size, url, auditor, 1, Duration.ofSeconds(20), proofs,
                        from + 1, size),
                WrkLoad.closedLoop("inclusion proof at " + size, url, auditor, 4, Duration.ofSeconds(20), proofs,
                        from + 1, size),
                WrkLoad.closedLoop("public key", url, auditor, 1, Duration.ofSeconds(20), publicKey, 0, 0));
    }

    /**
     * Waits until the service holds the whole tree in memory, as it does from its start for a tree
     * that is there then (this one grew behind its back), and says how long reading it took.
     */
    private static void awaitHeld(String url, long size) throws Exception {
        long started = System.nanoTime();
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        HttpRequest metrics = HttpRequest.newBuilder(java.net.URI.create(url + "/q/metrics")).build();
        while (System.nanoTime() - started < Duration.ofMinutes(2).toNanos()) {
            double held = nl.kennisveiligheid.screening.support.MetricSample.of(
                    client.send(metrics, java.net.http.HttpResponse.BodyHandlers.ofString()).body(),
                    "screening_audit_tree_held_leaves").orElse(0);
            if (held >= size) {
                System.out.printf("[bench] the service held the tree of %d leaves in memory %d ms after the first proof%n",
                        size, (System.nanoTime() - started) / 1_000_000);
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the service did not hold the tree of " + size + " leaves in memory within 2 minutes");
    }

    private static byte[] syntheticLeaf(long index) {
        return MerkleTree.leafHash(("bench leaf " + index).getBytes(StandardCharsets.UTF_8));
    }
}
