package nl.kennisveiligheid.screening.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.kennisveiligheid.screening.support.Requests;
import nl.kennisveiligheid.screening.support.Tokens;
import org.junit.jupiter.api.Test;

/** The lifecycle of DESIGN.md section 3 through the API, with real officers' tokens. */
@QuarkusTest
class ReviewWorkflowTest {

    @Inject
    EntityManager em;

    static String flaggedCase() {
        return given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body(Requests.flagged())
                .post("/api/v1/screenings").then().statusCode(201).extract().path("id");
    }

    static ValidatableResponse act(String officer, String id, String action, Object body) {
        return given().auth().oauth2(Tokens.user(officer)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/reviews/" + id + "/" + action).then();
    }

    static ValidatableResponse take(String officer, String id) {
        return act(officer, id, "assignment", "{}");
    }

    static ValidatableResponse decide(String officer, String id, String outcome, List<String> conditions) {
        return act(officer, id, "decision", Map.of("outcome", outcome, "reasoning", "Reasoned decision on the indicators",
                "conditions", conditions));
    }

    static ValidatableResponse confirm(String officer, String id, boolean agree) {
        return act(officer, id, "confirmation", Map.of("agree", agree, "reasoning", "Second opinion of " + officer));
    }

    static ValidatableResponse hrView(String id) {
        return given().auth().oauth2(Tokens.demoUniversity()).get("/api/v1/screenings/" + id).then().statusCode(200);
    }

    static String subject(String user) {
        String payload = Tokens.user(user).split("\\.")[1];
        String json = new String(java.util.Base64.getUrlDecoder().decode(payload));
        return json.replaceAll(".*\"sub\":\"([^\"]+)\".*", "$1");
    }

    @Test
    void theQueueShowsFlaggedCasesOldestDeadlineFirstWithTheirRisk() {
        String first = flaggedCase();
        String second = flaggedCase();
        Response queue = given().auth().oauth2(Tokens.officer1()).queryParam("state", "FLAGGED").get("/api/v1/reviews");
        queue.then().statusCode(200);
        List<String> ids = queue.path("id");
        assertThat(ids).containsSubsequence(first, second);
        List<String> dues = queue.path("decisionDue");
        assertThat(dues).isSortedAccordingTo((a, b) -> Instant.parse(a).compareTo(Instant.parse(b)));
        queue.then().body("find { it.id == '" + first + "' }.overdue", equalTo(false))
                .body("find { it.id == '" + first + "' }.indicators", hasItem("HIGH_RISK_AFFILIATION:hit"))
                .body("find { it.id == '" + first + "' }.areas", hasItem("SEMICONDUCTORS"))
                .body("find { it.id == '" + first + "' }.externalReference", equalTo(given().auth()
                        .oauth2(Tokens.officer1()).get("/api/v1/reviews/" + first).path("externalReference")));
        given().auth().oauth2(Tokens.officer1()).queryParam("state", "DONE").get("/api/v1/reviews")
                .then().statusCode(400).body("errors.field", hasItem("state"));
        given().auth().oauth2(Tokens.demoUniversity()).get("/api/v1/reviews").then().statusCode(403);
    }

    @Test
    void officersSearchDecidedCasesByReferenceOutcomeDateAreaAndListEntryPageByPage() {
        String refused = flaggedCase();
        take("officer1", refused).statusCode(200);
        decide("officer1", refused, "REFUSED", List.of()).statusCode(200);
        confirm("officer2", refused, true).statusCode(200);
        String reference = hrView(refused).extract().path("externalReference");
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Amsterdam")).toString();
        given().auth().oauth2(Tokens.officer1()).queryParam("state", "REFUSED").queryParam("externalReference", reference)
                .queryParam("institution", "demo-university").queryParam("outcome", "REFUSED")
                .queryParam("decidedFrom", today).queryParam("decidedTo", today).queryParam("area", "SEMICONDUCTORS")
                .queryParam("listEntry", "hit").get("/api/v1/reviews").then().statusCode(200)
                .header("X-Total-Count", "1").body("id", org.hamcrest.Matchers.contains(refused))
                .body("[0].status", equalTo("REFUSED")).body("[0].institution", equalTo("demo-university"));
        // Each criterion narrows: another day, area, entry or institution finds nothing.
        for (Map.Entry<String, String> miss : Map.of("decidedTo", "2020-01-01", "area", "QUANTUM", "listEntry", "nudt",
                "institution", "other-institute", "outcome", "APPROVED").entrySet()) {
            given().auth().oauth2(Tokens.officer1()).queryParam("state", "REFUSED").queryParam("externalReference", reference)
                    .queryParam(miss.getKey(), miss.getValue()).get("/api/v1/reviews").then().statusCode(200)
                    .body("size()", equalTo(0));
        }
        Response page = given().auth().oauth2(Tokens.officer1()).queryParam("state", "REFUSED").queryParam("size", 1)
                .queryParam("page", 0).get("/api/v1/reviews");
        page.then().statusCode(200).body("size()", equalTo(1));
        assertThat(Integer.parseInt(page.header("X-Total-Count"))).isGreaterThanOrEqualTo(1);
        given().auth().oauth2(Tokens.user("lead1")).queryParam("state", "WITHDRAWN").get("/api/v1/reviews").then()
                .statusCode(200);
        given().auth().oauth2(Tokens.officer1()).queryParam("state", "RECEIVED").get("/api/v1/reviews").then()
                .statusCode(400).body("errors.field", hasItem("state"));
        given().auth().oauth2(Tokens.officer1()).queryParam("decidedFrom", "yesterday").get("/api/v1/reviews").then()
                .statusCode(400).body("errors.field", hasItem("decidedFrom"));
        given().auth().oauth2(Tokens.officer1()).queryParam("outcome", "WITHDRAWN").get("/api/v1/reviews").then()
                .statusCode(400).body("errors.field", hasItem("outcome"));
        // A control character in a search term is refused before it reaches the database.
        for (String field : List.of("externalReference", "institution", "area", "listEntry", "assignee")) {
            given().auth().oauth2(Tokens.officer1()).queryParam(field, "x\u0000y").get("/api/v1/reviews").then()
                    .statusCode(400).contentType("application/problem+json");
        }
    }

    @Test
    void aCaseHasOneAssigneeWhoAloneDecides() {
        String id = flaggedCase();
        take("officer1", id).statusCode(200).body("status", equalTo("IN_REVIEW")).body("assigneeName", equalTo("officer1"));
        take("officer2", id).statusCode(409).body("type", containsString("already-assigned"));
        decide("officer2", id, "APPROVED", List.of()).statusCode(409).body("type", containsString("not-assignee"));
        given().auth().oauth2(Tokens.user("officer1")).queryParam("assignee", "officer1").get("/api/v1/reviews")
                .then().statusCode(200).body("id", hasItem(id));
        act("officer1", id, "release", "{}").statusCode(200).body("status", equalTo("FLAGGED"));
        take("officer2", id).statusCode(200);
    }

    @Test
    void anApprovalWithConditionsNeedsAConditionAndReachesTheInstitutionWithoutOfficerNames() {
        String id = flaggedCase();
        take("officer1", id).statusCode(200);
        decide("officer1", id, "APPROVED_WITH_CONDITIONS", List.of()).statusCode(400)
                .body("errors.field", hasItem("conditions"));
        act("officer1", id, "decision", Map.of("outcome", "APPROVED", "reasoning", " ")).statusCode(400)
                .body("errors.field", hasItem("reasoning"));
        act("officer1", id, "decision", Map.of("outcome", "MAYBE", "reasoning", "x")).statusCode(400)
                .body("errors.field", hasItem("outcome"));
        decide("officer1", id, "APPROVED_WITH_CONDITIONS", List.of("No access to the EUV cleanroom")).statusCode(200)
                .body("status", equalTo("APPROVED_WITH_CONDITIONS"));
        String hr = hrView(id).body("status", equalTo("APPROVED_WITH_CONDITIONS"))
                .body("decision.outcome", equalTo("APPROVED_WITH_CONDITIONS"))
                .body("decision.conditions", hasItem("No access to the EUV cleanroom"))
                .body("decision.reasoning", equalTo("Reasoned decision on the indicators"))
                .body("decision.decidedBy", equalTo(subject("officer1")))
                .extract().asString();
        assertThat(hr).doesNotContain("officer1\"").doesNotContain("\"officer1");
        decide("officer1", id, "APPROVED", List.of()).statusCode(409);
    }

    @Test
    void aRefusalNeedsASecondOfficerWhoIsNotTheProposer() {
        String id = flaggedCase();
        take("officer1", id).statusCode(200);
        decide("officer1", id, "REFUSED", List.of()).statusCode(200).body("status", equalTo("REFUSAL_PROPOSED"));
        hrView(id).body("status", equalTo("REFUSAL_PROPOSED")).body("decision", org.hamcrest.Matchers.nullValue());
        confirm("officer1", id, true).statusCode(409).body("type", containsString("own-proposal"));
        confirm("officer2", id, false).statusCode(200).body("status", equalTo("IN_REVIEW"))
                .body("assigneeName", equalTo("officer1"))
                .body("history.action", hasItem("SENT_BACK"))
                .body("history.find { it.action == 'SENT_BACK' }.reasoning", equalTo("Second opinion of officer2"));
        decide("officer1", id, "REFUSED", List.of()).statusCode(200);
        confirm("officer2", id, true).statusCode(200).body("status", equalTo("REFUSED"))
                .body("decisions[-1].outcome", equalTo("REFUSED"))
                .body("decisions[-1].decidedBy", equalTo(subject("officer1")))
                .body("decisions[-1].confirmedBy", equalTo(subject("officer2")))
                .body("history.action", hasItems("RECEIVED", "ASSIGNED", "REFUSAL_PROPOSED", "SENT_BACK",
                        "REFUSAL_CONFIRMED"));
        hrView(id).body("status", equalTo("REFUSED")).body("decision.outcome", equalTo("REFUSED"));
    }

    @Test
    void theDeadlineMovesOnceByThePolicysExtension() {
        String id = flaggedCase();
        take("officer1", id).statusCode(200);
        java.time.LocalDate due = java.time.LocalDate.parse(hrView(id).extract().path("decisionDueDate"));
        act("officer2", id, "extension", Map.of("reason", "Not mine to extend")).statusCode(409)
                .body("type", containsString("not-assignee"));
        act("officer1", id, "extension", Map.of("reason", "Waiting for information from the institution"))
                .statusCode(200).body("extended", equalTo(true))
                .body("history.action", hasItem("EXTENDED"));
        java.time.LocalDate extended = java.time.LocalDate.parse(hrView(id)
                .body("extensionReason", equalTo("Waiting for information from the institution"))
                .extract().path("decisionDueDate"));
        // Four weeks on from the current period's last day, moved off a closed day if it lands on one.
        assertThat(extended).isBetween(due.plusDays(28 - 4), due.plusDays(28 + 5));
        act("officer1", id, "extension", Map.of("reason", "again")).statusCode(409)
                .body("type", containsString("already-extended"));
        act("officer1", id, "extension", Map.of("reason", "")).statusCode(400);
    }

    @Test
    void anObjectionGoesToAnOfficerWhoTookNoPartAndEndsInANewDecision() {
        String id = flaggedCase();
        take("officer1", id).statusCode(200);
        decide("officer1", id, "REFUSED", List.of()).statusCode(200);
        confirm("officer2", id, true).statusCode(200);
        given().auth().oauth2(Tokens.hrClient(Tokens.OTHER_INSTITUTE)).contentType(ContentType.JSON)
                .body(Map.of("grounds", "x")).post("/api/v1/screenings/" + id + "/objections").then().statusCode(404);
        Response objected = given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON)
                .body(Map.of("grounds", "The candidate left HIT in 2019")).post("/api/v1/screenings/" + id + "/objections");
        objected.then().statusCode(200).body("status", equalTo("OBJECTED"));
        // Awb 7:10: six weeks after the six-week objection period, which ran from the day after the decision.
        java.time.LocalDate decided = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Amsterdam"));
        java.time.LocalDate due = java.time.LocalDate.parse(objected.path("decisionDueDate"));
        assertThat(due).isBetween(decided.plusWeeks(12), decided.plusWeeks(12).plusDays(10));
        take("officer1", id).statusCode(409).body("type", containsString("officer-involved"));
        take("officer2", id).statusCode(409).body("type", containsString("officer-involved"));
        take("officer3", id).statusCode(200).body("status", equalTo("IN_REVIEW"));
        decide("officer3", id, "APPROVED", List.of()).statusCode(200).body("status", equalTo("APPROVED"))
                .body("decisions.size()", equalTo(2))
                .body("decisions[1].kind", equalTo("OBJECTION"))
                .body("decisions[1].supersedes", equalTo(given().auth().oauth2(Tokens.officer1())
                        .get("/api/v1/reviews/" + id).then().extract().path("decisions[0].id")))
                .body("history.action", hasItems("OBJECTED", "REFUSAL_CONFIRMED", "DECIDED"));
        hrView(id).body("decision.outcome", equalTo("APPROVED"));
        given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body(Map.of("grounds", "again"))
                .post("/api/v1/screenings/" + id + "/objections").then().statusCode(409)
                .body("type", containsString("objection-decided"));
    }

    @Test
    void anObjectionAfterThePeriodOrBeforeADecisionIsRefused() {
        String open = flaggedCase();
        given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body(Map.of("grounds", "early"))
                .post("/api/v1/screenings/" + open + "/objections").then().statusCode(409)
                .body("type", containsString("not-decided"));
        String cleared = flaggedCase();
        take("officer1", cleared).statusCode(200);
        decide("officer1", cleared, "APPROVED_WITH_CONDITIONS", List.of("No lab access")).statusCode(200);
        // Six weeks that the Atw may move past a weekend and holidays are over well before 60 days; 43 days
        // failed on days when the 42nd fell on a Saturday in Amsterdam and was moved to the Monday.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "update decision set decided_at = decided_at - interval '60 days' where case_id = ?1")
                .setParameter(1, UUID.fromString(cleared)).executeUpdate());
        given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body(Map.of("grounds", "late"))
                .post("/api/v1/screenings/" + cleared + "/objections").then().statusCode(409)
                .contentType("application/problem+json").body("type", containsString("objection-period-ended"))
                .body("periodEnd", notNullValue());
        given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body(Map.of("grounds", ""))
                .post("/api/v1/screenings/" + cleared + "/objections").then().statusCode(400)
                .body("errors.field", hasItem("grounds"));
    }

    @Test
    void twoOfficersTakingOneCaseAtOnceCannotBothSucceed() throws Exception {
        for (int round = 0; round < 5; round++) {
            String id = flaggedCase();
            String t1 = Tokens.user("officer1");
            String t2 = Tokens.user("officer2");
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<Integer>> results = new ArrayList<>();
            for (String token : List.of(t1, t2)) {
                results.add(pool.submit(() -> given().auth().oauth2(token).contentType(ContentType.JSON).body("{}")
                        .post("/api/v1/reviews/" + id + "/assignment").statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
            pool.shutdown();
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        }
    }

    @Test
    void metricsCountTheQueueAndTheDecisions() {
        String id = flaggedCase();
        take("officer1", id).statusCode(200);
        decide("officer1", id, "APPROVED", List.of()).statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("screening_cases_open", "screening_cases_overdue",
                "screening_decisions_total{kind=\"OFFICER\",outcome=\"APPROVED\"}", "screening_time_to_decision_seconds");
        assertThat(metrics).doesNotContain("Li Wei");
        given().auth().oauth2(Tokens.officer1()).get("/api/v1/reviews/" + id).then().statusCode(200)
                .body("request.candidate.fullName", notNullValue())
                .body("assessment.indicators[0].explanation", not(org.hamcrest.Matchers.emptyString()));
    }

    /**
     * An institution's withdrawal racing an officer's decision on the same case: every transition
     * flushes, so the loser gets a 409 problem and never a 500, and the case ends in exactly the state
     * of the request that won.
     */
    @Test
    void aWithdrawalRacingAnOfficersDecisionIsA409NeverA500() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 8; round++) {
                String id = flaggedCase();
                take("officer1", id).statusCode(200);
                Future<Response> withdrawal = pool.submit(() -> given().auth().oauth2(Tokens.demoUniversity())
                        .contentType(ContentType.JSON).body("{}").post("/api/v1/screenings/" + id + "/withdrawal"));
                Future<Response> decision = pool.submit(() -> given().auth().oauth2(Tokens.user("officer1"))
                        .contentType(ContentType.JSON).body(Map.of("outcome", "APPROVED", "reasoning", "No concern remains",
                                "conditions", List.of())).post("/api/v1/reviews/" + id + "/decision"));
                int withdrawn = withdrawal.get().statusCode();
                int decided = decision.get().statusCode();
                // A decided case cannot be withdrawn and a withdrawn case cannot be decided: exactly one wins.
                assertThat(List.of(withdrawn, decided)).as("round " + round).containsExactlyInAnyOrder(200, 409);
                String status = given().auth().oauth2(Tokens.demoUniversity()).get("/api/v1/screenings/" + id)
                        .then().statusCode(200).extract().path("status");
                if (decided == 409) {
                    assertThat(status).isEqualTo("WITHDRAWN");
                    assertThat(decision.get().contentType()).startsWith("application/problem+json");
                } else {
                    assertThat(status).isEqualTo("APPROVED");
                    assertThat(withdrawal.get().contentType()).startsWith("application/problem+json");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
