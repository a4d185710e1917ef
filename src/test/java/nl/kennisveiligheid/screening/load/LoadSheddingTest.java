package nl.kennisveiligheid.screening.load;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nl.kennisveiligheid.screening.common.DedicatedConnections;
import nl.kennisveiligheid.screening.policy.PolicyService;
import nl.kennisveiligheid.screening.support.Requests;
import nl.kennisveiligheid.screening.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Intake past its bound: the test stalls every intake request behind the publication lock, so the
 * bulkhead fills deterministically. The requests beyond its running and waiting places are refused at
 * once with 503 and Retry-After; health and the officers' endpoints still answer. The stall lasts
 * longer than a request may wait ({@code screening.load.max-queue-wait}), so when it ends the running
 * requests complete with their case and the waiting ones are refused instead of being served late.
 */
@QuarkusTest
class LoadSheddingTest {

    @Inject
    LoadConfig config;

    @Inject
    DedicatedConnections connections;

    @Test
    void intakeBeyondItsBoundIsRefusedAtOnceAndNothingIsServedAfterWaitingTooLong() throws Exception {
        String token = Tokens.demoUniversity();
        String officer = Tokens.officer1();
        Places intake = Places.of(config.intake());
        int places = intake.total();
        int offered = places + 20;
        ExecutorService clients = Executors.newFixedThreadPool(offered);
        List<Future<Response>> answers = new ArrayList<>();
        try (Connection stall = connections.open(); Statement s = stall.createStatement()) {
            s.execute("select pg_advisory_lock(" + PolicyService.PUBLICATION_LOCK + ")");
            try {
                for (int i = 0; i < offered; i++) {
                    answers.add(clients.submit(() -> given().auth().oauth2(token).contentType(ContentType.JSON)
                            .body(Requests.clean()).post("/api/v1/screenings")));
                }
                List<Response> refused = new ArrayList<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (refused.size() < offered - places && System.nanoTime() < deadline) {
                    refused.clear();
                    for (Future<Response> answer : answers) {
                        if (answer.isDone()) {
                            refused.add(answer.get());
                        }
                    }
                    Thread.sleep(100);
                }
                assertThat(refused).as("exactly the requests beyond the running and waiting places are answered")
                        .hasSize(offered - places);
                for (Response r : refused) {
                    r.then().statusCode(503).contentType("application/problem+json")
                            .header("Retry-After", String.valueOf(config.retryAfterSeconds()));
                    assertThat(r.jsonPath().getString("type")).endsWith("/overloaded");
                }
                given().get("/q/health/ready").then().statusCode(200);
                String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
                assertThat(metrics).contains("screening_load_admitted{class=\"intake\"} " + places + ".0")
                        .contains("screening_load_in_flight{class=\"intake\"} " + places + ".0")
                        .containsPattern("screening_load_refused_total\\{class=\"intake\"} \\d+");
                given().auth().oauth2(officer).get("/api/v1/reviews").then().statusCode(200);
                Thread.sleep(config.maxQueueWait().toMillis() + 200);
            } finally {
                s.execute("select pg_advisory_unlock(" + PolicyService.PUBLICATION_LOCK + ")");
            }
            int created = 0;
            int refusedAfterWaiting = 0;
            for (Future<Response> answer : answers) {
                Response r = answer.get(60, TimeUnit.SECONDS);
                if (r.statusCode() == 201) {
                    created++;
                    given().auth().oauth2(token).get("/api/v1/screenings/" + r.jsonPath().getString("id"))
                            .then().statusCode(200);
                } else {
                    r.then().statusCode(503).contentType("application/problem+json");
                    assertThat(r.jsonPath().getString("type")).endsWith("/overloaded");
                    refusedAfterWaiting++;
                }
            }
            assertThat(created).as("every request that was running completed").isEqualTo(intake.running());
            assertThat(refusedAfterWaiting - (offered - places))
                    .as("every request that waited longer than max-queue-wait was refused, not served late")
                    .isEqualTo(intake.waiting());
            assertThat(given().get("/q/metrics").then().extract().asString())
                    .containsPattern("screening_load_expired_total\\{class=\"intake\"} [1-9]");
        } finally {
            clients.shutdownNow();
        }
    }
}
