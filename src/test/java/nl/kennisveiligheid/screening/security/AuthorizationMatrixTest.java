package nl.kennisveiligheid.screening.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.kennisveiligheid.screening.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the committed contract, called by every kind of caller, against an explicit
 * table of who may call it. An operation without a row fails the test, so no endpoint ships unguarded.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    private static final String HR = "hr-demo-university";
    private static final String HR_OTHER = "hr-other-institute";
    private static final String OFFICER = "officer1";
    private static final String AUDITOR = "auditor1";
    private static final String ADMIN = "policyadmin1";
    private static final String LEAD = "lead1";
    private static final String PRIVACY = "privacy1";
    private static final Set<String> EVERYONE = Set.of(HR, HR_OTHER, OFFICER, AUDITOR, ADMIN, LEAD, PRIVACY);
    private static final Set<String> REVIEW_TEAM = Set.of(OFFICER, LEAD);
    private static final Set<String> HR_SYSTEMS = Set.of(HR, HR_OTHER);
    private static final Set<String> POLICY_READERS = Set.of(ADMIN, OFFICER, AUDITOR);

    /** Who may call what; "public" operations answer anyone, even without a token. */
    private static final Map<String, Set<String>> ALLOWED = new LinkedHashMap<>();
    private static final Set<String> PUBLIC = Set.of("GET /api/v1/audit/public-key", "GET /api/v1/audit/checkpoint",
            "GET /api/v1/audit/keys");

    static {
        ALLOWED.put("GET /api/v1/me", EVERYONE);
        ALLOWED.put("GET /api/v1/me/institution", HR_SYSTEMS);
        ALLOWED.put("POST /api/v1/screenings", HR_SYSTEMS);
        ALLOWED.put("GET /api/v1/screenings", HR_SYSTEMS);
        ALLOWED.put("GET /api/v1/screenings/{id}", HR_SYSTEMS);
        ALLOWED.put("POST /api/v1/screenings/{id}/withdrawal", HR_SYSTEMS);
        ALLOWED.put("POST /api/v1/screenings/{id}/objections", HR_SYSTEMS);
        ALLOWED.put("POST /api/v1/screenings/{id}/objection-withdrawal", HR_SYSTEMS);
        ALLOWED.put("POST /api/v1/screenings/{id}/information", HR_SYSTEMS);
        ALLOWED.put("POST /api/v1/screenings/preview", Set.of(HR, HR_OTHER, OFFICER));
        ALLOWED.put("GET /api/v1/reviews", REVIEW_TEAM);
        ALLOWED.put("GET /api/v1/reviews/{id}", REVIEW_TEAM);
        ALLOWED.put("POST /api/v1/reviews/{id}/assignment", Set.of(OFFICER));
        ALLOWED.put("POST /api/v1/reviews/{id}/release", Set.of(OFFICER));
        ALLOWED.put("POST /api/v1/reviews/{id}/decision", Set.of(OFFICER));
        ALLOWED.put("POST /api/v1/reviews/{id}/confirmation", Set.of(OFFICER));
        ALLOWED.put("POST /api/v1/reviews/{id}/extension", REVIEW_TEAM);
        ALLOWED.put("POST /api/v1/reviews/{id}/information-requests", Set.of(OFFICER));
        ALLOWED.put("POST /api/v1/reviews/{id}/late-objection-admission", Set.of(OFFICER));
        ALLOWED.put("POST /api/v1/reviews/{id}/reassignment", Set.of(LEAD));
        ALLOWED.put("GET /api/v1/policies", POLICY_READERS);
        ALLOWED.put("POST /api/v1/policies", Set.of(ADMIN));
        ALLOWED.put("GET /api/v1/policies/current", POLICY_READERS);
        ALLOWED.put("GET /api/v1/policies/{version}", POLICY_READERS);
        ALLOWED.put("POST /api/v1/policies/{version}/publication", Set.of(ADMIN));
        ALLOWED.put("POST /api/v1/policies/{version}/publication/confirmation", Set.of(ADMIN));
        ALLOWED.put("POST /api/v1/policies/{version}/cancellation", Set.of(ADMIN));
        ALLOWED.put("GET /api/v1/policies/{from}/diff/{to}", POLICY_READERS);
        ALLOWED.put("DELETE /api/v1/policies/{version}", Set.of(ADMIN));
        ALLOWED.put("POST /api/v1/audit/replays", Set.of(AUDITOR));
        ALLOWED.put("GET /api/v1/audit/replays/{id}", Set.of(AUDITOR));
        ALLOWED.put("GET /api/v1/audit/public-key", EVERYONE);
        ALLOWED.put("GET /api/v1/audit/checkpoint", EVERYONE);
        ALLOWED.put("GET /api/v1/audit/keys", EVERYONE);
        ALLOWED.put("GET /api/v1/audit/proofs/inclusion", Set.of(AUDITOR));
        ALLOWED.put("GET /api/v1/audit/proofs/consistency", Set.of(AUDITOR));
        ALLOWED.put("GET /api/v1/audit/cases/{id}/events", Set.of(AUDITOR));
        ALLOWED.put("GET /api/v1/screenings/{id}/decision-proof", HR_SYSTEMS);
        ALLOWED.put("GET /api/v1/catalogue", Set.of(HR, HR_OTHER, OFFICER, AUDITOR, ADMIN, LEAD, PRIVACY));
        ALLOWED.put("POST /api/v1/screenings/batch", HR_SYSTEMS);
        ALLOWED.put("GET /api/v1/screenings/changes", HR_SYSTEMS);
        ALLOWED.put("POST /api/v1/webhooks", HR_SYSTEMS);
        ALLOWED.put("GET /api/v1/webhooks", HR_SYSTEMS);
        ALLOWED.put("DELETE /api/v1/webhooks/{id}", HR_SYSTEMS);
        ALLOWED.put("POST /api/v1/webhooks/{id}/secret-rotation", HR_SYSTEMS);
        ALLOWED.put("GET /api/v1/webhooks/{id}/deliveries", HR_SYSTEMS);
        ALLOWED.put("POST /api/v1/webhooks/{id}/redelivery", HR_SYSTEMS);
        ALLOWED.put("GET /api/v1/privacy/subjects", Set.of(PRIVACY));
        ALLOWED.put("GET /api/v1/privacy/cases/{id}/export", Set.of(PRIVACY));
        ALLOWED.put("POST /api/v1/privacy/cases/{id}/erasure", Set.of(PRIVACY));
        ALLOWED.put("GET /api/v1/policies/{version}/rescreening", Set.of(ADMIN, OFFICER, LEAD, AUDITOR));
        ALLOWED.put("POST /api/v1/reviews/{id}/indicators/{n}/judgement", Set.of(OFFICER));
        ALLOWED.put("GET /api/v1/judgements", Set.of(OFFICER, LEAD, ADMIN, AUDITOR));
        ALLOWED.put("GET /api/v1/judgements/{id}", Set.of(OFFICER, LEAD, ADMIN, AUDITOR));
        ALLOWED.put("POST /api/v1/judgements/{id}/confirmation", Set.of(OFFICER));
        ALLOWED.put("POST /api/v1/judgements/{id}/revocation", Set.of(LEAD, ADMIN));
    }

    static List<String> operations() throws Exception {
        JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi/openapi.yaml").toFile());
        List<String> operations = new ArrayList<>();
        spec.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> operations.add(method.toUpperCase() + " " + path.getKey())));
        return operations;
    }

    static String token(String caller) {
        return caller.startsWith("hr-") ? Tokens.hrClient(caller) : Tokens.user(caller);
    }

    static int call(String operation, String bearer) {
        String method = operation.substring(0, operation.indexOf(' '));
        String path = operation.substring(operation.indexOf(' ') + 1)
                .replace("{id}", UUID.randomUUID().toString()).replace("{version}", "no-such-version").replace("{n}", "0")
                .replace("{from}", "no-such-version").replace("{to}", "no-such-version");
        RequestSpecification request = given().contentType("application/json");
        if (bearer != null) {
            request = request.auth().oauth2(bearer);
        }
        // An empty body: allowed callers get a 400 or 404, never a change.
        return switch (method) {
            case "POST" -> request.body("{}").post(path).statusCode();
            case "DELETE" -> request.delete(path).statusCode();
            default -> request.get(path).statusCode();
        };
    }

    @Test
    void everyOperationOfTheContractHasARowAndEveryCallerGetsWhatTheRowSays() throws Exception {
        List<String> operations = operations();
        assertThat(ALLOWED.keySet()).as("rows of the table").containsAll(operations);
        String expired = expiredToken();
        String foreign = foreignIssuerToken();
        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (String operation : operations) {
            boolean open = PUBLIC.contains(operation);
            Map<String, Integer> statuses = new LinkedHashMap<>();
            statuses.put("no token", call(operation, null));
            statuses.put("expired token", call(operation, expired));
            statuses.put("foreign issuer", call(operation, foreign));
            for (String caller : EVERYONE) {
                statuses.put(caller, call(operation, token(caller)));
            }
            calls += statuses.size();
            for (Map.Entry<String, Integer> result : statuses.entrySet()) {
                String caller = result.getKey();
                int status = result.getValue();
                boolean anonymous = caller.contains(" ");
                boolean ok = open ? status == 200
                        : anonymous ? status == 401
                        : ALLOWED.get(operation).contains(caller) ? status != 401 && status != 403 && status < 500
                        : status == 403;
                if (!ok) {
                    failures.add(operation + " by " + caller + " gave " + status);
                }
            }
        }
        System.out.printf("Authorization matrix: %d operations x %d callers = %d calls%n", operations.size(),
                3 + EVERYONE.size(), calls);
        assertThat(failures).isEmpty();
    }

    /** A real token from the real Keycloak, issued with a two-second lifespan and used after it. */
    private static String expiredToken() throws InterruptedException {
        String realm = Tokens.realmUrl();
        String base = realm.substring(0, realm.indexOf("/realms/"));
        String admin = given().formParams(Map.of("grant_type", "password", "client_id", "admin-cli",
                        "username", "admin", "password", "admin"))
                .post(base + "/realms/master/protocol/openid-connect/token").then().statusCode(200).extract()
                .path("access_token");
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("accessTokenLifespan", 2))
                .put(base + "/admin/realms/screening").then().statusCode(204);
        String token;
        try {
            token = given().formParams(Map.of("grant_type", "password", "client_id", "screening-cli",
                            "username", OFFICER, "password", OFFICER + "-pw"))
                    .post(realm + "/protocol/openid-connect/token").then().statusCode(200).extract().path("access_token");
        } finally {
            given().auth().oauth2(admin).contentType("application/json").body(Map.of("accessTokenLifespan", 900))
                    .put(base + "/admin/realms/screening").then().statusCode(204);
        }
        Thread.sleep(4_000);
        return token;
    }

    /** A well-formed token with every right claim, signed by a key the realm never had. */
    private static String foreignIssuerToken() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"foreign\"}"
                .getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"iss\":\"" + Tokens.realmUrl() + "\",\"sub\":\"intruder\","
                + "\"exp\":" + (now + 600) + ",\"iat\":" + now + ",\"preferred_username\":\"officer1\","
                + "\"realm_access\":{\"roles\":[\"hr-system\",\"legal-officer\",\"auditor\",\"policy-admin\"]},"
                + "\"institution\":\"demo-university\"}").getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(pair.getPrivate());
        signer.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + b64.encodeToString(signer.sign());
    }
}
