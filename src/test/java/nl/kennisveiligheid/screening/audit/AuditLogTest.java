package nl.kennisveiligheid.screening.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import nl.kennisveiligheid.screening.privacy.RetentionJob;
import nl.kennisveiligheid.screening.policy.PolicyService;
import nl.kennisveiligheid.screening.support.LocalInfra;
import nl.kennisveiligheid.screening.support.Requests;
import nl.kennisveiligheid.screening.support.Tokens;
import nl.kennisveiligheid.screening.support.TopicCopies;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The audit log on the real broker: what is in it, that it verifies, and that faults lose nothing. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "screening.audit.topic")
    String topic;

    @Inject
    KafkaSettings kafkaSettings;

    @Inject
    AuditConfig auditConfig;

    @Inject
    EntityManager em;

    @Inject
    OutboxRelay relay;

    @Inject
    RetentionJob retention;

    @Inject
    CaseKeys caseKeys;

    @Inject
    PolicyService policies;

    @Inject
    AuditKeys keys;

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    @Inject
    nl.kennisveiligheid.screening.common.DedicatedConnections connections;

    @Inject
    java.time.Clock clock;

    @Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    List<ObjectNode> log() throws Exception {
        return log(topic);
    }

    List<ObjectNode> log(String fromTopic) throws Exception {
        List<ObjectNode> events = new ArrayList<>();
        LogReader.readAll(bootstrap, fromTopic, events::add);
        return events;
    }

    List<ObjectNode> await(Predicate<List<ObjectNode>> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            List<ObjectNode> events = log();
            if (condition.test(events) || System.nanoTime() > deadline) {
                assertThat(condition.test(events)).as("condition on the log reached in time").isTrue();
                return events;
            }
            Thread.sleep(300);
        }
    }

    static Predicate<List<ObjectNode>> hasCase(String caseId, String type) {
        return events -> events.stream().anyMatch(e -> caseId.equals(e.path("caseId").asText())
                && type.equals(e.path("type").asText()));
    }

    static String submit(Map<String, Object> body) {
        return given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/screenings").then().statusCode(201).extract().path("id");
    }

    /** What any outside verifier does, in a few lines with a JCS library and the JDK. */
    static boolean verifiesIndependently(ObjectNode event, Map<String, String> jwk) throws Exception {
        ObjectNode body = event.deepCopy();
        body.remove("hash");
        body.remove("signature");
        byte[] canonical = new JsonCanonicalizer(body.toString()).getEncodedUTF8();
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        PublicKey key = Ed25519Jwk.fromX(jwk.get("x"));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(canonical);
        return hash.equals(event.get("hash").asText())
                && verifier.verify(Base64.getUrlDecoder().decode(event.get("signature").asText()));
    }

    @Test
    @Order(1)
    void thePublicKeyIsAnEd25519JwkForAnyone() {
        given().get("/api/v1/audit/public-key").then().statusCode(200)
                .body("kty", equalTo("OKP")).body("crv", equalTo("Ed25519"))
                .body("x", matchesPattern("[A-Za-z0-9_-]{43}"));
    }

    @Test
    @Order(2)
    void everyDecisionAndPublicationIsASignedChainedEventWithoutReadablePersonalData() throws Exception {
        String caseId = submit(Requests.clean());
        List<ObjectNode> events = await(hasCase(caseId, "DECISION_RECORDED"));
        Map<String, String> jwk = given().get("/api/v1/audit/public-key").then().extract().as(Map.class);
        ObjectNode policy = events.get(0);
        assertThat(policy.get("type").asText()).isEqualTo("POLICY_PUBLISHED");
        assertThat(policy.get("sequence").asLong()).isEqualTo(1);
        assertThat(policy.get("prevHash").asText()).isEqualTo("0".repeat(64));
        String document = new String(new GZIPInputStream(new ByteArrayInputStream(
                Base64.getDecoder().decode(policy.get("payload").asText()))).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(document.getBytes(StandardCharsets.UTF_8)))).isEqualTo(policy.get("policyHash").asText());
        for (int i = 0; i < events.size(); i++) {
            ObjectNode e = events.get(i);
            assertThat(e.get("sequence").asLong()).isEqualTo(i + 1);
            if (i > 0) {
                assertThat(e.get("prevHash").asText()).isEqualTo(events.get(i - 1).get("hash").asText());
            }
            assertThat(verifiesIndependently(e, jwk)).as("event " + (i + 1) + " verifies").isTrue();
            assertThat(e.toString()).doesNotContainPattern("\\d+\\.\\d+[,}]");
        }
        ObjectNode decision = events.stream().filter(e -> caseId.equals(e.path("caseId").asText()))
                .findFirst().orElseThrow();
        assertThat(decision.fieldNames()).toIterable().containsExactlyInAnyOrder("eventId", "sequence", "type",
                "occurredAt", "caseId", "institution", "subject", "outcome", "decidedBy", "policyVersion", "policyHash",
                "reasons", "payload", "prevHash", "hash", "signature");
        assertThat(decision.get("outcome").asText()).isEqualTo("CLEARED");
        assertThat(decision.get("decidedBy").asText()).isEqualTo("automated");
        assertThat(decision.get("institution").asText()).isEqualTo("demo-university");
        assertThat(decision.get("subject").asText()).matches("[A-Za-z0-9_-]{43}");
        assertThat(decision.toString()).doesNotContain("Li Wei", "李伟", "1990-04-01", "Delft University");
        byte[] key = caseKeys.find(UUID.fromString(caseId)).orElseThrow();
        String plain = new String(PayloadCipher.decrypt(key, decision.get("payload").asText(), caseId), StandardCharsets.UTF_8);
        assertThat(plain).contains("Li Wei", "1990-04-01");
    }

    @Test
    @Order(3)
    void noPseudonymLinksTwoCasesOfOnePersonOnTheLog() throws Exception {
        Map<String, Object> first = Requests.clean();
        Map<String, Object> again = Requests.clean();
        Map<String, Object> other = Requests.clean();
        Requests.candidate(other).put("fullName", "Zhang San");
        String a = submit(first);
        String b = submit(again);
        String c = submit(other);
        List<ObjectNode> events = await(hasCase(c, "DECISION_RECORDED").and(hasCase(a, "DECISION_RECORDED"))
                .and(hasCase(b, "DECISION_RECORDED")));
        Map<String, String> subjects = events.stream().filter(e -> Set.of(a, b, c).contains(e.path("caseId").asText()))
                .collect(Collectors.toMap(e -> e.get("caseId").asText(), e -> e.get("subject").asText()));
        // Keyed per case: after one case's key is shredded its events cannot be tied to the person's other cases.
        assertThat(subjects.get(a)).isNotEqualTo(subjects.get(b)).isNotEqualTo(subjects.get(c));
        assertThat(subjects.get(a)).isEqualTo(PayloadCipher.subjectPseudonym(caseKeys.find(UUID.fromString(a)).orElseThrow(),
                nl.kennisveiligheid.screening.decision.CaseSnapshot.subjectMaterial("Li  WEI", "1990-04-01")));
    }

    @Test
    @Order(4)
    void aReplayOfAFewThousandEventsFindsAnIntactChainAndNoMismatch() throws Exception {
        String token = Tokens.demoUniversity();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            Map<String, Object> body = i % 3 == 0 ? Requests.exempt() : i % 3 == 1 ? Requests.clean() : Requests.flagged();
            results.add(pool.submit(() -> given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/screenings").statusCode()));
        }
        for (Future<Integer> f : results) {
            assertThat(f.get()).isEqualTo(201);
        }
        pool.shutdown();
        awaitOutboxEmpty();
        String replayId = startReplay();
        Map<String, Object> report = awaitReplay(replayId);
        assertThat(report.get("chainIntact")).isEqualTo(true);
        assertThat(report.get("signaturesValid")).isEqualTo(true);
        assertThat(((Number) report.get("eventsRead")).longValue()).isGreaterThan(1300);
        assertThat(((Number) report.get("rederived")).longValue()).isGreaterThan(1300);
        assertThat((List<?>) report.get("mismatches")).isEmpty();
        assertThat((List<String>) report.get("policyVersions")).contains("2026.1");
        given().auth().oauth2(Tokens.officer1()).get("/api/v1/audit/replays/" + replayId).then().statusCode(403);
    }

    @Test
    @Order(5)
    void aTamperedEventIsFoundAtItsSequenceAndADuplicateIsIgnored() throws Exception {
        // The copies are made from the sealed records as the relay stored and sent them, in sequence order:
        // the shared topic of the test run is restored, rejected and redelivered by other tests meanwhile.
        @SuppressWarnings("unchecked")
        List<String> sealed = em.createNativeQuery("select event from outbox_event where sequence is not null"
                + " order by sequence").getResultList();
        List<ObjectNode> events = new ArrayList<>();
        for (String record : sealed) {
            events.add((ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(record));
        }
        String tampered = topic + ".tampered";
        String duplicated = topic + ".duplicated";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(tampered, 1, (short) 1), new NewTopic(duplicated, 1, (short) 1)))
                    .all().get();
            List<String> tamperedCopy = new ArrayList<>();
            List<String> duplicatedCopy = new ArrayList<>();
            for (ObjectNode original : events) {
                long sequence = original.path("sequence").asLong();
                ObjectNode e = original.deepCopy();
                if (sequence == 3) {
                    e.put("outcome", "REFUSED".equals(e.path("outcome").asText()) ? "APPROVED" : "REFUSED");
                }
                tamperedCopy.add(e.toString());
                duplicatedCopy.add(original.toString());
                if (sequence == 4) {
                    duplicatedCopy.add(original.toString());
                }
            }
            TopicCopies.write(bootstrap, tampered, tamperedCopy);
            TopicCopies.write(bootstrap, duplicated, duplicatedCopy);
        }
        ChainVerifier broken = new ChainVerifier(keys.publicKey());
        log(tampered).forEach(broken::accept);
        assertThat(broken.chainIntact()).isFalse();
        assertThat(broken.firstBrokenSequence()).isEqualTo(3);
        assertThat(broken.signaturesValid()).isFalse();
        ChainVerifier withDuplicate = new ChainVerifier(keys.publicKey());
        log(duplicated).forEach(withDuplicate::accept);
        assertThat(withDuplicate.chainIntact()).isTrue();
        assertThat(withDuplicate.duplicates()).isEqualTo(1);
        assertThat(withDuplicate.eventsRead()).isEqualTo(events.size());
    }

    @Test
    @Order(6)
    void decisionsCommitWhileKafkaIsDownAndReachTheLogOnceEachAfterItReturns() throws Exception {
        LocalInfra.run("kafka-stop");
        List<String> ids = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                ids.add(submit(Requests.clean()));
            }
            Number waiting = QuarkusTransaction.requiringNew().call(() -> (Number) em.createNativeQuery(
                    "select count(*) from outbox_event where sent_at is null").getSingleResult());
            assertThat(waiting.longValue()).isGreaterThanOrEqualTo(5);
            // Readiness reports what its background look last saw (every two seconds).
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!"unreachable".equals(given().get("/q/health/ready").then().statusCode(200).extract()
                    .path("checks.find { it.name == 'Kafka and audit outbox' }.data.kafka")) && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            given().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'Kafka and audit outbox' }.data.kafka", equalTo("unreachable"))
                    .body("checks.find { it.name == 'Kafka and audit outbox' }.data.degraded", equalTo(true));
        } finally {
            LocalInfra.run("kafka-start");
        }
        List<ObjectNode> events = await(log -> ids.stream().allMatch(id -> hasCase(id, "DECISION_RECORDED").test(log)));
        for (String id : ids) {
            assertThat(events.stream().filter(e -> id.equals(e.path("caseId").asText()))
                    .map(e -> e.get("eventId").asText()).distinct().count()).isEqualTo(1);
        }
        ChainVerifier chain = new ChainVerifier(keys.publicKey());
        events.forEach(chain::accept);
        assertThat(chain.chainIntact()).isTrue();
        assertThat(chain.signaturesValid()).isTrue();
    }

    @Test
    @Order(7)
    void aRelayKilledBetweenSendAndMarkResendsTheSameEventNotANewSequence() throws Exception {
        relay.stop();
        String caseId;
        try {
            caseId = submit(Requests.clean());
            assertThat(relay.sequenceWaiting()).isGreaterThanOrEqualTo(1);
            String stored = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                    "select o.event from outbox_event o where o.record_key = ?1").setParameter(1, caseId).getSingleResult());
            try (KafkaProducer<String, String> killedRelay = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                killedRelay.send(new ProducerRecord<>(topic, caseId, stored)).get();
            }
        } finally {
            relay.start();
        }
        String id = caseId;
        List<ObjectNode> events = await(log -> log.stream().filter(e -> id.equals(e.path("caseId").asText())).count() >= 2);
        List<ObjectNode> copies = events.stream().filter(e -> id.equals(e.path("caseId").asText())).toList();
        assertThat(copies).extracting(e -> e.get("eventId").asText()).containsOnly(copies.get(0).get("eventId").asText());
        assertThat(copies).extracting(e -> e.get("sequence").asLong()).containsOnly(copies.get(0).get("sequence").asLong());
        ChainVerifier chain = new ChainVerifier(keys.publicKey());
        events.forEach(chain::accept);
        assertThat(chain.chainIntact()).isTrue();
        assertThat(chain.duplicates()).isGreaterThanOrEqualTo(1);
    }

    @Test
    @Order(8)
    void twoRelaysRaceAndOneIsActiveThenTheOtherTakesOver() throws Exception {
        OutboxRelay second = new OutboxRelay();
        second.dataSource = dataSource;
        second.keys = keys;
        second.clock = clock;
        second.metrics = metrics;
        second.kafka = kafkaSettings;
        second.config = auditConfig;
        second.connections = connections;
        second.start();
        try {
            Thread.sleep(2_000);
            assertThat(relay.isActive()).isTrue();
            assertThat(second.isActive()).isFalse();
            relay.stop();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!second.isActive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(second.isActive()).isTrue();
            String caseId = submit(Requests.clean());
            List<ObjectNode> events = await(hasCase(caseId, "DECISION_RECORDED"));
            ChainVerifier chain = new ChainVerifier(keys.publicKey());
            events.forEach(chain::accept);
            assertThat(chain.chainIntact()).isTrue();
        } finally {
            second.stop();
            relay.start();
        }
    }

    @Test
    @Order(9)
    void cryptoShreddingErasesTheInputEverywhereAndTheChainStillVerifies() throws Exception {
        String caseId = submit(Requests.clean());
        await(hasCase(caseId, "DECISION_RECORDED"));
        int erased = retention.eraseDue(Instant.now().plus(Duration.ofDays(366L * 6)));
        assertThat(erased).isGreaterThanOrEqualTo(1);
        given().auth().oauth2(Tokens.demoUniversity()).get("/api/v1/screenings/" + caseId).then().statusCode(200)
                .body("request", org.hamcrest.Matchers.nullValue()).body("status", equalTo("CLEARED"));
        Object[] key = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "select wrapped_key, key_bytes from case_key where case_id = ?1").setParameter(1, UUID.fromString(caseId))
                .getSingleResult());
        assertThat(key).containsOnlyNulls();
        assertThat(caseKeys.find(UUID.fromString(caseId))).isEmpty();
        List<ObjectNode> events = await(hasCase(caseId, "PERSONAL_DATA_ERASED"));
        ChainVerifier chain = new ChainVerifier(keys.publicKey());
        events.forEach(chain::accept);
        assertThat(chain.chainIntact()).isTrue();
        assertThat(chain.signaturesValid()).isTrue();
        String replayId = startReplay();
        Map<String, Object> report = awaitReplay(replayId);
        assertThat(((Number) report.get("erased")).longValue()).isGreaterThanOrEqualTo(1);
        assertThat((List<?>) report.get("mismatches")).isEmpty();
        assertThat(report.get("chainIntact")).isEqualTo(true);
    }

    @Test
    @Order(10)
    void aPolicyChangedBehindTheLogsBackMakesReplayReportMismatches() throws Exception {
        String version = "tampered-" + UUID.randomUUID().toString().substring(0, 8);
        String restore = "restore-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            publishCopyOfDefault(version);
            QuarkusTransaction.requiringNew().run(() -> {
                String document = (String) em.createNativeQuery("select document from policy_version where version = ?1")
                        .setParameter(1, version).getSingleResult();
                String changed = document.replace("\"id\":\"hit\"", "\"id\":\"hit-renamed\"")
                        .replace("Harbin Institute of Technology", "Some Other Institute")
                        .replace("Harbin Gongye Daxue", "Some Other Alias").replace("哈尔滨工业大学", "其他");
                String hash = nl.kennisveiligheid.screening.common.CanonicalJson.sha256Hex(
                        changed.getBytes(StandardCharsets.UTF_8));
                em.createNativeQuery("update policy_version set document = ?2, content_hash = ?3 where version = ?1")
                        .setParameter(1, version).setParameter(2, changed).setParameter(3, hash).executeUpdate();
            });
            policies.recompileFromStorage();
            String caseId = given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON)
                    .body(Requests.flagged()).post("/api/v1/screenings").then().statusCode(201)
                    .body("status", equalTo("CLEARED")).extract().path("id");
            await(hasCase(caseId, "DECISION_RECORDED"));
            String replayId = startReplay();
            Map<String, Object> report = awaitReplay(replayId);
            List<Map<String, Object>> mismatches = (List<Map<String, Object>>) report.get("mismatches");
            assertThat(mismatches).anySatisfy(m -> {
                assertThat(m.get("caseId")).isEqualTo(caseId);
                assertThat(m.get("expected")).isEqualTo("FLAGGED");
                assertThat(m.get("found")).isEqualTo("CLEARED");
            });
            assertThat(report.get("chainIntact")).isEqualTo(true);
        } finally {
            publishCopyOfDefault(restore);
        }
    }

    private void publishCopyOfDefault(String version) {
        Map<String, Object> document = given().auth().oauth2(Tokens.user("policyadmin1"))
                .get("/api/v1/policies/2026.1").then().statusCode(200).extract().path("document");
        document.put("version", version);
        given().auth().oauth2(Tokens.user("policyadmin1")).contentType(ContentType.JSON).body(document)
                .post("/api/v1/policies").then().statusCode(201);
        nl.kennisveiligheid.screening.support.Policies.publish(version, "{}").statusCode(200);
    }

    /** Starts a replay as auditor1, waiting while another of theirs still runs (one at a time: 429 meanwhile). */
    private static String startReplay() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            io.restassured.response.Response r = given().auth().oauth2(Tokens.user("auditor1"))
                    .contentType(ContentType.JSON).body("{}").post("/api/v1/audit/replays");
            if (r.statusCode() != 429 || System.nanoTime() > deadline) {
                return r.then().statusCode(202).body("status", equalTo("RUNNING")).extract().path("id");
            }
            Thread.sleep(300);
        }
    }

    private Map<String, Object> awaitReplay(String replayId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Object> report = given().auth().oauth2(Tokens.user("auditor1"))
                    .get("/api/v1/audit/replays/" + replayId).then().statusCode(200).extract().as(Map.class);
            if (!"RUNNING".equals(report.get("status"))) {
                assertThat(report.get("status")).isEqualTo("COMPLETED");
                return report;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("replay did not finish in time");
    }

    private void awaitOutboxEmpty() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Number waiting = QuarkusTransaction.requiringNew().call(() -> (Number) em.createNativeQuery(
                    "select count(*) from outbox_event where sent_at is null").getSingleResult());
            if (waiting.longValue() == 0) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("outbox not drained in time");
    }
}
