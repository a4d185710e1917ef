package nl.kennisveiligheid.screening.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import nl.kennisveiligheid.screening.support.Requests;
import nl.kennisveiligheid.screening.support.Tokens;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The relay under faults that no retry can mend, on the real broker and database: an event that
 * cannot be sealed, a record Kafka refuses for good, and a topic that is lost. The log may halt with
 * an alarm, but it never skips an event and never loses one.
 */
@QuarkusTest
class LogFaultsTest {

    private static final String CHECK = "Kafka and audit outbox";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "screening.audit.topic")
    String topic;

    @Inject
    AuditKeys keys;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxRelay relay;

    @Test
    void theRelayLockLivesOnADedicatedConnectionOutsideThePool() throws Exception {
        Object holder = await("the relay holds its lock", () -> query(
                "select a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid"
                        + " where l.locktype = 'advisory' and l.objid = " + OutboxRelay.RELAY_LOCK), h -> h != null);
        assertThat(holder).isEqualTo("screening-lock");
    }

    @Test
    void anEventThatCannotBeSealedHaltsTheRelayThereWithAnAlarmAndIsNeverSkipped() throws Exception {
        awaitNoAlarm();
        long poison = insertOutboxRow("{\"eventId\": \"cut off");
        try {
            String alarm = awaitAlarm();
            assertThat(alarm).contains("outbox row " + poison, "cannot be sealed", "JsonEOFException")
                    .doesNotContain("cut off");
            assertThat(haltedGauge()).isEqualTo(1.0);

            String caseId = submit();
            Thread.sleep(3_000);
            assertThat(query("select sequence from outbox_event where record_key = '" + caseId + "'"))
                    .as("an event after the poison waits; it does not take the poison's place in the chain").isNull();
            assertThat(relay.alarm()).hasValueSatisfying(a -> assertThat(a).contains("outbox row " + poison));

            // The runbook's repair for a row that is no genuine event: remove it. The relay picks up by itself.
            update("delete from outbox_event where id = " + poison);
            awaitOnTopic(caseId);
            awaitNoAlarm();
            assertThat(haltedGauge()).isZero();
        } finally {
            update("delete from outbox_event where id = " + poison + " and sequence is null");
        }
    }

    @Test
    void aRecordKafkaRefusesForGoodRaisesTheSameAlarmInsteadOfAnEndlessRetry() throws Exception {
        awaitNoAlarm();
        setTopicMaxMessageBytes("600");
        String caseId;
        try {
            caseId = submit();
            String alarm = awaitAlarm();
            assertThat(alarm).containsPattern("outbox row \\d+ \\(sequence \\d+\\)")
                    .containsAnyOf("max.message.bytes", "RecordTooLargeException");
            assertThat(query("select sent_at from outbox_event where record_key = '" + caseId + "'")).isNull();
            assertThat(onTopic(caseId)).isFalse();
        } finally {
            setTopicMaxMessageBytes(null);
        }
        awaitOnTopic(caseId);
        awaitNoAlarm();
        assertChainWholeAndSent();
    }

    @Test
    void aDeletedTopicIsRestoredFromTheOutboxInOrderAndTheReplayFindsTheWholeChain() throws Exception {
        String before = submit();
        awaitOnTopic(before);
        try (Admin admin = admin()) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            await("the topic is gone", () -> admin.listTopics().names().get().contains(topic), gone -> !gone);
        }
        String after = submit();
        awaitOnTopic(after);
        awaitOnTopic(before);
        List<ObjectNode> events = assertChainWholeAndSent();

        String replayId = given().auth().oauth2(Tokens.user("auditor1")).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/audit/replays").then().statusCode(202).extract().path("id");
        Map<String, Object> report = await("the replay finishes", () -> given().auth().oauth2(Tokens.user("auditor1"))
                .get("/api/v1/audit/replays/" + replayId).then().statusCode(200).extract().<Map<String, Object>>as(Map.class),
                r -> !"RUNNING".equals(r.get("status")));
        assertThat(report.get("status")).isEqualTo("COMPLETED");
        assertThat(report.get("chainIntact")).isEqualTo(true);
        assertThat(report.get("signaturesValid")).isEqualTo(true);
        assertThat(((Number) report.get("eventsRead")).longValue()).isGreaterThanOrEqualTo(events.size());

        long head = ((Number) query("select sequence from audit_chain_head")).longValue();
        ChainVerifier restored = await("the restored topic holds a checkpoint of the whole chain", () -> {
            ChainVerifier chain = new ChainVerifier(keys.publicKey());
            LogReader.readBatches(Map.of(), bootstrap, topic, chain::acceptRecords);
            return chain;
        }, chain -> chain.tree().size() >= head && chain.tree().checkpointsVerified() > 0 && chain.tree().largestCheckpointVerified() >= head);
        assertThat(restored.tree().checkpointsValid()).as("the checkpoints sent again sit after their events and match the tree").isTrue();
    }

    /** Every sequence from 1 to the chain's head is on the topic, the first copy of each in order. */
    private List<ObjectNode> assertChainWholeAndSent() throws Exception {
        long head = await("every event is sent", () -> {
            Object unsent = query("select count(*) from outbox_event where sent_at is null");
            return ((Number) unsent).longValue() == 0 ? ((Number) query("select sequence from audit_chain_head")).longValue()
                    : -1L;
        }, h -> h > 0);
        List<ObjectNode> events = await("the topic holds the whole chain", this::log,
                log -> firstCopies(log).size() >= head);
        Set<Long> sequences = new TreeSet<>();
        long previous = 0;
        for (ObjectNode e : firstCopies(events)) {
            long sequence = e.get("sequence").asLong();
            assertThat(sequence).as("first copies appear in sequence order").isGreaterThan(previous);
            previous = sequence;
            sequences.add(sequence);
        }
        assertThat(sequences).hasSize((int) head).first().isEqualTo(1L);
        return events;
    }

    private static Collection<ObjectNode> firstCopies(List<ObjectNode> log) {
        Map<String, ObjectNode> first = new java.util.LinkedHashMap<>();
        log.forEach(e -> first.putIfAbsent(e.path("eventId").asText(), e));
        return first.values();
    }

    private List<ObjectNode> log() throws Exception {
        List<ObjectNode> events = new ArrayList<>();
        LogReader.readAll(bootstrap, topic, events::add);
        return events;
    }

    private boolean onTopic(String caseId) throws Exception {
        return log().stream().anyMatch(e -> caseId.equals(e.path("caseId").asText()));
    }

    private void awaitOnTopic(String caseId) throws Exception {
        await("case " + caseId + " on the topic", () -> onTopic(caseId), found -> found);
    }

    private static String submit() {
        return given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body(Requests.clean())
                .post("/api/v1/screenings").then().statusCode(201).extract().path("id");
    }

    private String awaitAlarm() throws Exception {
        return await("readiness names the halted relay", () -> given().get("/q/health/ready").then().statusCode(200)
                .extract().<String>path("checks.find { it.name == '" + CHECK + "' }.data.relayHalted"), a -> a != null);
    }

    private void awaitNoAlarm() throws Exception {
        await("the relay runs without alarm", () -> relay.alarm().isEmpty(), clear -> clear);
        await("readiness names no halted relay", () -> given().get("/q/health/ready").then().statusCode(200)
                .extract().<String>path("checks.find { it.name == '" + CHECK + "' }.data.relayHalted"), a -> a == null);
    }

    private static double haltedGauge() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return nl.kennisveiligheid.screening.support.MetricSample.of(metrics, "screening_audit_relay_halted").orElseThrow();
    }

    private void setTopicMaxMessageBytes(String value) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        AlterConfigOp op = value == null
                ? new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, ""), AlterConfigOp.OpType.DELETE)
                : new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, value), AlterConfigOp.OpType.SET);
        try (Admin admin = admin()) {
            admin.incrementalAlterConfigs(Map.of(resource, List.of(op))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private long insertOutboxRow(String body) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into outbox_event (event_id, type, record_key, body, created_at)"
                        + " values (gen_random_uuid(), 'DECISION_RECORDED', 'poison', ?, now()) returning id")) {
            s.setString(1, body);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private Object query(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getObject(1) : null;
        }
    }

    private void update(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private static <T> T await(String what, Callable<T> probe, java.util.function.Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        T last = null;
        Exception failure = null;
        while (System.nanoTime() < deadline) {
            try {
                last = probe.call();
                failure = null;
                if (done.test(last)) {
                    return last;
                }
            } catch (Exception e) {
                failure = e;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(what + " did not happen in time (last seen: " + last + ")", failure);
    }
}
