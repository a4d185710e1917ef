package nl.kennisveiligheid.screening.policy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
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
import java.util.concurrent.atomic.AtomicBoolean;
import nl.kennisveiligheid.screening.support.Requests;
import nl.kennisveiligheid.screening.support.Tokens;
import org.junit.jupiter.api.Test;

/** Versions under concurrency: creation, publication against intake, and retries across versions. */
@QuarkusTest
class PolicyVersionRacesTest {

    @Inject
    EntityManager em;

    static String admin() {
        return Tokens.user("policyadmin1");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> currentDocument(String newVersion) {
        Map<String, Object> document = given().auth().oauth2(admin()).get("/api/v1/policies/current").then()
                .statusCode(200).extract().path("document");
        document.put("version", newVersion);
        return document;
    }

    static void createAndPublish(Map<String, Object> document) {
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(document).post("/api/v1/policies").then()
                .statusCode(201);
        nl.kennisveiligheid.screening.support.Policies.publish((String) document.get("version"), "{}").statusCode(200);
    }

    @Test
    void twoConcurrentCreatesOfOneVersionNeverGive500() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String version = "race-" + UUID.randomUUID().toString().substring(0, 8);
                Map<String, Object> document = PolicyApiTest.document(version);
                List<Future<Integer>> results = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    results.add(pool.submit(() -> given().auth().oauth2(admin()).contentType(ContentType.JSON)
                            .body(document).post("/api/v1/policies").statusCode()));
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> f : results) {
                    statuses.add(f.get());
                }
                // One creates it; the other loses the race (409) or, arriving after the commit, is asked for the
                // draft's ETag (428), since it would replace a draft it has not read.
                assertThat(statuses).as("round " + round).contains(201).allMatch(s -> s == 201 || s == 428 || s == 409)
                        .containsOnlyOnce(201);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Intake runs while a version is published: every case records the version in effect at its
     * receipt, which it would not if the version took effect before its publication committed.
     */
    @Test
    void aCaseAlwaysRecordsTheVersionInEffectAtItsReceipt() throws Exception {
        Instant start = Instant.now();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<Integer>> submitters = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                submitters.add(pool.submit(() -> {
                    int sent = 0;
                    while (running.get()) {
                        given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON)
                                .body(Requests.clean()).post("/api/v1/screenings").then().statusCode(201);
                        sent++;
                    }
                    return sent;
                }));
            }
            Thread.sleep(300);
            createAndPublish(currentDocument("pub-" + UUID.randomUUID().toString().substring(0, 8)));
            Thread.sleep(300);
        } finally {
            running.set(false);
        }
        int sent = 0;
        for (Future<Integer> f : submitters) {
            sent += f.get();
        }
        pool.shutdown();
        assertThat(sent).isGreaterThan(3);
        Instant end = Instant.now();
        Number wrong = (Number) em.createNativeQuery("select count(*) from screening_case c where c.received_at"
                        + " between ?1 and ?2"
                        + " and c.policy_version <> (select v.version from policy_version v where v.status = 'PUBLISHED'"
                        + " and v.effective_from <= c.received_at order by v.effective_from desc limit 1)")
                .setParameter(1, start).setParameter(2, end).getSingleResult();
        assertThat(wrong.longValue()).as("cases that record a version not in effect at their receipt").isZero();
    }

    @Test
    void aRetryIsAnsweredWithItsCaseEvenWhenANewerPolicyDroppedItsArea() {
        Map<String, Object> request = Requests.clean();
        @SuppressWarnings("unchecked")
        Map<String, Object> research = (Map<String, Object>) request.get("research");
        research.put("areaCodes", new ArrayList<>(List.of("SEMICONDUCTORS", "QUANTUM")));
        String id = given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body(request)
                .post("/api/v1/screenings").then().statusCode(201).extract().path("id");
        Map<String, Object> full = currentDocument("restored-" + UUID.randomUUID().toString().substring(0, 8));
        Map<String, Object> withoutQuantum = currentDocument("noq-" + UUID.randomUUID().toString().substring(0, 8));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> areas = (List<Map<String, Object>>) withoutQuantum.get("sensitiveAreas");
        areas.removeIf(area -> "QUANTUM".equals(area.get("code")));
        createAndPublish(withoutQuantum);
        try {
            given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body(request)
                    .post("/api/v1/screenings").then().statusCode(200).body("id", equalTo(id));
            request.put("externalReference", "HR-" + UUID.randomUUID());
            given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body(request)
                    .post("/api/v1/screenings").then().statusCode(400).body("errors.field", hasItem("research.areaCodes[1]"));
        } finally {
            createAndPublish(full);
        }
    }
}
