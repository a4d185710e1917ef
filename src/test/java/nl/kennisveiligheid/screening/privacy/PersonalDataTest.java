package nl.kennisveiligheid.screening.privacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.UUID;
import nl.kennisveiligheid.screening.audit.AuditKeys;
import nl.kennisveiligheid.screening.audit.CaseKeys;
import nl.kennisveiligheid.screening.audit.ChainVerifier;
import nl.kennisveiligheid.screening.audit.LogReader;
import nl.kennisveiligheid.screening.periods.LegalCalendar;
import nl.kennisveiligheid.screening.policy.PolicyService;
import nl.kennisveiligheid.screening.support.Requests;
import nl.kennisveiligheid.screening.support.TestClock;
import nl.kennisveiligheid.screening.support.Tokens;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Personal data from receipt to erasure: retention for every kind of case, erasure exactly once and
 * complete, the log still verifying afterwards, and the data subject's rights through the privacy
 * officer's endpoints.
 */
@QuarkusTest
class PersonalDataTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    RetentionJob retention;

    @Inject
    CaseKeys caseKeys;

    @Inject
    AuditKeys auditKeys;

    @Inject
    PolicyService policies;

    @Inject
    EntityManager em;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "screening.audit.topic")
    String topic;

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    // --------------------------------------------------------------------------------------- helpers

    static String submit(Map<String, Object> body) {
        return given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/screenings").then().statusCode(201).extract().path("id");
    }

    static ValidatableResponse officer(String user, String id, String action, Object body) {
        return given().auth().oauth2(Tokens.user(user)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/reviews/" + id + "/" + action).then();
    }

    static ValidatableResponse hr(String id, String action, Object body) {
        return given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/screenings/" + id + "/" + action).then();
    }

    static ValidatableResponse export(String id) {
        return given().auth().oauth2(Tokens.user("privacy1")).get("/api/v1/privacy/cases/" + id + "/export").then();
    }

    static ValidatableResponse eraseOnRequest(String id, String legalGround, String reason) {
        return given().auth().oauth2(Tokens.user("privacy1")).contentType(ContentType.JSON)
                .body(Map.of("legalGround", legalGround, "reason", reason))
                .post("/api/v1/privacy/cases/" + id + "/erasure").then();
    }

    static ValidatableResponse subject(String fullName, String dateOfBirth) {
        return given().auth().oauth2(Tokens.user("privacy1")).queryParam("fullName", fullName)
                .queryParam("dateOfBirth", dateOfBirth).get("/api/v1/privacy/subjects").then();
    }

    /** A flagged case approved with conditions by officer1: a decision one may object to. */
    static String decidedWithConditions(Map<String, Object> body, String reasoning, String condition) {
        String id = submit(body);
        officer("officer1", id, "assignment", "{}").statusCode(200);
        officer("officer1", id, "decision", Map.of("outcome", "APPROVED_WITH_CONDITIONS", "reasoning", reasoning,
                "conditions", List.of(condition))).statusCode(200);
        return id;
    }

    static String letters(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return s.toString();
    }

    long events(String caseId, String type) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "select count(*) from outbox_event where record_key = ?1 and type = ?2")
                .setParameter(1, caseId).setParameter(2, type).getSingleResult()).longValue());
    }

    Instant instant(String iso) {
        return Instant.parse(iso);
    }

    LegalCalendar calendar() {
        return policies.current().calendar();
    }

    // ---------------------------------------------------------------------------------------- retention

    @Test
    void aWithdrawnCaseIsKeptForItsPeriodFromTheWithdrawalAndThenErased() {
        String id = submit(Requests.flagged());
        hr(id, "withdrawal", "{}").statusCode(200).body("status", equalTo("WITHDRAWN"));
        JsonPath kept = export(id).statusCode(200).extract().jsonPath();
        assertThat(kept.getString("case.retentionKind")).isEqualTo("WITHDRAWN");
        Instant withdrawnAt = instant(kept.getString("history.find { it.action == 'WITHDRAWN' }.at"));
        Instant ends = instant(kept.getString("case.retentionEndsAt"));
        assertThat(ends).isEqualTo(calendar().yearsAfter(withdrawnAt, 5).endsAt());

        retention.eraseDue(ends.minusSeconds(1));
        assertThat(events(id, "PERSONAL_DATA_ERASED")).as("not before its end").isZero();
        retention.eraseDue(ends);
        assertThat(events(id, "PERSONAL_DATA_ERASED")).isEqualTo(1);
        export(id).statusCode(200).body("request", nullValue()).body("case.erasedAt", equalTo(ends.toString()))
                .body("case.externalReference", equalTo("erased-" + id));
        assertThat(caseKeys.find(UUID.fromString(id))).isEmpty();
        retention.eraseDue(ends.plus(Duration.ofDays(400)));
        assertThat(events(id, "PERSONAL_DATA_ERASED")).as("erased once").isEqualTo(1);
    }

    @Test
    void aCaseWhoseObjectionWasWithdrawnIsKeptFromTheEndOfTheObjectionPeriod() {
        String id = decidedWithConditions(Requests.flagged(), "Link is indirect", "No clean room access");
        hr(id, "objections", Map.of("grounds", "Disproportionate")).statusCode(200).body("status", equalTo("OBJECTED"));
        assertThat(export(id).extract().jsonPath().getString("case.retentionEndsAt")).as("open again: no end")
                .isNull();
        hr(id, "objection-withdrawal", "{}").statusCode(200).body("status", equalTo("APPROVED_WITH_CONDITIONS"));
        JsonPath kept = export(id).statusCode(200).extract().jsonPath();
        Instant decidedAt = instant(kept.getString("decisions[0].decidedAt"));
        Instant periodEnd = calendar().weeksAfter(decidedAt, 6).endsAt();
        assertThat(kept.getString("case.retentionKind")).isEqualTo("DECIDED");
        Instant ends = instant(kept.getString("case.retentionEndsAt"));
        assertThat(ends).isEqualTo(calendar().yearsAfter(periodEnd, 5).endsAt());
        retention.eraseDue(ends.minusSeconds(1));
        assertThat(events(id, "PERSONAL_DATA_ERASED")).isZero();
        retention.eraseDue(ends);
        assertThat(events(id, "PERSONAL_DATA_ERASED")).isEqualTo(1);
    }

    @Test
    void aRefusalIsKeptForTheRefusedPeriodAndAnAutomatedDecisionFromTheEndOfItsObjectionPeriod() {
        String refused = submit(Requests.flagged());
        officer("officer1", refused, "assignment", "{}").statusCode(200);
        officer("officer1", refused, "decision", Map.of("outcome", "REFUSED", "reasoning", "Direct link")).statusCode(200);
        officer("officer2", refused, "confirmation", Map.of("agree", true, "reasoning", "Agreed")).statusCode(200);
        JsonPath r = export(refused).extract().jsonPath();
        assertThat(r.getString("case.retentionKind")).isEqualTo("REFUSED");
        Instant refusedAt = instant(r.getString("decisions[0].decidedAt"));
        assertThat(instant(r.getString("case.retentionEndsAt")))
                .isEqualTo(calendar().yearsAfter(calendar().weeksAfter(refusedAt, 6).endsAt(), 5).endsAt());

        String cleared = submit(Requests.clean());
        JsonPath c = export(cleared).extract().jsonPath();
        Instant receivedAt = instant(c.getString("case.receivedAt"));
        assertThat(c.getString("case.retentionKind")).isEqualTo("DECIDED");
        assertThat(instant(c.getString("case.retentionEndsAt")))
                .isEqualTo(calendar().yearsAfter(calendar().weeksAfter(receivedAt, 6).endsAt(), 5).endsAt());
    }

    @Test
    void twoErasuresOfOneCaseAtOnceLeaveExactlyOneEvent() throws Exception {
        Tokens.user("privacy1");
        for (int round = 0; round < 3; round++) {
            String id = submit(Requests.flagged());
            hr(id, "withdrawal", "{}").statusCode(200);
            CyclicBarrier start = new CyclicBarrier(3);
            Callable<Integer> byRequest = () -> {
                start.await();
                return eraseOnRequest(id, "NO_LONGER_NECESSARY", "Candidate asked").extract().statusCode();
            };
            Callable<Integer> byRetention = () -> {
                start.await();
                return retention.eraseDue(Instant.now().plus(Duration.ofDays(366L * 6)));
            };
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                results.add(pool.submit(byRequest));
                results.add(pool.submit(byRequest));
                results.add(pool.submit(byRetention));
                List<Integer> statuses = List.of(results.get(0).get(), results.get(1).get());
                results.get(2).get();
                assertThat(statuses).allMatch(s -> s == 200 || s == 409);
                assertThat(statuses.stream().filter(s -> s == 200).count()).isLessThanOrEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
            assertThat(events(id, "PERSONAL_DATA_ERASED")).as("round " + round).isEqualTo(1);
            eraseOnRequest(id, "NO_LONGER_NECESSARY", "Again").statusCode(409)
                    .body("type", containsString("already-erased"));
        }
    }

    // ------------------------------------------------------------------------------- complete erasure

    @Test
    @SuppressWarnings("unchecked")
    void afterErasureNoTableHoldsTheMarkersAndTheLogStillVerifies() throws Exception {
        String name = "Mk" + letters(10);
        String surname = "Qz" + letters(8);
        String fullName = name + " " + surname;
        LocalDate born = LocalDate.of(1900, 1, 1).plusDays(RANDOM.nextInt(365 * 40));
        String affiliationWord = "Af" + letters(9);
        String reference = "ref-" + letters(12);
        Map<String, Object> body = Requests.flagged();
        body.put("externalReference", reference);
        Requests.candidate(body).put("fullName", fullName);
        Requests.candidate(body).put("nativeName", surname + " " + name);
        Requests.candidate(body).put("dateOfBirth", born.toString());
        ((List<Object>) body.get("affiliations")).add(Map.of("name", affiliationWord + " Institute", "country", "CN"));
        Requests.research(body).put("description", "EUV lithography process work, " + affiliationWord + " lab");
        body.put("funding", new ArrayList<>(List.of(Map.of("funder", affiliationWord + " Foundation", "country", "CN"))));
        String id = submit(body);

        // Every free text of the workflow names the candidate.
        officer("officer1", id, "assignment", "{}").statusCode(200);
        officer("officer1", id, "information-requests", Map.of("question", "Please send " + fullName + "'s contract",
                "replyBy", LocalDate.now().plusDays(10).toString())).statusCode(200);
        hr(id, "information", Map.of("answer", fullName + " works on " + affiliationWord)).statusCode(200);
        officer("officer1", id, "extension", Map.of("reason", "Hearing " + fullName)).statusCode(200);
        officer("officer1", id, "decision", Map.of("outcome", "APPROVED_WITH_CONDITIONS", "reasoning",
                fullName + " has an indirect link", "conditions", List.of("No lab access for " + fullName)))
                .statusCode(200);
        hr(id, "objections", Map.of("grounds", fullName + " objects")).statusCode(200);
        officer("officer2", id, "assignment", "{}").statusCode(200);
        officer("officer2", id, "decision", Map.of("outcome", "APPROVED_WITH_CONDITIONS", "reasoning",
                "Upheld for " + fullName, "conditions", List.of("Escort for " + fullName))).statusCode(200);
        subject(fullName, born.toString()).statusCode(200).body("cases", hasSize(1)).body("cases[0].id", equalTo(id));
        List<String> markers = List.of(name, surname, affiliationWord, reference, born.toString());
        assertThat(tablesHolding(markers)).as("the markers are stored before erasure").contains("screening_case");

        // After the decision on the objection, the period to appeal runs (Awb 6:7): no early erasure yet.
        eraseOnRequest(id, "NO_LONGER_NECESSARY", "Asked by the candidate").statusCode(409)
                .contentType("application/problem+json").body("type", containsString("appeal-period-running"))
                .body("periodEnd", equalTo(calendar().weeksAfter(Instant.now(), 6).lastDay().toString()));
        TestClock.set(Instant.now().plus(Duration.ofDays(50)));
        eraseOnRequest(id, "NO_LONGER_NECESSARY", "Asked by the candidate").statusCode(200)
                .body("caseId", equalTo(id)).body("legalGround", equalTo("NO_LONGER_NECESSARY"));

        assertThat(tablesHolding(markers)).as("tables holding a marker after erasure").isEmpty();
        subject(fullName, born.toString()).statusCode(200).body("cases", hasSize(0));
        given().auth().oauth2(Tokens.demoUniversity()).get("/api/v1/screenings/" + id).then().statusCode(200)
                .body("request", nullValue()).body("status", equalTo("APPROVED_WITH_CONDITIONS"));
        export(id).statusCode(200).body("decisions", hasSize(2)).body("decisions[1].outcome",
                equalTo("APPROVED_WITH_CONDITIONS")).body("assessment.indicators[0].listEntry", equalTo("hit"))
                .body("assessment.indicators[0].matchedText", nullValue());
        hr(id, "objections", Map.of("grounds", "again")).statusCode(409);

        // The whole log, read from Kafka, still chains and verifies, and the case's events are all there.
        List<ObjectNode> log = awaitOnLog(id, "PERSONAL_DATA_ERASED");
        ChainVerifier chain = new ChainVerifier(auditKeys.publicKey());
        log.forEach(chain::accept);
        chain.finish();
        assertThat(chain.chainIntact()).isTrue();
        assertThat(chain.signaturesValid()).isTrue();
        assertThat(log.stream().filter(e -> id.equals(e.path("caseId").asText())).map(e -> e.get("type").asText()))
                .contains("DECISION_RECORDED", "INFORMATION_REQUESTED", "INFORMATION_RECEIVED", "PERSONAL_DATA_ACCESSED",
                        "PERSONAL_DATA_ERASED");
        assertThat(log.stream().filter(e -> id.equals(e.path("caseId").asText())).map(ObjectNode::toString))
                .noneMatch(e -> markers.stream().anyMatch(e::contains));
    }

    /** The tables (in the service's schema) with a row whose text holds any of the markers. */
    @SuppressWarnings("unchecked")
    List<String> tablesHolding(List<String> markers) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<String> tables = em.createNativeQuery("select table_name from information_schema.tables"
                    + " where table_schema = current_schema() and table_type = 'BASE TABLE'").getResultList();
            List<String> holding = new ArrayList<>();
            for (String table : tables) {
                for (String marker : markers) {
                    Number n = (Number) em.createNativeQuery("select count(*) from \"" + table + "\" t where t::text ilike ?1")
                            .setParameter(1, "%" + marker + "%").getSingleResult();
                    if (n.longValue() > 0 && !holding.contains(table)) {
                        holding.add(table);
                    }
                }
            }
            return holding;
        });
    }

    List<ObjectNode> awaitOnLog(String caseId, String type) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            List<ObjectNode> events = new ArrayList<>();
            LogReader.readAll(bootstrap, topic, events::add);
            boolean there = events.stream().anyMatch(e -> caseId.equals(e.path("caseId").asText())
                    && type.equals(e.path("type").asText()));
            if (there || System.nanoTime() > deadline) {
                assertThat(there).as(type + " of the case on the log").isTrue();
                return events;
            }
            Thread.sleep(300);
        }
    }

    // ---------------------------------------------------------------------------------- subject rights

    @Test
    void theExportHoldsWhatWasSubmittedAndEveryReadIsRecordedWithoutTheData() {
        Map<String, Object> body = Requests.flagged();
        String fullName = "Ex" + letters(8) + " Port" + letters(5);
        Requests.candidate(body).put("fullName", fullName);
        String first = submit(body);
        body.put("externalReference", "HR-" + UUID.randomUUID());
        Requests.candidate(body).put("fullName", "  " + fullName.toUpperCase() + " ");
        String second = submit(body);

        subject(fullName, "1990-04-01").statusCode(200).body("cases", hasSize(2))
                .body("cases.id", org.hamcrest.Matchers.containsInAnyOrder(first, second))
                .body("cases[0].institution", equalTo("demo-university"));
        JsonPath export = export(first).statusCode(200).extract().jsonPath();
        assertThat(export.getString("request.candidate.fullName")).isEqualTo(fullName);
        assertThat(export.getString("request.candidate.dateOfBirth")).isEqualTo("1990-04-01");
        assertThat(export.getString("request.affiliations[0].name")).isEqualTo("Harbin Institute of Technology");
        assertThat(export.getString("request.externalReference")).isEqualTo(export.getString("case.externalReference"));
        assertThat(export.getString("assessment.outcome")).isEqualTo("FLAGGED");
        assertThat(export.getString("information.storagePeriod")).isNotBlank();
        assertThat(export.getList("history.by", String.class)).doesNotContain("officer1").contains("institution");

        JsonPath after = export(first).extract().jsonPath();
        assertThat(after.getList("history.action", String.class))
                .contains("PERSONAL_DATA_FOUND", "PERSONAL_DATA_EXPORTED");
        assertThat(after.getList("history.findAll { it.action.startsWith('PERSONAL_DATA') }.by", String.class))
                .containsOnly("privacy-officer");
        assertThat(events(first, "PERSONAL_DATA_ACCESSED")).isEqualTo(3);
        String accessEvents = QuarkusTransaction.requiringNew().call(() -> String.join("\n", (List<String>) em
                .createNativeQuery("select body from outbox_event where record_key = ?1 and type = 'PERSONAL_DATA_ACCESSED'")
                .setParameter(1, first).getResultList()));
        assertThat(accessEvents).contains("SUBJECT_SEARCH", "ART_15_EXPORT").doesNotContain(fullName)
                .doesNotContain("1990-04-01").contains("\"payload\":null");
    }

    @Test
    void earlyErasureIsRefusedWhileTheObjectionPeriodRunsOrTheCaseIsOpen() {
        String open = submit(Requests.flagged());
        eraseOnRequest(open, "NO_LONGER_NECESSARY", "Asked").statusCode(409).body("type", containsString("case-open"));

        String decided = decidedWithConditions(Requests.flagged(), "Indirect", "Escort");
        Instant decidedAt = instant(export(decided).extract().jsonPath().getString("decisions[0].decidedAt"));
        String lastDay = calendar().weeksAfter(decidedAt, 6).lastDay().toString();
        eraseOnRequest(decided, "CONSENT_WITHDRAWN", "Asked").statusCode(409).contentType("application/problem+json")
                .body("type", containsString("objection-period-running")).body("periodEnd", equalTo(lastDay))
                .body("detail", containsString(lastDay));
        assertThat(events(decided, "PERSONAL_DATA_ERASED")).isZero();
        export(decided).body("case.erasedAt", nullValue()).body("request.candidate.fullName", equalTo("Li Wei"));

        TestClock.set(calendar().weeksAfter(decidedAt, 6).endsAt().plusSeconds(60));
        eraseOnRequest(decided, "CONSENT_WITHDRAWN", "Asked").statusCode(200);
        assertThat(events(decided, "PERSONAL_DATA_ERASED")).isEqualTo(1);
        given().auth().oauth2(Tokens.user("privacy1")).get("/api/v1/privacy/cases/" + UUID.randomUUID() + "/export")
                .then().statusCode(404);
    }

    @Test
    void badInputIsAProblemThatNamesTheFieldAndNothingIsStored() {
        String id = submit(Requests.flagged());
        hr(id, "withdrawal", "{}").statusCode(200);
        eraseOnRequest(id, "BECAUSE", "Asked").statusCode(400).contentType("application/problem+json")
                .body(containsString("legalGround"));
        eraseOnRequest(id, "NO_LONGER_NECESSARY", " ").statusCode(400).body(containsString("reason"));
        assertThat(events(id, "PERSONAL_DATA_ERASED")).isZero();
        given().auth().oauth2(Tokens.user("privacy1")).queryParam("fullName", "Li Wei").get("/api/v1/privacy/subjects")
                .then().statusCode(400).contentType("application/problem+json").body(containsString("dateOfBirth"));
        subject("Li Wei", "1990-02-31").statusCode(400).body(containsString("dateOfBirth"));
        subject("", "1990-04-01").statusCode(400).body(containsString("fullName"));
        subject("Li\u0000Wei", "1990-04-01").statusCode(400).body(containsString("fullName"));
        // Only the privacy officer reads personal data this way.
        given().auth().oauth2(Tokens.user("officer1")).get("/api/v1/privacy/cases/" + id + "/export").then()
                .statusCode(403);
        given().auth().oauth2(Tokens.demoUniversity()).get("/api/v1/privacy/cases/" + id + "/export").then()
                .statusCode(403);
    }
}
