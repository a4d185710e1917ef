package nl.kennisveiligheid.screening.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import nl.kennisveiligheid.screening.support.LocalInfra;
import nl.kennisveiligheid.screening.support.Requests;
import nl.kennisveiligheid.screening.support.Tokens;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The local PostgreSQL stopped while requests arrive, then started again: clean 503s, then recovery. */
@QuarkusTest
class DatabaseFaultTest {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void aStoppedDatabaseGivesRetryable503sAndTheServiceRecoversWithoutRestart() throws Exception {
        Assumptions.assumeTrue(jdbcUrl.contains("127.0.0.1:54329"),
                "this test stops the Makefile's private PostgreSQL; it does not touch an external one");
        String token = Tokens.demoUniversity();
        Map<String, Object> body = Requests.clean();
        LocalInfra.run("pg-stop");
        try {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/screenings")
                    .then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", notNullValue()).body("status", equalTo(503));
            given().auth().oauth2(token).get("/api/v1/screenings").then().statusCode(503)
                    .contentType("application/problem+json");
            given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
            given().get("/q/health/live").then().statusCode(200);
        } finally {
            LocalInfra.run("pg-start");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline && status != 201) {
            status = given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/screenings")
                    .statusCode();
            if (status != 201) {
                Thread.sleep(500);
            }
        }
        assertThat(status).as("the same request succeeds after the database returns").isEqualTo(201);
        given().auth().oauth2(token).queryParam("size", 100).get("/api/v1/screenings").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        // Nothing half-written: the request refused during the outage left no case, so it is created once now.
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/screenings")
                .then().statusCode(200);
    }
}
