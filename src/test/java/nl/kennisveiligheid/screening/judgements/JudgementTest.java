package nl.kennisveiligheid.screening.judgements;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.kennisveiligheid.screening.support.Policies;
import nl.kennisveiligheid.screening.support.Requests;
import nl.kennisveiligheid.screening.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Officers' judgements through the API: proposed by the officer who holds a case, confirmed by a
 * second, applied to later requests within their scope, lapsing when the list entry changes, revoked
 * by a team lead.
 */
@QuarkusTest
class JudgementTest {

    @jakarta.inject.Inject
    nl.kennisveiligheid.screening.rescreening.RescreeningJob rescreening;

    String entityId;
    String listedName;
    String affiliation;

    /** A listed entity whose alias is the affiliation the requests name: an exact, strong match. */
    @BeforeEach
    void listAnEntityWithAnAlias() {
        String word = Policies.uniqueOrganisation().split(" ")[0];
        entityId = "jt-" + UUID.randomUUID().toString().substring(0, 8);
        listedName = word + " Technological University";
        affiliation = word + " University of Technology";
        Policies.publishChanged(d -> Policies.entities(d).add(Policies.entity(entityId, listedName, List.of(affiliation))));
    }

    Map<String, Object> request() {
        Map<String, Object> body = Requests.clean();
        Requests.affiliation(body).put("name", affiliation);
        Requests.affiliation(body).put("country", "CN");
        return body;
    }

    static JsonPath submit(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/screenings").then()
                .statusCode(201).extract().jsonPath();
    }

    static ValidatableResponse post(String user, String path, Object body) {
        return given().auth().oauth2(Tokens.user(user)).contentType(ContentType.JSON).body(body).post(path).then();
    }

    /** A flagged case taken by officer1, and the position of the indicator on the listed entity. */
    int takenWithIndicator(String caseId) {
        post("officer1", "/api/v1/reviews/" + caseId + "/assignment", "{}").statusCode(200);
        List<String> entries = given().auth().oauth2(Tokens.officer1()).get("/api/v1/reviews/" + caseId).then()
                .statusCode(200).extract().jsonPath().getList("assessment.indicators.listEntry");
        assertThat(entries).contains(entityId);
        return entries.indexOf(entityId);
    }

    static Map<String, Object> proposal(String scope, LocalDate validUntil) {
        return Map.of("verdict", "NOT_THIS_ENTITY", "reasoning", "Another university of the same city: different "
                + "founding year, address and faculties.", "scope", scope, "validUntil", validUntil.toString());
    }

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Europe/Amsterdam"));
    }

    String proposed(String scope) {
        String caseId = submit(Tokens.demoUniversity(), request()).getString("id");
        int n = takenWithIndicator(caseId);
        return post("officer1", "/api/v1/reviews/" + caseId + "/indicators/" + n + "/judgement",
                proposal(scope, today().plusMonths(6))).statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/judgements/"))
                .body("status", equalTo("PROPOSED")).body("listEntry", equalTo(entityId))
                .extract().path("id");
    }

    @Test
    void aConfirmedJudgementStopsTheRepeatFlagAndShowsInTheAssessment() {
        assertThat(submit(Tokens.demoUniversity(), request()).getString("status")).isEqualTo("FLAGGED");
        String judgement = proposed("INSTITUTION");

        assertThat(submit(Tokens.demoUniversity(), request()).getString("status"))
                .as("an unconfirmed judgement does nothing").isEqualTo("FLAGGED");
        post("officer1", "/api/v1/judgements/" + judgement + "/confirmation", Map.of("agree", true, "reasoning", "mine"))
                .statusCode(409).body("type", org.hamcrest.Matchers.endsWith("own-proposal"));
        post("officer2", "/api/v1/judgements/" + judgement + "/confirmation", Map.of("agree", true, "reasoning",
                "Checked the registry: a different institution.")).statusCode(200).body("status", equalTo("ACTIVE"))
                .body("proposedBy", equalTo("officer1")).body("confirmedBy", equalTo("officer2"));

        JsonPath repeat = submit(Tokens.demoUniversity(), request());
        assertThat(repeat.getString("status")).isEqualTo("CLEARED");
        Map<String, Object> judged = repeat.<Map<String, Object>>getList("assessment.indicators").stream()
                .filter(i -> entityId.equals(i.get("listEntry"))).findFirst().orElseThrow();
        assertThat(judged).containsKey("judgement");
        assertThat(repeat.getString("assessment.reasons")).contains(judgement).contains("judged not this entity");
        assertThat(judged.toString()).as("institutions never see who judged").doesNotContain("officer");
        given().auth().oauth2(Tokens.officer1()).get("/api/v1/reviews/" + repeat.getString("id")).then().statusCode(200)
                .body("judgements[0].reference", equalTo(judgement)).body("judgements[0].proposedBy", equalTo("officer1"))
                .body("judgements[0].confirmedBy", equalTo("officer2")).body("judgements[0].status", equalTo("ACTIVE"));
        String page = nl.kennisveiligheid.screening.support.ConsoleSignIn.as("officer1")
                .get("/console/cases/" + repeat.getString("id")).then().statusCode(200).extract().asString();
        assertThat(page).contains("Judged not this entity by officer1 and officer2").contains(judgement);
        assertThat(submit(Tokens.hrClient("hr-other-institute"), request()).getString("status"))
                .as("an institution's judgement does not apply to another's cases").isEqualTo("FLAGGED");

        given().auth().oauth2(Tokens.user("auditor1")).get("/api/v1/judgements").then().statusCode(200)
                .body("id", hasItem(judgement));
        given().auth().oauth2(Tokens.demoUniversity()).get("/api/v1/judgements").then().statusCode(403);
    }

    @Test
    void aJudgementLapsesWhenTheEntrysAliasesChange() {
        String judgement = proposed("ALL");
        post("officer2", "/api/v1/judgements/" + judgement + "/confirmation", Map.of("agree", true, "reasoning", "Agreed."))
                .statusCode(200);
        JsonPath cleared = submit(Tokens.hrClient("hr-other-institute"), request());
        assertThat(cleared.getString("status")).isEqualTo("CLEARED");

        Policies.publishChanged(d -> Policies.entities(d).stream().filter(e -> entityId.equals(e.get("id"))).findFirst()
                .orElseThrow().put("aliases", List.of(affiliation, "QTU")));

        assertThat(submit(Tokens.demoUniversity(), request()).getString("status")).isEqualTo("FLAGGED");
        given().auth().oauth2(Tokens.officer1()).get("/api/v1/judgements/" + judgement).then().statusCode(200)
                .body("status", equalTo("LAPSED"));
        // Re-screening with the changed entry raises the match the lapsed judgement had cleared.
        rescreening.runUntilIdle();
        given().auth().oauth2(Tokens.hrClient("hr-other-institute")).get("/api/v1/screenings/" + cleared.getString("id"))
                .then().statusCode(200).body("status", equalTo("RESCREEN_FLAGGED")).body("decision.outcome", equalTo("CLEARED"));
    }

    @Test
    void aTeamLeadRevokesAJudgementAndTheMatchFlagsAgain() {
        String judgement = proposed("ALL");
        post("officer2", "/api/v1/judgements/" + judgement + "/confirmation", Map.of("agree", true, "reasoning", "Agreed."))
                .statusCode(200);
        post("officer2", "/api/v1/judgements/" + judgement + "/revocation", Map.of("reasoning", "no")).statusCode(403);
        post("lead1", "/api/v1/judgements/" + judgement + "/revocation", Map.of("reasoning",
                "The entry's profile now names this campus.")).statusCode(200).body("status", equalTo("REVOKED"))
                .body("revokedBy", equalTo("lead1"));
        assertThat(submit(Tokens.demoUniversity(), request()).getString("status")).isEqualTo("FLAGGED");
        post("lead1", "/api/v1/judgements/" + judgement + "/revocation", Map.of("reasoning", "again")).statusCode(409);
    }

    @Test
    void aProposalIsCheckedFieldByFieldAndNothingIsStored() {
        String caseId = submit(Tokens.demoUniversity(), request()).getString("id");
        int n = takenWithIndicator(caseId);
        String path = "/api/v1/reviews/" + caseId + "/indicators/" + n + "/judgement";
        post("officer1", path, proposal("INSTITUTION", today().plusYears(3))).statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("validUntil"));
        post("officer1", path, proposal("EVERYWHERE", today().plusMonths(1))).statusCode(400)
                .body("errors.field", hasItem("scope"));
        post("officer1", path, proposal("INSTITUTION", today())).statusCode(400).body("errors.field", hasItem("validUntil"));
        post("officer1", "/api/v1/reviews/" + caseId + "/indicators/99/judgement", proposal("ALL", today().plusMonths(1)))
                .statusCode(404);
        post("officer2", path, proposal("ALL", today().plusMonths(1))).statusCode(409)
                .body("type", org.hamcrest.Matchers.endsWith("not-assignee"));
        given().auth().oauth2(Tokens.officer1()).queryParam("listEntry", entityId).get("/api/v1/judgements").then()
                .statusCode(200).body("size()", equalTo(0));
    }
}
