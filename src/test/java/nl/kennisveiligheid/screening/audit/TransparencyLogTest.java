package nl.kennisveiligheid.screening.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import nl.kennisveiligheid.screening.audit.tree.Checkpoint;
import nl.kennisveiligheid.screening.audit.tree.MerkleTree;
import nl.kennisveiligheid.screening.audit.tree.SignedNote;
import nl.kennisveiligheid.screening.audit.tree.TlogProof;
import nl.kennisveiligheid.screening.support.Requests;
import nl.kennisveiligheid.screening.support.Tokens;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The log as a transparency log, as an institution and an auditor use it: a decision's proof checked
 * offline with nothing but the public key, checkpoints in the C2SP formats, RFC 9162 proofs between
 * them, and the checkpoints on the topic matching the tree rebuilt from the topic's own records.
 */
@QuarkusTest
class TransparencyLogTest {

    static final String ORIGIN = "screening.kennisveiligheid.nl/decisions";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "screening.audit.topic")
    String topic;

    static List<SignedNote.NoteKey> trusted() {
        Map<String, String> jwk = given().get("/api/v1/audit/public-key").then().statusCode(200).extract().as(Map.class);
        return List.of(new SignedNote.NoteKey(ORIGIN, Ed25519Jwk.fromX(jwk.get("x"))));
    }

    static String decidedCase() {
        return given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body(Requests.clean())
                .post("/api/v1/screenings").then().statusCode(201).extract().path("id");
    }

    /** The decision's proof, once the checkpoint that covers it is signed (409 proof-pending until then). */
    static Response decisionProof(String caseId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Response r = given().auth().oauth2(Tokens.demoUniversity()).get("/api/v1/screenings/" + caseId + "/decision-proof");
            if (r.statusCode() == 200 || System.nanoTime() > deadline) {
                return r;
            }
            assertThat(r.statusCode()).as("before its proof the decision is pending or not yet on the log").isIn(404, 409);
            if (r.statusCode() == 409) {
                r.then().header("Retry-After", "1").body("type", endsWith("/proof-pending"));
            }
            Thread.sleep(200);
        }
    }

    static Checkpoint checkpoint(String note) throws SignedNote.Refused {
        return Checkpoint.parse(SignedNote.open(note, trusted()));
    }

    @Test
    void aDecisionsProofVerifiesOfflineWithOnlyThePublicKey() throws Exception {
        String caseId = decidedCase();
        Response r = decisionProof(caseId);
        r.then().statusCode(200);
        String record = r.path("record");
        long sequence = r.jsonPath().getLong("sequence");
        String proof = r.path("proof");
        assertThat(proof).startsWith("c2sp.org/tlog-proof@v1\nindex " + (sequence - 1) + "\n");
        assertThat(record).contains("\"caseId\":\"" + caseId + "\"").contains("\"type\":\"DECISION_RECORDED\"")
                .contains("\"sequence\":" + sequence + ",");
        assertThat(r.jsonPath().getList("decisions")).hasSize(1);

        Checkpoint at = TlogProof.parse(proof).verify(record.getBytes(StandardCharsets.UTF_8), ORIGIN, trusted());
        assertThat(at.size()).isGreaterThanOrEqualTo(sequence);
        String altered = record.replace("\"outcome\":\"", "\"outcome\":\"X");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TlogProof.parse(proof)
                .verify(altered.getBytes(StandardCharsets.UTF_8), ORIGIN, trusted())).isInstanceOf(SignedNote.Refused.class);

        List<String> onTopic = new ArrayList<>();
        LogReader.readBatches(Map.of(), bootstrap, topic, batch -> batch.forEach(b -> onTopic.add(EventSigning.utf8(b))));
        assertThat(onTopic).as("the record is byte for byte the one on the topic").contains(record);

        given().auth().oauth2(Tokens.hrClient(Tokens.OTHER_INSTITUTE)).get("/api/v1/screenings/" + caseId + "/decision-proof")
                .then().statusCode(404);
        given().auth().oauth2(Tokens.user("auditor1")).get("/api/v1/screenings/" + caseId + "/decision-proof")
                .then().statusCode(403);
    }

    @Test
    void checkpointsAreSignedNotesForAnyoneAndProofsLinkThem() throws Exception {
        decisionProof(decidedCase()).then().statusCode(200);
        Response first = given().get("/api/v1/audit/checkpoint");
        first.then().statusCode(200).contentType("text/plain");
        Checkpoint earlier = checkpoint(first.asString());
        assertThat(first.asString()).startsWith(ORIGIN + "\n" + earlier.size() + "\n").contains("\n\n\u2014 " + ORIGIN + " ");

        String later = decidedCase();
        long laterSequence = decisionProof(later).jsonPath().getLong("sequence");
        Checkpoint latest = checkpoint(given().get("/api/v1/audit/checkpoint").asString());
        assertThat(latest.size()).isGreaterThanOrEqualTo(laterSequence).isGreaterThan(earlier.size());
        assertThat(checkpoint(given().queryParam("treeSize", earlier.size()).get("/api/v1/audit/checkpoint").asString()))
                .as("a past checkpoint is served by its size").isEqualTo(earlier);
        Checkpoint empty = checkpoint(given().queryParam("treeSize", 0).get("/api/v1/audit/checkpoint").asString());
        assertThat(empty.rootHash()).as("the log's first checkpoint is of the empty tree").isEqualTo(MerkleTree.emptyRoot());

        String auditor = Tokens.user("auditor1");
        Map<String, Object> consistency = given().auth().oauth2(auditor).queryParam("from", earlier.size())
                .queryParam("to", latest.size()).get("/api/v1/audit/proofs/consistency").then().statusCode(200)
                .extract().as(Map.class);
        assertThat(MerkleTree.verifyConsistency(earlier.size(), latest.size(), earlier.rootHash(), latest.rootHash(),
                decode(consistency.get("hashes")))).as("the later tree extends the earlier one").isTrue();

        Map<String, Object> inclusion = given().auth().oauth2(auditor).queryParam("sequence", laterSequence)
                .queryParam("treeSize", latest.size()).get("/api/v1/audit/proofs/inclusion").then().statusCode(200)
                .extract().as(Map.class);
        assertThat(((Number) inclusion.get("leafIndex")).longValue()).isEqualTo(laterSequence - 1);
        String record = decisionProof(later).path("record");
        assertThat(MerkleTree.verifyInclusion(laterSequence - 1, latest.size(),
                MerkleTree.leafHash(record.getBytes(StandardCharsets.UTF_8)), decode(inclusion.get("hashes")),
                latest.rootHash())).isTrue();

        given().auth().oauth2(Tokens.demoUniversity()).queryParam("from", 1).queryParam("to", latest.size())
                .get("/api/v1/audit/proofs/consistency").then().statusCode(403);

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String behind;
        do {
            Thread.sleep(200);
            behind = given().get("/q/metrics").asString().lines().filter(l -> l.startsWith("screening_audit_checkpoint_behind"))
                    .findFirst().orElse("");
        } while (!behind.endsWith(" 0.0") && System.nanoTime() < deadline);
        assertThat(behind).as("once the relay is idle a checkpoint covers every event on the topic").endsWith(" 0.0");
    }

    @jakarta.inject.Inject
    TreeProofs proofs;

    @Test
    void proofsFromTheSubtreesHeldInMemoryAreTheStoredTreesOnesAndATreeBeyondThemIsReadFromTheDatabase() throws Exception {
        decisionProof(decidedCase()).then().statusCode(200);
        long size = proofs.treeSize();
        String auditor = Tokens.user("auditor1");
        given().auth().oauth2(auditor).queryParam("sequence", 1).queryParam("treeSize", size)
                .get("/api/v1/audit/proofs/inclusion").then().statusCode(200);
        awaitHeld(size);
        assertThat(nl.kennisveiligheid.screening.support.MetricSample.of(given().get("/q/metrics").asString(),
                "screening_audit_tree_held_leaves").orElse(0)).as("the metric of what is held").isGreaterThanOrEqualTo(size);
        try (java.sql.Connection c = dataSource.getConnection()) {
            for (long n = 1; n <= size; n++) {
                assertThat(proofs.inclusionProof(n, size)).as("inclusion of %s in %s", n, size)
                        .containsExactlyElementsOf(MerkleStore.hashes(c, MerkleTree.inclusionPath(n - 1, size)));
                assertThat(proofs.consistencyProof(n, size)).as("consistency of %s with %s", n, size)
                        .containsExactlyElementsOf(MerkleStore.hashes(c, MerkleTree.consistencyPath(n, size)));
            }
        }

        String later = decidedCase();
        long laterSequence = decisionProof(later).jsonPath().getLong("sequence");
        Checkpoint latest = checkpoint(given().get("/api/v1/audit/checkpoint").asString());
        Map<String, Object> inclusion = given().auth().oauth2(auditor).queryParam("sequence", laterSequence)
                .queryParam("treeSize", latest.size()).get("/api/v1/audit/proofs/inclusion").then().statusCode(200)
                .extract().as(Map.class);
        String record = decisionProof(later).path("record");
        assertThat(MerkleTree.verifyInclusion(laterSequence - 1, latest.size(),
                MerkleTree.leafHash(record.getBytes(StandardCharsets.UTF_8)), decode(inclusion.get("hashes")),
                latest.rootHash())).as("the proof in a tree grown past what was held").isTrue();
        awaitHeld(latest.size());
        assertThat(proofs.inclusionProof(laterSequence, latest.size())).as("and the same proof once it is held")
                .containsExactlyElementsOf(decode(inclusion.get("hashes")));
    }

    private void awaitHeld(long size) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!proofs.answersFromMemory(size) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(proofs.answersFromMemory(size)).as("the tree of %s is held in memory after a proof asked for it", size).isTrue();
    }

    @Test
    void badProofParametersAreProblemsNamingTheField() {
        String auditor = Tokens.user("auditor1");
        given().auth().oauth2(auditor).queryParam("sequence", "0").queryParam("treeSize", "1")
                .get("/api/v1/audit/proofs/inclusion").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("sequence"));
        given().auth().oauth2(auditor).queryParam("sequence", "1").queryParam("treeSize", "999999999999")
                .get("/api/v1/audit/proofs/inclusion").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("treeSize"));
        given().auth().oauth2(auditor).queryParam("from", "2").queryParam("to", "1")
                .get("/api/v1/audit/proofs/consistency").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("from"));
        given().queryParam("treeSize", "x").get("/api/v1/audit/checkpoint").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("treeSize"));
        given().queryParam("treeSize", "999999999999").get("/api/v1/audit/checkpoint").then().statusCode(404);
    }

    @Test
    void theCheckpointsOnTheTopicMatchTheTreeRebuiltFromItsRecords() throws Exception {
        decisionProof(decidedCase()).then().statusCode(200);
        long latest = checkpoint(given().get("/api/v1/audit/checkpoint").asString()).size();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        ChainVerifier chain;
        do {
            chain = new ChainVerifier(trusted().get(0).publicKey());
            LogReader.readBatches(Map.of(), bootstrap, topic, chain::acceptRecords);
            Thread.sleep(200);
        } while (!topicHasCheckpoint(latest) && System.nanoTime() < deadline);
        assertThat(chain.tree().checkpointsVerified()).as("checkpoints on the topic, each checked").isGreaterThan(0);
        assertThat(chain.tree().checkpointsValid()).isTrue();
        assertThat(chain.chainIntact()).isTrue();
    }

    private boolean topicHasCheckpoint(long treeSize) throws Exception {
        List<String> records = new ArrayList<>();
        LogReader.readBatches(Map.of(), bootstrap, topic, batch -> batch.forEach(b -> records.add(EventSigning.utf8(b))));
        return records.stream().anyMatch(r -> r.contains("\"treeSize\":" + treeSize + ",") && r.contains("\"type\":\"CHECKPOINT\""));
    }

    @jakarta.inject.Inject
    AuditKeys keys;

    /** Starts a replay as auditor1 with this body, waiting while another of theirs runs; returns the 202 body. */
    static Map<String, Object> startReplay(Object body) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            Response r = given().auth().oauth2(Tokens.user("auditor1")).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/audit/replays");
            if (r.statusCode() != 429 || System.nanoTime() > deadline) {
                r.then().statusCode(202);
                return r.as(Map.class);
            }
            Thread.sleep(500);
        }
    }

    static Map<String, Object> finished(Object id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            Map<String, Object> report = given().auth().oauth2(Tokens.user("auditor1")).get("/api/v1/audit/replays/" + id)
                    .then().statusCode(200).extract().as(Map.class);
            if (!"RUNNING".equals(report.get("status")) || System.nanoTime() > deadline) {
                return report;
            }
            Thread.sleep(300);
        }
    }

    /** A checkpoint signed with the log's own key, as a compromised or mistaken log might issue it. */
    private String signedWithTheLogsKey(long size, byte[] root) {
        return SignedNote.sign(new Checkpoint(ORIGIN, size, root).body(), ORIGIN, keys.signingKey(), keys.publicKey());
    }

    @Test
    void aReplayHoldsTheLogToTheLatestCheckpointAndHasNoVerdictWhileItRuns() throws Exception {
        decisionProof(decidedCase()).then().statusCode(200);
        Map<String, Object> running = startReplay("{}");
        assertThat(running.get("status")).isEqualTo("RUNNING");
        assertThat(running).as("no verdict before there is one").containsEntry("chainIntact", null)
                .containsEntry("signaturesValid", null).containsEntry("checkpointVerified", null)
                .containsEntry("truncated", null);
        Map<String, Object> report = finished(running.get("id"));
        assertThat(report.get("status")).isEqualTo("COMPLETED");
        assertThat(report.get("chainIntact")).isEqualTo(true);
        assertThat(report.get("checkpointVerified")).isEqualTo(true);
        assertThat(report.get("truncated")).isEqualTo(false);
        assertThat(report.get("checkpointsValid")).isEqualTo(true);
        assertThat(report.get("consistencyVerified")).isEqualTo(true);
        assertThat(((Number) report.get("nonCanonicalRecords")).longValue()).isZero();
        assertThat(((Number) report.get("tamperedRedeliveries")).longValue()).isZero();
        assertThat(((Number) report.get("treeSize")).longValue())
                .isGreaterThanOrEqualTo(((Number) report.get("checkpointTreeSize")).longValue()).isPositive();
        assertThat(Base64.getDecoder().decode((String) report.get("rootHash"))).hasSize(32);
    }

    @Test
    void aReplayTrustingALongerOrForkedCheckpointFailsAndAForeignOneIsRefused() throws Exception {
        decisionProof(decidedCase()).then().statusCode(200);
        String kept = given().get("/api/v1/audit/checkpoint").asString();
        decisionProof(decidedCase()).then().statusCode(200);
        Map<String, Object> honest = finished(startReplay(Map.of("checkpoint", kept)).get("id"));
        assertThat(honest.get("checkpointVerified")).as("a checkpoint kept from before still holds").isEqualTo(true);
        assertThat(honest.get("truncated")).isEqualTo(false);
        assertThat(honest.get("consistencyVerified")).as("the service proves its log extends the kept one").isEqualTo(true);
        Checkpoint latest = checkpoint(given().get("/api/v1/audit/checkpoint").asString());

        String longer = signedWithTheLogsKey(latest.size() + 1_000_000, latest.rootHash());
        Map<String, Object> truncated = finished(startReplay(Map.of("checkpoint", longer)).get("id"));
        assertThat(truncated.get("truncated")).as("the log is shorter than a checkpoint the auditor kept").isEqualTo(true);
        assertThat(truncated.get("checkpointVerified")).isEqualTo(false);
        assertThat(truncated.get("consistencyVerified")).isEqualTo(false);

        String forked = signedWithTheLogsKey(latest.size(), MerkleTree.leafHash("another log".getBytes(StandardCharsets.UTF_8)));
        Map<String, Object> fork = finished(startReplay(Map.of("checkpoint", forked)).get("id"));
        assertThat(fork.get("truncated")).isEqualTo(false);
        assertThat(fork.get("checkpointVerified")).as("another root at the checkpoint's size").isEqualTo(false);
        assertThat(fork.get("consistencyVerified")).isEqualTo(false);

        java.security.KeyPair stranger = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String foreign = SignedNote.sign(latest.body(), ORIGIN, stranger.getPrivate(), stranger.getPublic());
        given().auth().oauth2(Tokens.user("auditor1")).contentType(ContentType.JSON).body(Map.of("checkpoint", foreign))
                .post("/api/v1/audit/replays").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("checkpoint"));
        given().auth().oauth2(Tokens.user("auditor1")).contentType(ContentType.JSON).body(Map.of("from", 0))
                .post("/api/v1/audit/replays").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void copiesOfTheLogThatAreMissingEmptyTruncatedOrRewrittenFailTheTrustedCheckpoint() throws Exception {
        decisionProof(decidedCase()).then().statusCode(200);
        String trusted = given().get("/api/v1/audit/checkpoint").asString();
        long size = checkpoint(trusted).size();
        List<String> records = new ArrayList<>();
        LogReader.readBatches(Map.of(), bootstrap, topic, batch -> batch.forEach(b -> records.add(EventSigning.utf8(b))));
        List<String> events = records.stream().filter(r -> !r.contains("\"type\":\"CHECKPOINT\"")).toList();

        String stamp = Long.toString(System.nanoTime());
        Map<String, List<String>> copies = new java.util.LinkedHashMap<>();
        copies.put("missing", null);
        copies.put("empty", List.of());
        copies.put("tail", events.subList(0, (int) size - 1));
        List<String> rewritten = new ArrayList<>(events);
        int middle = (int) size / 2;
        rewritten.set(middle, rewritten.get(middle).replace("\"type\":\"", "\"type\":\"X"));
        copies.put("rewritten", rewritten);
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            for (Map.Entry<String, List<String>> copy : copies.entrySet()) {
                String name = topic + "." + copy.getKey() + "-" + stamp;
                if (copy.getValue() != null) {
                    admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(name, 1, (short) 1))).all().get();
                    nl.kennisveiligheid.screening.support.TopicCopies.write(bootstrap, name, copy.getValue());
                }
                ChainVerifier chain = new ChainVerifier(keys.publicKey());
                chain.tree().trust(trusted);
                LogReader.readBatches(Map.of(), bootstrap, name, chain::acceptRecords);
                chain.finish();
                assertThat(chain.tree().trustedCheckpointVerified()).as(copy.getKey()).isFalse();
                if (!"rewritten".equals(copy.getKey())) {
                    assertThat(chain.tree().truncated()).as(copy.getKey()).isTrue();
                    assertThat(chain.chainIntact()).as("%s: the chain alone cannot tell", copy.getKey()).isTrue();
                } else {
                    assertThat(chain.chainIntact()).isFalse();
                }
            }
        }
    }

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    /** A case's events as the auditor sees them, once the log holds {@code count} of them. */
    static List<Map<String, Object>> caseEvents(String caseId, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            List<Map<String, Object>> events = given().auth().oauth2(Tokens.user("auditor1"))
                    .get("/api/v1/audit/cases/" + caseId + "/events").then().statusCode(200).extract().jsonPath()
                    .getList("events");
            if (events.size() >= count || System.nanoTime() > deadline) {
                return events;
            }
            Thread.sleep(200);
        }
    }

    @Test
    void aWithdrawnCaseLeavesItsTraceOnTheLogAndTheReplayAccountsForEveryCase() throws Exception {
        String withdrawn = given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON)
                .body(Requests.flagged()).post("/api/v1/screenings").then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/screenings/" + withdrawn + "/withdrawal").then().statusCode(200);
        List<Map<String, Object>> events = caseEvents(withdrawn, 1);
        assertThat(events).extracting(e -> e.get("type")).containsExactly("CASE_WITHDRAWN");
        String record = (String) events.get(0).get("record");
        assertThat(record).contains("\"from\":\"FLAGGED\"").contains("\"to\":\"WITHDRAWN\"")
                .contains("\"decidedBy\":\"institution:");
        given().auth().oauth2(Tokens.demoUniversity()).get("/api/v1/audit/cases/" + withdrawn + "/events")
                .then().statusCode(403);

        String decided = decidedCase();
        decisionProof(decided).then().statusCode(200);
        // A case the database says is withdrawn while the log has its decision: the replay must say so.
        try (java.sql.Connection c = dataSource.getConnection();
                java.sql.PreparedStatement s = c.prepareStatement("update screening_case set status = 'WITHDRAWN' where id = ?")) {
            s.setObject(1, java.util.UUID.fromString(decided));
            s.executeUpdate();
        }
        Map<String, Object> report = finished(startReplay("{}").get("id"));
        @SuppressWarnings("unchecked")
        Map<String, Object> reconciliation = (Map<String, Object>) report.get("reconciliation");
        assertThat((List<String>) reconciliation.get("stateDiffers")).contains(decided);
        assertThat((List<String>) reconciliation.get("notOnLog")).doesNotContain(withdrawn);
        assertThat((List<String>) reconciliation.get("stateDiffers")).doesNotContain(withdrawn);
        assertThat(((Number) reconciliation.get("casesInDatabase")).longValue()).isPositive();
    }

    @SuppressWarnings("unchecked")
    private static List<byte[]> decode(Object hashes) {
        return ((List<String>) hashes).stream().map(Base64.getDecoder()::decode).toList();
    }
}
