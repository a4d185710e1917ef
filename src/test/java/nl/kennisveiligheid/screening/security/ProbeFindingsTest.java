package nl.kennisveiligheid.screening.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import nl.kennisveiligheid.screening.support.KeycloakAdmin;
import nl.kennisveiligheid.screening.support.Requests;
import nl.kennisveiligheid.screening.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Findings of a security probe of the running service (issue 22), each shown failing as an attack:
 * input that gave a 500 or was read more loosely than the contract says.
 */
@QuarkusTest
class ProbeFindingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @jakarta.inject.Inject
    jakarta.persistence.EntityManager em;

    @Test
    void trailingContentAfterAJsonBodyIsRefused() throws Exception {
        String body = JSON.writeValueAsString(Requests.clean()) + " {\"externalReference\": \"second\"}";
        given().auth().oauth2(Tokens.demoUniversity()).contentType("application/json").body(body)
                .post("/api/v1/screenings").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Tokens.user("policyadmin1")).contentType("application/json")
                .body("{\"effectiveFrom\": \"2099-01-01T00:00:00Z\"} []")
                .post("/api/v1/policies/no-such/publication").then().statusCode(400);
    }

    @Test
    void aYamlDraftWithADuplicateKeyIsRefusedAsItsJsonTwinIs() {
        String yaml = "version: dup-" + System.nanoTime() + "\nsensitiveAreas:\n  - {code: AB, name: n, terms: [t]}\n"
                + "highRiskEntities: []\nhighRiskEntities: [{id: x, name: X, country: CN, category: C, riskLevel: HIGH}]\n";
        given().auth().oauth2(Tokens.user("policyadmin1")).contentType("application/yaml")
                .body(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/policies").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void theLanguageSwitchWithAMalformedReturnPathGoesHomeInsteadOfFailing() {
        given().urlEncodingEnabled(false).redirects().follow(false).get("/console/language/en?next=/console%7B").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/console"));
        given().redirects().follow(false).get("/console/language/nl?next=/console/cases").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/console/cases"));
    }

    @Test
    void anEmptyContentTypeIsAClientErrorNotAFault() {
        int status = given().config(RestAssuredConfig.config().encoderConfig(EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .auth().oauth2(Tokens.demoUniversity()).header("Content-Type", "").body("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/screenings").then().extract().statusCode();
        org.assertj.core.api.Assertions.assertThat(status).isBetween(400, 499);
        given().auth().oauth2(Tokens.demoUniversity()). header("Content-Type", "")
                .body("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/screenings/" + java.util.UUID.randomUUID() + "/withdrawal").then()
                .statusCode(org.hamcrest.Matchers.both(org.hamcrest.Matchers.greaterThanOrEqualTo(400))
                        .and(org.hamcrest.Matchers.lessThan(500)))
                .body(containsString("status"));
        given().auth().oauth2(Tokens.demoUniversity()).get("/api/v1/screenings?size=1").then().statusCode(200)
                .body("size", equalTo(1));
    }

    @Test
    void aForgedHostHeaderDoesNotReachTheLocationOfANewCase() {
        given().auth().oauth2(Tokens.demoUniversity()).header("Host", "attacker.example").contentType("application/json")
                .body(Requests.clean()).post("/api/v1/screenings").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.startsWith("http://127.0.0.1:"))
                .header("Location", org.hamcrest.Matchers.not(containsString("attacker")));
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedAsOneWithItsLengthIs() throws Exception {
        java.util.Map<String, Object> body = Requests.clean();
        nl.kennisveiligheid.screening.support.Requests.research(body).put("description", "x".repeat(200_000));
        byte[] bytes = JSON.writeValueAsBytes(body);
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:8081/api/v1/screenings"))
                .header("Authorization", "Bearer " + Tokens.demoUniversity()).header("Content-Type", "application/json")
                // An input stream of unknown length goes out chunked, with no Content-Length.
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes)))
                .build();
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofString());
        org.assertj.core.api.Assertions.assertThat(response.statusCode()).isEqualTo(413);
        org.assertj.core.api.Assertions.assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/problem+json");
    }

    @Test
    void anIdTokenIsNotABearerTokenForTheApi() {
        String idToken = given().formParams(java.util.Map.of("grant_type", "password", "client_id", "screening-cli",
                        "username", "officer1", "password", "officer1-pw", "scope", "openid"))
                .post(Tokens.realmUrl() + "/protocol/openid-connect/token").then().statusCode(200)
                .extract().path("id_token");
        given().auth().oauth2(idToken).get("/api/v1/reviews").then().statusCode(401);
        given().auth().oauth2(Tokens.officer1()).get("/api/v1/reviews").then().statusCode(200);
    }

    @Test
    void aClientAddedToTheRealmLaterGetsNothingByCarryingRealmRoles() {
        try (KeycloakAdmin admin = KeycloakAdmin.local()) {
            String clientId = "probe-" + System.nanoTime();
            admin.serviceAccountClientWithRealmRole(clientId, "hr-system", "demo-university");
            String token = given().formParams(java.util.Map.of("grant_type", "client_credentials", "client_id", clientId,
                            "client_secret", clientId + "-secret"))
                    .post(Tokens.realmUrl() + "/protocol/openid-connect/token").then().statusCode(200)
                    .extract().path("access_token");
            given().auth().oauth2(token).get("/api/v1/screenings").then().statusCode(401);
            given().auth().oauth2(token).contentType("application/json").body(Requests.clean())
                    .post("/api/v1/screenings").then().statusCode(401);
        }
        given().auth().oauth2(Tokens.demoUniversity()).get("/api/v1/screenings?size=1").then().statusCode(200);
    }

    @Test
    void anAuditorRunsOneReplayAtATimeAndTheRestAreRefusedAtOnceWith429() throws Exception {
        int accepted = 0;
        int refused = 0;
        String token = Tokens.user("auditor1");
        // All at once, as the probe sent them: they arrive while the first one runs.
        java.util.concurrent.ExecutorService starts = java.util.concurrent.Executors.newFixedThreadPool(20);
        java.util.List<java.util.concurrent.Future<io.restassured.response.Response>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(starts.submit(() -> given().auth().oauth2(token).contentType("application/json").body("{}")
                    .post("/api/v1/audit/replays")));
        }
        starts.shutdown();
        for (java.util.concurrent.Future<io.restassured.response.Response> answer : answers) {
            io.restassured.response.Response r = answer.get();
            if (r.statusCode() == 202) {
                accepted++;
            } else {
                // 429 for the auditor's own running replay; 503 if the replay endpoints' bulkhead is full first.
                refused++;
                r.then().statusCode(org.hamcrest.Matchers.oneOf(429, 503)).contentType("application/problem+json")
                        .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                        .body("type", r.statusCode() == 429 ? containsString("replay-already-running")
                                : containsString("overloaded"));
            }
        }
        org.assertj.core.api.Assertions.assertThat(accepted).as("at most one running at a time").isBetween(1, 2);
        org.assertj.core.api.Assertions.assertThat(refused).isGreaterThanOrEqualTo(18);
    }

    @Test
    void aReplayLeftRunningByADeadProcessIsMarkedFailedInsteadOfBlockingForever() throws Exception {
        java.util.UUID stale = java.util.UUID.randomUUID();
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "insert into replay_job (id, status, requested_by, started_at, report) values (?1, 'RUNNING',"
                                + " 'auditor-of-a-dead-process', now() - interval '2 hours', '{\"status\":\"RUNNING\"}')")
                .setParameter(1, stale).executeUpdate());
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(120).toNanos();
        int status;
        do {
            status = given().auth().oauth2(Tokens.user("auditor1")).contentType("application/json").body("{}")
                    .post("/api/v1/audit/replays").statusCode();
            if (status == 429) {
                Thread.sleep(300);
            }
        } while (status == 429 && System.nanoTime() < deadline);
        org.assertj.core.api.Assertions.assertThat(status).isEqualTo(202);
        given().auth().oauth2(Tokens.user("auditor1")).get("/api/v1/audit/replays/" + stale).then().statusCode(200)
                .body("status", equalTo("FAILED")).body("finishedAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void unknownPathsDoNotFillTheMetricsUriLabel() {
        String marker = "probe" + System.nanoTime();
        for (int i = 0; i < 30; i++) {
            given().get("/api/v1/" + marker + i);
            given().auth().oauth2(Tokens.demoUniversity()).get("/api/v1/" + marker + "x" + i);
            given().get("/" + marker + "y" + i);
            given().redirects().follow(false).get("/console/" + marker + "z" + i);
            given().auth().oauth2("not-a-token").get("/api/v1/" + marker + "t" + i);
            given().auth().oauth2("not-a-token").get("/api/v1/screenings/" + marker + "s" + i);
            given().delete("/api/v1/" + marker + "d" + i);
            given().get("/q/" + marker + "q" + i);
            given().get("/openapi/" + marker + "o" + i);
        }
        given().auth().oauth2(Tokens.demoUniversity()).get("/api/v1/screenings?size=1").then().statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        org.assertj.core.api.Assertions.assertThat(metrics).as("no label names a path that matched no route")
                .doesNotContain(marker);
        org.assertj.core.api.Assertions.assertThat(metrics).as("real routes are still recorded")
                .contains("uri=\"/api/v1/screenings\"");
    }
}
