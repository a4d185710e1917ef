package nl.kennisveiligheid.screening.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.kennisveiligheid.screening.support.Requests;
import nl.kennisveiligheid.screening.support.Tokens;
import org.junit.jupiter.api.Test;

/** The HR-facing contract of DESIGN.md section 6, against the real stack. */
@QuarkusTest
class ScreeningApiTest {

    @Inject
    EntityManager em;

    static Response post(Object body) {
        return given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/screenings");
    }

    long cases() {
        return ((Number) em.createNativeQuery("select count(*) from screening_case").getSingleResult()).longValue();
    }

    long decisions() {
        return ((Number) em.createNativeQuery("select count(*) from decision").getSingleResult()).longValue();
    }

    static String currentPolicy() {
        return given().auth().oauth2(Tokens.officer1()).get("/api/v1/policies/current").then().statusCode(200)
                .extract().path("version");
    }

    @Test
    void aCleanInScopeRequestIsClearedWithAnAutomatedBindingDecision() {
        String policy = currentPolicy();
        Map<String, Object> body = Requests.clean();
        Response created = post(body);
        created.then().statusCode(201)
                .header("Location", containsString("/api/v1/screenings/"))
                .body("status", equalTo("CLEARED"))
                .body("institution", equalTo("demo-university"))
                .body("externalReference", equalTo(body.get("externalReference")))
                .body("assessment.inScope", equalTo(true))
                .body("assessment.thirdCountryNational", equalTo(true))
                .body("assessment.outcome", equalTo("CLEARED"))
                .body("assessment.policyVersion", equalTo(policy))
                .body("assessment.sensitiveAreas[0].code", equalTo("SEMICONDUCTORS"))
                .body("assessment.sensitiveAreas[0].matchedBy", equalTo("DECLARED_AND_TEXT"))
                .body("assessment.indicators", hasSize(0))
                .body("policyVersion", equalTo(policy))
                .body("policyHash", notNullValue())
                .body("decision.outcome", equalTo("CLEARED"))
                .body("decision.decidedBy", equalTo("automated"))
                .body("decision.reasoning", containsString("Approved automatically"))
                .body("decision.policyVersion", equalTo(policy));
        String id = created.path("id");
        given().auth().oauth2(Tokens.demoUniversity()).get(created.header("Location"))
                .then().statusCode(200).body("id", equalTo(id)).body("request.candidate.fullName", equalTo("Li Wei"));
    }

    @Test
    void aHighRiskAffiliationIsFlaggedWithAnExplainedIndicatorAndADeadline() {
        Response r = post(Requests.flagged());
        r.then().statusCode(201)
                .body("status", equalTo("FLAGGED"))
                .body("decision", nullValue())
                .body("assessment.outcome", equalTo("FLAGGED"))
                .body("assessment.indicators[0].type", equalTo("HIGH_RISK_AFFILIATION"))
                .body("assessment.indicators[0].listEntry", equalTo("hit"))
                .body("assessment.indicators[0].matchedText", equalTo("Harbin Institute of Technology"))
                .body("assessment.indicators[0].field", equalTo("affiliations[0].name"))
                .body("assessment.indicators[0].score", equalTo("1.0000"))
                .body("assessment.indicators[0].threshold", equalTo("0.9000"))
                .body("assessment.indicators[0].explanation", containsString("Harbin Institute of Technology"));
        Instant received = Instant.parse(r.path("receivedAt"));
        Instant due = Instant.parse(r.path("decisionDue"));
        // Four weeks from the day after receipt, to the end of the last day in Amsterdam, off a weekend or holiday.
        java.time.ZoneId amsterdam = java.time.ZoneId.of("Europe/Amsterdam");
        java.time.LocalDate receivedDay = received.atZone(amsterdam).toLocalDate();
        java.time.LocalDate dueDay = java.time.LocalDate.parse(r.path("decisionDueDate"));
        assertThat(dueDay).isBetween(receivedDay.plusDays(28), receivedDay.plusDays(28 + 5));
        assertThat(dueDay.getDayOfWeek()).isNotIn(java.time.DayOfWeek.SATURDAY, java.time.DayOfWeek.SUNDAY);
        assertThat(due).isEqualTo(dueDay.plusDays(1).atStartOfDay(amsterdam).toInstant());
    }

    @Test
    void aListedNameWithALookAlikeLetterIsFlaggedNotCleared() {
        Map<String, Object> body = Requests.flagged();
        Requests.affiliation(body).put("name", "Наrbin Institute of Technology");
        post(body).then().statusCode(201)
                .body("status", equalTo("FLAGGED"))
                .body("decision", nullValue())
                .body("assessment.matchingVersion", equalTo("2"))
                .body("assessment.indicators.type", org.hamcrest.Matchers.contains("MIXED_SCRIPT_NAME", "HIGH_RISK_AFFILIATION"))
                .body("assessment.indicators[0].carriedBy", org.hamcrest.Matchers.contains("Наrbin"))
                .body("assessment.indicators[1].listEntry", equalTo("hit"));
    }

    @Test
    void anExemptNationalIsNotRequiredAndThatIsBindingToo() {
        post(Requests.exempt()).then().statusCode(201)
                .body("status", equalTo("NOT_REQUIRED"))
                .body("assessment.inScope", equalTo(false))
                .body("assessment.indicators", hasSize(0))
                .body("decision.outcome", equalTo("NOT_REQUIRED"))
                .body("decision.decidedBy", equalTo("automated"));
    }

    @Test
    void theSameBodyAgainGivesTheSameCaseAndADifferentBodyAConflict() {
        Map<String, Object> body = Requests.clean();
        String id = post(body).then().statusCode(201).extract().path("id");
        long before = cases();
        post(body).then().statusCode(200).body("id", equalTo(id));
        Requests.candidate(body).put("fullName", "Someone Else");
        post(body).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString(id)).body("detail", org.hamcrest.Matchers.not(containsString("Someone")));
        assertThat(cases()).isEqualTo(before);
    }

    @Test
    void concurrentDuplicatesMakeOneCase() throws Exception {
        Map<String, Object> body = Requests.flagged();
        String token = Tokens.demoUniversity();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Response>> futures = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Callable<Response> call = () -> given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/screenings");
            futures.add(pool.submit(call));
        }
        List<Integer> statuses = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Future<Response> f : futures) {
            Response r = f.get();
            statuses.add(r.statusCode());
            ids.add(r.path("id"));
        }
        pool.shutdown();
        assertThat(statuses).containsOnly(200, 201).filteredOn(s -> s == 201).hasSize(1);
        assertThat(ids).containsOnly(ids.get(0));
        Number count = (Number) em.createNativeQuery("select count(*) from screening_case where external_reference = ?1")
                .setParameter(1, body.get("externalReference")).getSingleResult();
        assertThat(count.longValue()).isEqualTo(1);
    }

    @Test
    void anotherInstitutionsCaseIsNotFoundEverywhere() {
        String id = post(Requests.flagged()).then().statusCode(201).extract().path("id");
        String other = Tokens.hrClient(Tokens.OTHER_INSTITUTE);
        given().auth().oauth2(other).get("/api/v1/screenings/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(other).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/screenings/" + id + "/withdrawal").then().statusCode(404);
        given().auth().oauth2(other).queryParam("size", 100).get("/api/v1/screenings")
                .then().statusCode(200).body("items.id", org.hamcrest.Matchers.not(hasItem(id)));
        given().auth().oauth2(Tokens.demoUniversity()).get("/api/v1/screenings/" + id).then().statusCode(200)
                .body("status", equalTo("FLAGGED"));
    }

    @Test
    void theListIsPagedInAStableOrderAndFiltersByStatus() {
        for (int i = 0; i < 3; i++) {
            post(Requests.exempt()).then().statusCode(201);
        }
        Response first = given().auth().oauth2(Tokens.demoUniversity()).queryParam("status", "NOT_REQUIRED")
                .queryParam("page", 0).queryParam("size", 2).get("/api/v1/screenings");
        first.then().statusCode(200).body("items", hasSize(2)).body("items.status", org.hamcrest.Matchers.everyItem(
                equalTo("NOT_REQUIRED"))).body("size", equalTo(2)).body("page", equalTo(0));
        int total = first.path("totalItems");
        assertThat(total).isGreaterThanOrEqualTo(3);
        Response second = given().auth().oauth2(Tokens.demoUniversity()).queryParam("status", "NOT_REQUIRED")
                .queryParam("page", 1).queryParam("size", 2).get("/api/v1/screenings");
        List<String> firstIds = first.path("items.id");
        List<String> secondIds = second.path("items.id");
        assertThat(secondIds).doesNotContainAnyElementsOf(firstIds);
        assertThat(first.asString()).doesNotContain("Li Wei");
    }

    @Test
    void badListParametersAreNamed() {
        given().auth().oauth2(Tokens.demoUniversity()).queryParam("status", "DONE").get("/api/v1/screenings")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("status"));
        given().auth().oauth2(Tokens.demoUniversity()).queryParam("size", 101).get("/api/v1/screenings")
                .then().statusCode(400).body("errors.field", hasItem("size"));
        given().auth().oauth2(Tokens.demoUniversity()).queryParam("page", -1).get("/api/v1/screenings")
                .then().statusCode(400).body("errors.field", hasItem("page"));
    }

    @Test
    void anOpenCaseCanBeWithdrawnOnceAndADecidedOneNot() {
        String flagged = post(Requests.flagged()).then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/screenings/" + flagged + "/withdrawal")
                .then().statusCode(200).body("status", equalTo("WITHDRAWN"));
        given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/screenings/" + flagged + "/withdrawal")
                .then().statusCode(409).contentType("application/problem+json");
        String cleared = post(Requests.clean()).then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/screenings/" + cleared + "/withdrawal")
                .then().statusCode(409).body("detail", containsString("CLEARED"));
    }

    @Test
    void thePreviewAssessesAndStoresNothing() {
        long casesBefore = cases();
        long decisionsBefore = decisions();
        given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body(Requests.flagged())
                .post("/api/v1/screenings/preview")
                .then().statusCode(200).body("outcome", equalTo("FLAGGED"))
                .body("indicators[0].listEntry", equalTo("hit"));
        given().auth().oauth2(Tokens.officer1()).contentType(ContentType.JSON).body(Requests.clean())
                .post("/api/v1/screenings/preview")
                .then().statusCode(200).body("outcome", equalTo("CLEARED"));
        given().auth().oauth2(Tokens.user("auditor1")).contentType(ContentType.JSON).body(Requests.clean())
                .post("/api/v1/screenings/preview").then().statusCode(403);
        assertThat(cases()).isEqualTo(casesBefore);
        assertThat(decisions()).isEqualTo(decisionsBefore);
    }

    @Test
    void onlyHrSystemsSubmit() {
        given().auth().oauth2(Tokens.officer1()).contentType(ContentType.JSON).body(Requests.clean())
                .post("/api/v1/screenings").then().statusCode(403).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Requests.clean()).post("/api/v1/screenings").then().statusCode(401);
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() {
        Map<String, Object> body = Requests.clean();
        Requests.research(body).put("description", "x".repeat(70_000));
        long before = cases();
        post(body).then().statusCode(413).contentType("application/problem+json");
        assertThat(cases()).isEqualTo(before);
    }
}
