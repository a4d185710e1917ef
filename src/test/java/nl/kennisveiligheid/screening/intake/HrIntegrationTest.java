package nl.kennisveiligheid.screening.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.kennisveiligheid.screening.support.Requests;
import nl.kennisveiligheid.screening.support.Tokens;
import org.junit.jupiter.api.Test;

/** What an HR system needs beyond single requests: the change feed, bulk submission, filters, the catalogue. */
@QuarkusTest
class HrIntegrationTest {

    @Inject
    EntityManager em;

    static String other() {
        return Tokens.hrClient("hr-other-institute");
    }

    static JsonPath batch(String token, List<Map<String, Object>> items) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("requests", items))
                .post("/api/v1/screenings/batch").then().statusCode(207).extract().jsonPath();
    }

    @Test
    void aBatchOfAHundredWithThreeBadItemsCreatesNinetySeven() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            items.add(i % 2 == 0 ? Requests.clean() : Requests.flagged());
        }
        Requests.candidate(items.get(7)).put("dateOfBirth", "not-a-date");
        items.get(42).put("unexpected", true);
        Requests.research(items.get(99)).put("areaCodes", List.of("NO_SUCH_AREA"));
        JsonPath results = batch(Tokens.demoUniversity(), items);
        assertThat(results.getList("results.index", Integer.class)).hasSize(100).isSorted();
        assertThat(results.getList("results.status", Integer.class).stream().filter(s -> s == 201)).hasSize(97);
        assertThat(results.getInt("results[7].status")).isEqualTo(400);
        assertThat(results.getString("results[7].problem.errors[0].field")).isEqualTo("candidate.dateOfBirth");
        assertThat(results.getString("results[42].problem.errors[0].field")).isEqualTo("unexpected");
        assertThat(results.getString("results[99].problem.errors[0].field")).startsWith("research.areaCodes");
        assertThat(results.getString("results[0].case.id")).isNotNull();
        String reference = (String) items.get(0).get("externalReference");
        given().auth().oauth2(Tokens.demoUniversity()).queryParam("externalReference", reference)
                .get("/api/v1/screenings").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].id", equalTo(results.getString("results[0].case.id")));
        // The same batch again: every good item answers with its case (200), nothing new.
        JsonPath again = batch(Tokens.demoUniversity(), items);
        assertThat(again.getList("results.status", Integer.class).stream().filter(s -> s == 200)).hasSize(97);
        assertThat(again.getString("results[0].case.id")).isEqualTo(results.getString("results[0].case.id"));
        given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON)
                .body(Map.of("requests", List.of())).post("/api/v1/screenings/batch").then().statusCode(400)
                .body(containsString("requests"));
    }

    @Test
    void theChangeFeedPagesThroughAThousandEventsWithoutGaps() throws Exception {
        for (int round = 0; round < 10; round++) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                items.add(Requests.clean());
            }
            batch(other(), items);
        }
        awaitSequenced();
        List<Long> sequences = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonPath page = given().auth().oauth2(other()).queryParam("after", after).queryParam("limit", 97)
                    .get("/api/v1/screenings/changes").then().statusCode(200).extract().jsonPath();
            List<Long> got = page.getList("events.sequence", Long.class);
            if (got.isEmpty()) {
                assertThat(page.getLong("next")).isEqualTo(after);
                break;
            }
            assertThat(page.getList("events.type", String.class)).allMatch(t -> t.startsWith("case."));
            sequences.addAll(got);
            after = page.getLong("next");
            assertThat(after).isEqualTo(got.get(got.size() - 1));
        }
        assertThat(sequences.size()).isGreaterThanOrEqualTo(1000);
        for (int i = 0; i < sequences.size(); i++) {
            assertThat(sequences.get(i)).as("sequence at position " + i).isEqualTo(i + 1L);
        }
        // Another institution's feed is its own: none of these cases appears in it.
        batch(Tokens.demoUniversity(), List.of(Requests.clean()));
        awaitSequenced();
        java.util.Set<String> ours = new java.util.HashSet<>();
        for (long a = 0; ; ) {
            JsonPath page = given().auth().oauth2(other()).queryParam("after", a).queryParam("limit", 1000)
                    .get("/api/v1/screenings/changes").then().extract().jsonPath();
            if (page.getList("events").isEmpty()) {
                break;
            }
            ours.addAll(page.getList("events.caseId", String.class));
            a = page.getLong("next");
        }
        List<String> theirs = given().auth().oauth2(Tokens.demoUniversity()).queryParam("after", 0)
                .queryParam("limit", 1000).get("/api/v1/screenings/changes").then().statusCode(200).extract()
                .jsonPath().getList("events.caseId", String.class);
        assertThat(theirs).isNotEmpty().doesNotContainAnyElementsOf(ours);
    }

    private void awaitSequenced() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            Number waiting = QuarkusTransaction.requiringNew().call(() -> (Number) em.createNativeQuery(
                    "select count(*) from institution_event where sequence is null").getSingleResult());
            if (waiting.longValue() == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("events were not sequenced in 10 s");
    }

    @Test
    void theListFiltersByChangeAndReferenceAndRefusesUnknownParameters() {
        Instant before = Instant.now().minusSeconds(1);
        Map<String, Object> body = Requests.clean();
        String id = given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/screenings").then().statusCode(201).body("updatedAt", notNullValue()).extract().path("id");
        given().auth().oauth2(Tokens.demoUniversity()).queryParam("updatedSince", before.toString()).queryParam("size", 100)
                .get("/api/v1/screenings").then().statusCode(200).body("items.id", hasItem(id));
        given().auth().oauth2(Tokens.demoUniversity()).queryParam("updatedSince", "3000-01-01T00:00:00Z")
                .get("/api/v1/screenings").then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(Tokens.demoUniversity()).queryParam("externalReference", body.get("externalReference"))
                .get("/api/v1/screenings").then().statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(id));
        given().auth().oauth2(Tokens.demoUniversity()).queryParam("updatedSince", "yesterday")
                .get("/api/v1/screenings").then().statusCode(400).body("errors[0].field", equalTo("updatedSince"));
        given().auth().oauth2(Tokens.demoUniversity()).queryParam("externalRef", "x")
                .get("/api/v1/screenings").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("externalRef"));
        given().auth().oauth2(Tokens.demoUniversity()).queryParam("verbose", "true")
                .get("/api/v1/screenings/" + id).then().statusCode(400).body("errors[0].field", equalTo("verbose"));
    }

    @Test
    void anInvalidRequestGetsEveryProblemInOneResponseAndNothingIsStored() {
        Map<String, Object> body = Requests.clean();
        body.put("surname", "x");
        Requests.candidate(body).put("dateOfBirth", "31-12-1990");
        Requests.candidate(body).put("fullName", "");
        Requests.position(body).put("type", "ASTRONAUT");
        Requests.affiliation(body).put("city", "Delft");
        JsonPath problem = given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/screenings").then().statusCode(400).contentType("application/problem+json")
                .extract().jsonPath();
        assertThat(problem.getList("errors.field", String.class)).contains("surname", "affiliations[0].city",
                "candidate.dateOfBirth", "position.type", "candidate.fullName");
        given().auth().oauth2(Tokens.demoUniversity()).queryParam("externalReference", body.get("externalReference"))
                .get("/api/v1/screenings").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void theCatalogueTellsAnIntegratorTheCodesAndPeriodsWithAnEtag() {
        var response = given().auth().oauth2(Tokens.demoUniversity()).get("/api/v1/catalogue").then().statusCode(200)
                .body("areas.code", hasItem("SEMICONDUCTORS")).body("positionTypesInScope", hasItem("POSTDOC"))
                .body("exemptNationalities", hasItem("NL")).body("periods.decisionWeeks", notNullValue())
                .extract();
        String etag = response.header("ETag");
        assertThat(etag).isEqualTo("\"" + response.path("contentHash") + "\"");
        given().auth().oauth2(Tokens.demoUniversity()).header("If-None-Match", etag).get("/api/v1/catalogue").then()
                .statusCode(304);
        given().auth().oauth2(Tokens.demoUniversity()).queryParam("version", response.path("version").toString())
                .get("/api/v1/catalogue").then().statusCode(200).body("version", equalTo(response.path("version")));
        given().auth().oauth2(Tokens.demoUniversity()).queryParam("version", "no-such-version")
                .get("/api/v1/catalogue").then().statusCode(404);
        given().auth().oauth2(Tokens.user("auditor1")).get("/api/v1/catalogue").then().statusCode(200);
    }

    @Test
    void theInstitutionSeesTheWholeDecisionHistoryWithOfficersByRole() {
        String id = given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body(Requests.flagged())
                .post("/api/v1/screenings").then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.officer1()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/reviews/" + id + "/assignment").then().statusCode(200);
        given().auth().oauth2(Tokens.officer1()).contentType(ContentType.JSON).body(Map.of("outcome",
                        "APPROVED_WITH_CONDITIONS", "reasoning", "Indirect", "conditions", List.of("Escort")))
                .post("/api/v1/reviews/" + id + "/decision").then().statusCode(200);
        given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON)
                .body(Map.of("grounds", "The escort is disproportionate")).post("/api/v1/screenings/" + id + "/objections")
                .then().statusCode(200);
        given().auth().oauth2(Tokens.user("officer2")).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/reviews/" + id + "/assignment").then().statusCode(200);
        given().auth().oauth2(Tokens.user("officer2")).contentType(ContentType.JSON).body(Map.of("outcome", "APPROVED",
                        "reasoning", "Objection upheld", "conditions", List.of()))
                .post("/api/v1/reviews/" + id + "/decision").then().statusCode(200);
        given().auth().oauth2(Tokens.demoUniversity()).get("/api/v1/screenings/" + id).then().statusCode(200)
                .body("decisions", hasSize(2))
                .body("decisions[0].outcome", equalTo("APPROVED_WITH_CONDITIONS"))
                .body("decisions[0].current", equalTo(false))
                .body("decisions[0].decidedBy", equalTo("legal-officer"))
                .body("decisions[1].kind", equalTo("OBJECTION"))
                .body("decisions[1].outcome", equalTo("APPROVED"))
                .body("decisions[1].current", equalTo(true))
                .body("decisions[1].supersedes", equalTo(given().auth().oauth2(Tokens.demoUniversity())
                        .get("/api/v1/screenings/" + id).then().extract().path("decisions[0].id")))
                .body("decisions[1].objection.grounds", equalTo("The escort is disproportionate"))
                .body(org.hamcrest.Matchers.not(containsString("officer2")));
    }
}
