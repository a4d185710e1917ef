package nl.kennisveiligheid.screening.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import nl.kennisveiligheid.screening.support.Requests;
import nl.kennisveiligheid.screening.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Property-based fuzzing of every write endpoint's JSON body with hostile values from jqwik
 * generators (deep nesting, huge strings and arrays, wrong types, nulls, duplicate keys, invalid
 * UTF-8, control and bidi characters, SQL and script fragments, unknown fields). The property: never
 * a 5xx; every refusal is problem+json and stores nothing; no response echoes a long hostile input.
 * `make test` runs a bounded number of tries (fuzz.tries, default 250); `make fuzz` runs many more.
 */
@QuarkusTest
class HostileInputTest {

    private static final int TRIES = Integer.getInteger("fuzz.tries", 250);
    private static final long SEED = Long.getLong("fuzz.seed", 20261128L);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EntityManager em;

    record Endpoint(String path, Function<Void, String> token, Map<String, Object> validBody) {}

    static Arbitrary<Object> hostileValues() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(20).map(s -> (Object) s),
                Arbitraries.of("\u202eredro\u202c", "\u2066x\u2069", "a\u0000b", "\ud800", "\ufffd").map(s -> (Object) s),
                Arbitraries.of("'; drop table screening_case; --", "<script>alert(1)</script>", "${jndi:ldap://x/a}",
                        "../../etc/passwd", "%00", "1 OR 1=1").map(s -> (Object) s),
                Arbitraries.strings().ofMinLength(5_000).ofMaxLength(20_000).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null),
                Arbitraries.integers().between(0, 2_000).map(n -> (Object) java.util.Collections.nCopies(n, "x")),
                Arbitraries.just((Object) Map.of("nested", Map.of("deeper", List.of(1, 2, 3)))));
    }

    static List<String> paths(Object node, String prefix) {
        List<String> paths = new ArrayList<>();
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                String p = prefix.isEmpty() ? (String) k : prefix + "." + k;
                paths.add(p);
                paths.addAll(paths(v, p));
            });
        }
        return paths;
    }

    @SuppressWarnings("unchecked")
    static void set(Map<String, Object> body, String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> node = body;
        for (int i = 0; i < parts.length - 1; i++) {
            node = (Map<String, Object>) node.get(parts[i]);
        }
        node.put(parts[parts.length - 1], value);
    }

    /** Hostile values drawn once from the jqwik generators; the seeded random picks among them. */
    private static final List<Object> HOSTILE = hostileValues().sampleStream().limit(2_000).toList();

    /** One hostile body: a valid body with one field replaced, an unknown field, or raw hostile bytes. */
    static byte[] hostileBody(Map<String, Object> valid, Random random) throws Exception {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return ("{\"a\":".repeat(1_000) + "1" + "}".repeat(1_000)).getBytes(StandardCharsets.UTF_8);
        }
        if (kind == 1) {
            String json = JSON.writeValueAsString(valid);
            return ("{\"externalReference\":\"dup\"," + json.substring(1)).getBytes(StandardCharsets.UTF_8);
        }
        if (kind == 2) {
            byte[] json = JSON.writeValueAsBytes(valid);
            byte[] broken = java.util.Arrays.copyOf(json, json.length + 2);
            System.arraycopy(new byte[] {(byte) 0xC3, (byte) 0x28}, 0, broken, json.length - 1, 2);
            broken[broken.length - 1] = '}';
            return broken;
        }
        Map<String, Object> body = JSON.readValue(JSON.writeValueAsBytes(valid), LinkedHashMap.class);
        if (kind == 3) {
            body.put("unexpected" + random.nextInt(100), "x");
            return JSON.writeValueAsBytes(body);
        }
        List<String> paths = paths(body, "");
        if (!paths.isEmpty()) {
            Object value = HOSTILE.get(random.nextInt(HOSTILE.size()));
            set(body, paths.get(random.nextInt(paths.size())), value);
        }
        return JSON.writeValueAsBytes(body);
    }

    long rows() {
        return ((Number) em.createNativeQuery("select (select count(*) from screening_case) + (select count(*) from decision)"
                + " + (select count(*) from policy_version) + (select count(*) from case_history)"
                + " + (select count(*) from judgement)").getSingleResult()).longValue();
    }

    @Test
    void hostileBodiesNeverCauseA5xxAndRefusalsStoreNothing() throws Exception {
        String flagged = given().auth().oauth2(Tokens.demoUniversity()).contentType("application/json")
                .body(Requests.flagged()).post("/api/v1/screenings").then().statusCode(201).extract().path("id");
        List<Endpoint> endpoints = List.of(
                new Endpoint("/api/v1/screenings", v -> Tokens.demoUniversity(), Requests.clean()),
                new Endpoint("/api/v1/screenings/preview", v -> Tokens.demoUniversity(), Requests.flagged()),
                new Endpoint("/api/v1/screenings/" + flagged + "/objections", v -> Tokens.demoUniversity(),
                        Map.of("grounds", "reason")),
                new Endpoint("/api/v1/reviews/" + flagged + "/decision", v -> Tokens.officer1(),
                        Map.of("outcome", "APPROVED", "reasoning", "r", "conditions", List.of())),
                new Endpoint("/api/v1/reviews/" + flagged + "/confirmation", v -> Tokens.officer1(),
                        Map.of("agree", true, "reasoning", "r")),
                new Endpoint("/api/v1/reviews/" + flagged + "/extension", v -> Tokens.officer1(), Map.of("reason", "r")),
                new Endpoint("/api/v1/reviews/" + flagged + "/information-requests", v -> Tokens.officer1(),
                        Map.of("question", "q", "replyBy", "2099-01-01")),
                new Endpoint("/api/v1/reviews/" + flagged + "/late-objection-admission", v -> Tokens.user("officer2"),
                        Map.of("reason", "r")),
                new Endpoint("/api/v1/reviews/" + flagged + "/reassignment", v -> Tokens.user("lead1"),
                        Map.of("assignee", "nobody", "reason", "r")),
                new Endpoint("/api/v1/screenings/" + flagged + "/information", v -> Tokens.demoUniversity(),
                        Map.of("answer", "a")),
                new Endpoint("/api/v1/screenings/batch", v -> Tokens.demoUniversity(),
                        Map.of("requests", List.of(Requests.clean(), Requests.flagged()))),
                new Endpoint("/api/v1/webhooks", v -> Tokens.demoUniversity(),
                        Map.of("url", "https://127.0.0.1:1/hook", "eventTypes", List.of("case.decided"))),
                new Endpoint("/api/v1/privacy/cases/" + flagged + "/erasure", v -> Tokens.user("privacy1"),
                        Map.of("legalGround", "NO_LONGER_NECESSARY", "reason", "r")),
                new Endpoint("/api/v1/policies", v -> Tokens.user("policyadmin1"), Map.of("version", "f-" + UUID.randomUUID()
                        .toString().substring(0, 6), "sensitiveAreas", List.of(Map.of("code", "AB", "name", "n",
                        "terms", List.of("t"))), "highRiskEntities", List.of())),
                new Endpoint("/api/v1/policies/no-such/publication", v -> Tokens.user("policyadmin1"),
                        Map.of("effectiveFrom", "2099-01-01T00:00:00Z")),
                new Endpoint("/api/v1/policies/no-such/publication/confirmation", v -> Tokens.user("policyadmin2"),
                        Map.of()),
                new Endpoint("/api/v1/policies/no-such/cancellation", v -> Tokens.user("policyadmin1"), Map.of()),
                new Endpoint("/api/v1/reviews/" + flagged + "/indicators/0/judgement", v -> Tokens.officer1(),
                        Map.of("verdict", "NOT_THIS_ENTITY", "reasoning", "r", "scope", "ALL", "validUntil", "2099-01-01")),
                new Endpoint("/api/v1/judgements/" + UUID.randomUUID() + "/confirmation", v -> Tokens.user("officer2"),
                        Map.of("agree", true, "reasoning", "r")),
                new Endpoint("/api/v1/judgements/" + UUID.randomUUID() + "/revocation", v -> Tokens.user("lead1"),
                        Map.of("reasoning", "r")));
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < TRIES; i++) {
            Endpoint endpoint = endpoints.get(i % endpoints.size());
            byte[] body = hostileBody(endpoint.validBody(), random);
            long before = rows();
            Response response = given().auth().oauth2(endpoint.token().apply(null)).contentType("application/json")
                    .body(body).post(endpoint.path());
            int status = response.statusCode();
            String text = response.asString();
            if (status >= 500) {
                failures.add(endpoint.path() + " try " + i + " gave " + status + ": " + text.substring(0, Math.min(200,
                        text.length())));
            }
            if (status >= 400) {
                refused++;
                if (!String.valueOf(response.contentType()).startsWith("application/problem+json")) {
                    failures.add(endpoint.path() + " try " + i + " refused without problem+json");
                }
                if (rows() != before) {
                    failures.add(endpoint.path() + " try " + i + " stored something although refused");
                }
            }
            if (text.length() > 4_000 && status >= 400) {
                failures.add(endpoint.path() + " try " + i + " echoed a long input (" + text.length() + " chars, status "
                        + status + "): " + text.substring(0, 300));
            }
        }
        System.out.printf("Hostile input: %d tries (seed %d), %d refused with 4xx, failures %d%n", TRIES, SEED, refused,
                failures.size());
        assertThat(failures).isEmpty();
        assertThat(refused).isGreaterThan(TRIES / 2);
    }
}
