package nl.kennisveiligheid.screening.rescreening;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.kennisveiligheid.screening.support.Policies;
import nl.kennisveiligheid.screening.support.Requests;
import nl.kennisveiligheid.screening.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Re-screening when a version takes effect, through the API: decided cases go back to the officers
 * and keep their decision until the officers decide again; open cases gain the new indicators; a run
 * that stops part-way continues where it stopped.
 */
@QuarkusTest
class RescreeningTest {

    @Inject
    RescreeningJob job;

    @Inject
    EntityManager em;

    static String submit(Map<String, Object> body) {
        return given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/screenings").then().statusCode(201).extract().path("id");
    }

    static Map<String, Object> clearedWith(String affiliation) {
        Map<String, Object> body = Requests.clean();
        Requests.affiliation(body).put("name", affiliation);
        Requests.affiliation(body).put("country", "CN");
        return body;
    }

    /** Flagged by a listed funder, with the affiliation given: an open case once taken. */
    static Map<String, Object> flaggedWith(String affiliation) {
        Map<String, Object> body = clearedWith(affiliation);
        body.put("funding", new java.util.ArrayList<>(List.of(Map.of("funder", "Harbin Institute of Technology",
                "country", "CN"))));
        return body;
    }

    static String publishListing(String name) {
        String id = "rs-" + UUID.randomUUID().toString().substring(0, 8);
        return Policies.publishChanged(d -> Policies.entities(d).add(Policies.entity(id, name, List.of())));
    }

    JsonPath progressWhenDone(String version) {
        for (int i = 0; i < 200; i++) {
            job.runUntilIdle();
            JsonPath progress = given().auth().oauth2(Tokens.user("policyadmin1"))
                    .get("/api/v1/policies/" + version + "/rescreening").then().extract().jsonPath();
            if ("COMPLETED".equals(progress.getString("status"))) {
                return progress;
            }
        }
        throw new AssertionError("re-screening with " + version + " did not complete");
    }

    static String status(String id) {
        return given().auth().oauth2(Tokens.demoUniversity()).get("/api/v1/screenings/" + id).then().statusCode(200)
                .extract().path("status");
    }

    /** The case's events in the institution's change feed, read from the start. */
    static List<Map<String, Object>> events(String id) {
        List<Map<String, Object>> found = new java.util.ArrayList<>();
        long after = 0;
        while (true) {
            JsonPath page = given().auth().oauth2(Tokens.demoUniversity()).queryParam("after", after)
                    .queryParam("limit", 1000).get("/api/v1/screenings/changes").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> events = page.getList("events");
            if (events.isEmpty()) {
                return found;
            }
            events.stream().filter(e -> id.equals(e.get("caseId"))).forEach(found::add);
            after = page.getLong("next");
        }
    }

    /** The case's first event of this type, once the sequencer has numbered it. */
    static Map<String, Object> awaitEvent(String id, String type) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            var event = events(id).stream().filter(e -> type.equals(e.get("type"))).findFirst();
            if (event.isPresent()) {
                return event.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + type + " event for case " + id);
    }

    static io.restassured.response.ValidatableResponse act(String officer, String id, String action, Object body) {
        return given().auth().oauth2(Tokens.user(officer)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/reviews/" + id + "/" + action).then();
    }

    @Test
    void aDecisionANewVersionFlagsGoesBackToTheOfficersWhoUpholdOrRevokeIt() throws InterruptedException {
        String university = Policies.uniqueOrganisation();
        String approved = submit(flaggedWith(university));
        act("officer1", approved, "assignment", "{}").statusCode(200);
        act("officer1", approved, "decision", Map.of("outcome", "APPROVED", "reasoning", "The funding ended in 2019."))
                .statusCode(200);
        String upheld = submit(clearedWith(university));
        String revoked = submit(clearedWith(university));
        String ended = submit(endedPosition(clearedWith(university)));
        String untouched = submit(clearedWith(Policies.uniqueOrganisation()));
        assertThat(status(upheld)).isEqualTo("CLEARED");

        String version = publishListing(university);
        JsonPath progress = progressWhenDone(version);
        assertThat(progress.getLong("alerts")).isGreaterThanOrEqualTo(3);
        assertThat(progress.getLong("reassessed")).isEqualTo(progress.getLong("counted"));

        assertThat(status(approved)).as("an officer's approval is re-screened too").isEqualTo("RESCREEN_FLAGGED");
        assertThat(status(upheld)).isEqualTo("RESCREEN_FLAGGED");
        assertThat(status(revoked)).isEqualTo("RESCREEN_FLAGGED");
        assertThat(status(ended)).as("a position that has ended is not re-screened").isEqualTo("CLEARED");
        assertThat(status(untouched)).isEqualTo("CLEARED");
        Map<String, Object> alert = awaitEvent(upheld, "case.rescreen_flagged");
        assertThat(alert.get("policyVersion")).isEqualTo(version);
        assertThat(alert.get("previousPolicyVersion")).isNotNull().isNotEqualTo(version);
        // The decision stands until the officers decide: the institution still sees it, and cannot withdraw the case.
        given().auth().oauth2(Tokens.demoUniversity()).get("/api/v1/screenings/" + upheld).then()
                .body("decision.outcome", equalTo("CLEARED"));
        given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/screenings/" + upheld + "/withdrawal").then().statusCode(409)
                .body("type", org.hamcrest.Matchers.endsWith("rescreening-pending"));

        var officer = given().auth().oauth2(Tokens.officer1()).get("/api/v1/reviews/" + upheld).then().statusCode(200)
                .extract().jsonPath();
        assertThat(officer.getList("assessment.indicators.fromPolicyVersion")).contains(version);
        act("officer1", upheld, "assignment", "{}").statusCode(200);
        act("officer1", upheld, "decision", Map.of("outcome", "APPROVED", "reasoning",
                "The candidate's time at the newly listed university was a two-week summer school.")).statusCode(200)
                .body("status", equalTo("APPROVED"));
        var decisions = given().auth().oauth2(Tokens.demoUniversity()).get("/api/v1/screenings/" + upheld).then()
                .extract().jsonPath();
        assertThat(decisions.getList("decisions.kind")).containsExactly("AUTOMATED", "RESCREENING");
        assertThat(decisions.getString("decisions[1].supersedes")).isEqualTo(decisions.getString("decisions[0].id"));
        assertThat(awaitEvent(upheld, "case.rescreening_decided")).containsEntry("outcome", "APPROVED");

        act("officer1", revoked, "assignment", "{}").statusCode(200);
        act("officer1", revoked, "decision", Map.of("outcome", "REFUSED", "reasoning",
                "Employment at the listed university in the sensitive area.")).statusCode(200)
                .body("status", equalTo("REFUSAL_PROPOSED"));
        act("officer1", revoked, "confirmation", Map.of("agree", true, "reasoning", "Own proposal")).statusCode(409);
        act("officer2", revoked, "confirmation", Map.of("agree", true, "reasoning", "Agreed.")).statusCode(200)
                .body("status", equalTo("REFUSED"));
        assertThat(status(revoked)).isEqualTo("REFUSED");
        assertThat(((Number) em.createNativeQuery("select count(*) from rescreening_alert where case_id in (?1, ?2)"
                + " and resolved_at is not null and decision_id is not null").setParameter(1, UUID.fromString(upheld))
                .setParameter(2, UUID.fromString(revoked)).getSingleResult()).longValue()).isEqualTo(2);
    }

    @Test
    void anOpenCaseGainsTheNewIndicatorMarkedWithTheNewVersion() throws InterruptedException {
        String university = Policies.uniqueOrganisation();
        String open = submit(flaggedWith(university));
        assertThat(status(open)).isEqualTo("FLAGGED");
        List<Object> before = given().auth().oauth2(Tokens.officer1()).get("/api/v1/reviews/" + open).then()
                .extract().jsonPath().getList("assessment.indicators");

        String version = publishListing(university);
        progressWhenDone(version);

        var after = given().auth().oauth2(Tokens.officer1()).get("/api/v1/reviews/" + open).then().statusCode(200)
                .extract().jsonPath();
        assertThat(after.getString("status")).isEqualTo("FLAGGED");
        List<Map<String, Object>> indicators = after.getList("assessment.indicators");
        assertThat(indicators).hasSize(before.size() + 1);
        assertThat(indicators.get(indicators.size() - 1)).containsEntry("fromPolicyVersion", version)
                .containsEntry("type", "HIGH_RISK_AFFILIATION").containsEntry("matchedText", university);
        assertThat(awaitEvent(open, "case.rescreened")).containsEntry("policyVersion", version);
        String page = nl.kennisveiligheid.screening.support.ConsoleSignIn.as("officer1").get("/console/cases/" + open)
                .then().statusCode(200).extract().asString();
        assertThat(page).contains("raised by re-screening with policy version " + version);
    }

    @Test
    void aRunThatStopsPartWayContinuesWithoutRedoingOrSkippingACase() {
        job.runUntilIdle(); // the runs of versions other tests published are done first
        String university = Policies.uniqueOrganisation();
        List<String> cases = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            cases.add(submit(i % 2 == 0 ? clearedWith(university) : flaggedWith(university)));
        }
        String version = publishListing(university);
        // Three cases, then the process "dies": what a batch did is committed with the cursor, nothing else is.
        assertThat(job.batch(3)).isGreaterThanOrEqualTo(0);
        assertThat(job.batch(3)).isGreaterThanOrEqualTo(0);
        JsonPath midway = given().auth().oauth2(Tokens.user("policyadmin1"))
                .get("/api/v1/policies/" + version + "/rescreening").then().statusCode(200).extract().jsonPath();
        assertThat(midway.getString("status")).isEqualTo("RUNNING");
        assertThat(midway.getLong("reassessed")).isBetween(1L, midway.getLong("counted") - 1);

        JsonPath done = progressWhenDone(version);
        assertThat(done.getLong("reassessed")).isEqualTo(done.getLong("counted"));
        for (String id : cases) {
            long rescreened = ((Number) em.createNativeQuery("select count(*) from outbox_event where type = 'RESCREENED'"
                    + " and record_key = ?1 and body::jsonb ->> 'policyVersion' = ?2").setParameter(1, id)
                    .setParameter(2, version).getSingleResult()).longValue();
            assertThat(rescreened).as("case %s re-screened once", id).isEqualTo(1);
        }
    }

    @Test
    void aCaseThatCannotBeReadIsPassedOverAndTheRunGoesOn() {
        job.runUntilIdle();
        String university = Policies.uniqueOrganisation();
        String unreadable = submit(flaggedWith(university));
        String readable = submit(flaggedWith(university));
        UUID id = UUID.fromString(unreadable);
        String request = (String) em.createNativeQuery("select request from screening_case where id = ?1")
                .setParameter(1, id).getSingleResult();
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update screening_case set request = '{\"notARequest\":true}' where id = ?1").setParameter(1, id)
                .executeUpdate());
        try {
            String version = publishListing(university);
            JsonPath done = progressWhenDone(version);
            assertThat(done.getLong("reassessed")).isEqualTo(done.getLong("counted"));
            List<String> readableIndicators = given().auth().oauth2(Tokens.officer1()).get("/api/v1/reviews/" + readable)
                    .then().statusCode(200).extract().jsonPath().getList("assessment.indicators.fromPolicyVersion");
            assertThat(readableIndicators).contains(version);
        } finally {
            io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "update screening_case set request = ?2 where id = ?1").setParameter(1, id).setParameter(2, request)
                    .executeUpdate());
        }
    }

    @Test
    void onTheUpgradeOnlyTheVersionInEffectReScreensTheCasesBeforeIt() throws Exception {
        job.runUntilIdle();
        String open = submit(flaggedWith(Policies.uniqueOrganisation()));
        String older = Policies.publishChanged(d -> { });
        String newest = Policies.publishChanged(d -> { });
        // As on the release that brought re-screening: versions in effect without a run of their own.
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "delete from rescreening_run where policy_version in (?1, ?2)").setParameter(1, older)
                .setParameter(2, newest).executeUpdate());
        String migration = new String(getClass().getResourceAsStream(
                "/db/migration/V13__rescreening_starts_with_the_next_version.sql").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(migration).executeUpdate());

        JsonPath skipped = given().auth().oauth2(Tokens.user("auditor1")).get("/api/v1/policies/" + older + "/rescreening")
                .then().statusCode(200).extract().jsonPath();
        assertThat(skipped.getString("status")).isEqualTo("COMPLETED");
        assertThat(skipped.getLong("counted")).isZero();
        given().auth().oauth2(Tokens.user("auditor1")).get("/api/v1/policies/" + newest + "/rescreening").then()
                .statusCode(404);
        JsonPath once = progressWhenDone(newest);
        assertThat(once.getLong("counted")).as("the open case %s among them", open).isPositive();
    }

    private static Map<String, Object> endedPosition(Map<String, Object> body) {
        Requests.position(body).put("startDate", "2020-01-01");
        Requests.position(body).put("endDate", "2021-01-01");
        return body;
    }
}
