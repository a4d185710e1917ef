package nl.kennisveiligheid.screening.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthAndMetricsTest {

    @Test
    void readinessIsUpWithDatabaseAndKafka() {
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.name", hasItem("Kafka and audit outbox"))
                .body("checks.find { it.name == 'Kafka and audit outbox' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Kafka and audit outbox' }.data.kafka", equalTo("reachable"))
                .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("UP"));
    }

    @Test
    void everyMetricTheAlertsReadIsExported() throws Exception {
        String rules = java.nio.file.Files.readString(java.nio.file.Path.of("k8s/base/service/prometheusrule.yaml"));
        java.util.Set<String> used = new java.util.TreeSet<>();
        java.util.regex.Matcher name = java.util.regex.Pattern.compile("screening_[a-z_]+").matcher(rules);
        while (name.find()) {
            used.add(name.group());
        }
        org.assertj.core.api.Assertions.assertThat(used).hasSizeGreaterThanOrEqualTo(7);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String metric : used) {
            org.assertj.core.api.Assertions.assertThat(metrics).as("an alert reads " + metric)
                    .containsPattern("(?m)^" + metric + "[{ ]");
        }
    }

    @Test
    void theCallersTraceIdReachesTheJsonLogOfItsRequest() throws Exception {
        String traceId = java.util.HexFormat.of().formatHex(java.security.SecureRandom.getSeed(16));
        given().header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .auth().oauth2(nl.kennisveiligheid.screening.support.Tokens.officer1()).get("/api/v1/reviews")
                .then().statusCode(200);
        java.nio.file.Path log = java.nio.file.Path.of("target", "quarkus-test.log");
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        boolean found = false;
        while (!found && System.nanoTime() < deadline) {
            try (var lines = java.nio.file.Files.lines(log)) {
                found = lines.anyMatch(l -> l.contains("\"traceId\":\"" + traceId + "\""));
            }
            Thread.sleep(200);
        }
        org.assertj.core.api.Assertions.assertThat(found).as("a JSON log line of the request carries trace id " + traceId)
                .isTrue();
    }

    @Test
    void prometheusMetricsNeedNoToken() {
        given().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }
}
