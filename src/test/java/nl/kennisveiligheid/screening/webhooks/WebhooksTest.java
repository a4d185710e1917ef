package nl.kennisveiligheid.screening.webhooks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nl.kennisveiligheid.screening.support.Requests;
import nl.kennisveiligheid.screening.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks against a receiver on a loopback port (allowed in local mode), verified with the Standard
 * Webhooks reference library rather than the service's own signer. The test profile's retry schedule
 * is four delays of 0.2 s, so five attempts in all.
 */
@QuarkusTest
class WebhooksTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    nl.kennisveiligheid.screening.cases.InstitutionEventSequencer sequencer;

    @Inject
    jakarta.persistence.EntityManager em;

    static ValidatableResponse hr(String method, String path, Object body) {
        var request = given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON);
        if (body != null) {
            request = request.body(body);
        }
        return switch (method) {
            case "POST" -> request.post(path).then();
            case "DELETE" -> request.delete(path).then();
            default -> request.get(path).then();
        };
    }

    /**
     * Endpoints left by earlier tests would count against the institution's limit; and events of
     * earlier tests still waiting for their number would reach a new endpoint first (an endpoint gets
     * what is numbered after it was made) and take the receiver's scripted answers.
     */
    @BeforeEach
    void noEndpointsOrWaitingEventsLeft() throws InterruptedException {
        for (String id : hr("GET", "/api/v1/webhooks", null).statusCode(200).extract().jsonPath().getList("id", String.class)) {
            hr("DELETE", "/api/v1/webhooks/" + id, null).statusCode(204);
        }
        for (int i = 0; i < 200 && waitingForANumber() > 0; i++) {
            sequencer.sequenceAll();
            Thread.sleep(50);
        }
    }

    long waitingForANumber() {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from institution_event where sequence is null").getSingleResult()).longValue());
    }

    static JsonPath subscribe(String url, List<String> types) {
        Map<String, Object> body = types == null ? Map.of("url", url) : Map.of("url", url, "eventTypes", types);
        return hr("POST", "/api/v1/webhooks", body).statusCode(201).body("secret", startsWith("whsec_"))
                .extract().jsonPath();
    }

    static String submit(Map<String, Object> body) {
        return given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/screenings").then().statusCode(201).extract().path("id");
    }

    static JsonNode json(Receiver.Received r) {
        try {
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static List<Receiver.Received> of(List<Receiver.Received> all, String caseId) {
        return all.stream().filter(r -> caseId.equals(json(r).path("caseId").asText())).toList();
    }

    @Test
    void deliveriesVerifyWithTheReferenceLibraryAndComeInSequenceOrder() throws Exception {
        try (Receiver receiver = new Receiver()) {
            JsonPath webhook = subscribe(receiver.url(), null);
            Webhook verifier = new Webhook(webhook.getString("secret"));
            String cleared = submit(Requests.clean());
            String flagged = submit(Requests.flagged());
            given().auth().oauth2(Tokens.officer1()).contentType(ContentType.JSON).body("{}")
                    .post("/api/v1/reviews/" + flagged + "/assignment").then().statusCode(200);
            given().auth().oauth2(Tokens.officer1()).contentType(ContentType.JSON)
                    .body(Map.of("outcome", "APPROVED_WITH_CONDITIONS", "reasoning", "Indirect link only",
                            "conditions", List.of("No clean-room access")))
                    .post("/api/v1/reviews/" + flagged + "/decision").then().statusCode(200);

            List<Receiver.Received> all = receiver.await(r -> of(r, flagged).size() >= 3 && of(r, cleared).size() >= 1);
            for (Receiver.Received r : all) {
                verifier.verify(r.body(), r.headers());
                assertThat(r.header("webhook-id")).isEqualTo(json(r).get("eventId").asText());
                assertThat(r.header("content-type")).startsWith("application/json");
            }
            List<Long> sequences = all.stream().map(r -> json(r).get("sequence").asLong()).toList();
            assertThat(sequences).isSorted().doesNotHaveDuplicates();
            assertThat(of(all, cleared).get(0).body()).contains("\"type\":\"case.received\"", "\"outcome\":\"CLEARED\"");
            assertThat(of(all, flagged).stream().map(r -> json(r).get("type").asText()))
                    .containsExactly("case.received", "case.in_review", "case.decided");
            JsonNode decided = json(of(all, flagged).get(2));
            assertThat(decided.get("outcome").asText()).isEqualTo("APPROVED_WITH_CONDITIONS");
            assertThat(decided.get("conditions").get(0).asText()).isEqualTo("No clean-room access");
            assertThat(all.stream().map(Receiver.Received::body).collect(Collectors.joining()))
                    .as("no officer named").doesNotContain("officer1");
            // A tampered body does not verify.
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> verifier.verify(
                    all.get(0).body().replace("case.", "kase."), all.get(0).headers()))).isNotNull();
        }
    }

    @Test
    void aFailingEndpointGetsTheEventAgainWithTheSameIdAndLaterEventsWaitForIt() throws Exception {
        try (Receiver receiver = new Receiver().answer(500, 503, 500)) {
            String webhookId = subscribe(receiver.url(), List.of("case.received")).getString("id");
            String first = submit(Requests.clean());
            String second = submit(Requests.clean());
            List<Receiver.Received> all = receiver.await(r -> r.stream().anyMatch(x -> x.answered() == 200
                    && json(x).path("caseId").asText().equals(second)));
            List<Receiver.Received> firsts = of(all, first);
            assertThat(firsts).hasSize(4).extracting(Receiver.Received::answered).containsExactly(500, 503, 500, 200);
            assertThat(firsts.stream().map(r -> r.header("webhook-id")).distinct()).hasSize(1);
            // Ordering holds across retries: nothing of the second case came before the first was delivered.
            int firstDelivered = all.indexOf(firsts.get(3));
            assertThat(all.subList(0, firstDelivered)).noneMatch(r -> json(r).path("caseId").asText().equals(second));
            hr("GET", "/api/v1/webhooks/" + webhookId + "/deliveries", null).statusCode(200)
                    .body("webhook.status", equalTo("ACTIVE"))
                    .body("deliveries.find { it.sequence == " + json(firsts.get(0)).get("sequence").asLong() + " }.attempts",
                            equalTo(4))
                    .body("deliveries.find { it.sequence == " + json(firsts.get(0)).get("sequence").asLong()
                            + " }.lastStatusCode", equalTo(200));
        }
    }

    @Test
    void gone410DisablesTheEndpointAndARedeliveryEnablesItAgain() throws Exception {
        try (Receiver receiver = new Receiver().answer(410)) {
            String webhookId = subscribe(receiver.url(), List.of("case.received")).getString("id");
            String gone = submit(Requests.clean());
            receiver.await(r -> of(r, gone).size() == 1);
            awaitStatus(webhookId, "DISABLED");
            hr("GET", "/api/v1/webhooks/" + webhookId + "/deliveries", null)
                    .body("webhook.disabledReason", containsString("410"));
            String later = submit(Requests.clean());
            Thread.sleep(1500);
            assertThat(of(receiver.received(), later)).as("nothing after 410").isEmpty();

            long sequence = json(receiver.received().get(0)).get("sequence").asLong();
            hr("POST", "/api/v1/webhooks/" + webhookId + "/redelivery",
                    Map.of("fromSequence", sequence, "toSequence", sequence + 10_000 - 1)).statusCode(202);
            List<Receiver.Received> all = receiver.await(r -> of(r, gone).size() == 2 && of(r, later).size() == 1);
            assertThat(of(all, gone).get(1).header("webhook-id")).isEqualTo(of(all, gone).get(0).header("webhook-id"));
            awaitStatus(webhookId, "ACTIVE");
        }
    }

    @Test
    void anEndpointThatFailsEveryAttemptIsDisabledAndSaysWhy() throws Exception {
        try (Receiver receiver = new Receiver().otherwise(500)) {
            String webhookId = subscribe(receiver.url(), List.of("case.received")).getString("id");
            String id = submit(Requests.clean());
            receiver.await(r -> of(r, id).size() == 5);
            awaitStatus(webhookId, "DISABLED");
            hr("GET", "/api/v1/webhooks/" + webhookId + "/deliveries", null)
                    .body("webhook.disabledReason", containsString("HTTP 500"))
                    .body("deliveries[0].status", equalTo("FAILED")).body("deliveries[0].attempts", equalTo(5));
            Thread.sleep(1000);
            assertThat(of(receiver.received(), id)).as("no sixth attempt").hasSize(5);
        }
    }

    @Test
    void aDispatcherRestartedDuringRetriesLosesNothing() throws Exception {
        try (Receiver receiver = new Receiver().answer(500)) {
            subscribe(receiver.url(), List.of("case.received"));
            String first = submit(Requests.clean());
            receiver.await(r -> of(r, first).size() == 1);
            dispatcher.stop();
            String second = submit(Requests.clean());
            Thread.sleep(1000);
            assertThat(of(receiver.received(), second)).as("stopped: nothing sent").isEmpty();
            dispatcher.start();
            List<Receiver.Received> all = receiver.await(r -> of(r, second).stream().anyMatch(x -> x.answered() == 200));
            assertThat(of(all, first)).extracting(Receiver.Received::answered).containsExactly(500, 200);
            assertThat(all.indexOf(of(all, first).get(1))).isLessThan(all.indexOf(of(all, second).get(0)));
        } finally {
            dispatcher.start();
        }
    }

    @Test
    void aRotatedSecretSignsBesideTheOldOneDuringTheOverlap() throws Exception {
        try (Receiver receiver = new Receiver()) {
            JsonPath webhook = subscribe(receiver.url(), List.of("case.received"));
            String rotated = hr("POST", "/api/v1/webhooks/" + webhook.getString("id") + "/secret-rotation", "{}")
                    .statusCode(200).body("secret", startsWith("whsec_")).extract().path("secret");
            assertThat(rotated).isNotEqualTo(webhook.getString("secret"));
            String id = submit(Requests.clean());
            Receiver.Received r = receiver.await(x -> of(x, id).size() == 1).stream()
                    .filter(x -> json(x).path("caseId").asText().equals(id)).findFirst().orElseThrow();
            assertThat(r.header("webhook-signature").split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
            new Webhook(rotated).verify(r.body(), r.headers());
            new Webhook(webhook.getString("secret")).verify(r.body(), r.headers());
        }
    }

    @Test
    void urlsInsideTheNetworkAreRefusedAndNothingIsStored() {
        for (String url : List.of("https://10.1.2.3/hook", "https://169.254.169.254/latest/meta-data",
                "https://192.168.0.10/hook", "https://[fd00::1]/hook", "http://93.184.216.34/hook", "ftp://example.org/x",
                "https://user:pw@127.0.0.1/hook", "not a url")) {
            hr("POST", "/api/v1/webhooks", Map.of("url", url)).statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("url"));
        }
        hr("POST", "/api/v1/webhooks", Map.of("url", "https://127.0.0.1:1/hook", "eventTypes", List.of("case.nope")))
                .statusCode(400).body("errors[0].field", equalTo("eventTypes[0]"));
        hr("GET", "/api/v1/webhooks", null).statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void anotherInstitutionSeesNeitherTheEndpointNorItsDeliveries() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String id = subscribe(receiver.url(), null).getString("id");
            String other = Tokens.hrClient("hr-other-institute");
            given().auth().oauth2(other).get("/api/v1/webhooks/" + id + "/deliveries").then().statusCode(404);
            given().auth().oauth2(other).delete("/api/v1/webhooks/" + id).then().statusCode(404);
            given().auth().oauth2(other).get("/api/v1/webhooks").then().statusCode(200)
                    .body("id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(id)));
        }
    }

    private void awaitStatus(String webhookId, String status) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (status.equals(hr("GET", "/api/v1/webhooks/" + webhookId + "/deliveries", null).extract()
                    .path("webhook.status"))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the endpoint did not become " + status);
    }
}
