package nl.kennisveiligheid.screening.support;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Real tokens from the real Keycloak of the local realm: client-credentials for HR systems, the
 * password grant through the public 'screening-cli' client for people. Cached until shortly
 * before they expire.
 */
public final class Tokens {

    public static final String DEMO_UNIVERSITY = "hr-demo-university";
    public static final String OTHER_INSTITUTE = "hr-other-institute";

    private record Cached(String token, Instant refreshAfter) {}

    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

    private Tokens() {}

    public static String realmUrl() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.oidc.auth-server-url", String.class)
                .orElse("http://127.0.0.1:8180/realms/screening");
    }

    /** A service-account token of an HR client; the local secret is '{clientId}-secret'. */
    public static String hrClient(String clientId) {
        return cached("client:" + clientId, () -> Map.of(
                "grant_type", "client_credentials",
                "client_id", clientId,
                "client_secret", clientId + "-secret"));
    }

    /** A person's token; the local password is '{username}-pw'. */
    public static String user(String username) {
        return cached("user:" + username, () -> Map.of(
                "grant_type", "password",
                "client_id", "screening-cli",
                "username", username,
                "password", username + "-pw"));
    }

    public static String officer1() {
        return user("officer1");
    }

    public static String demoUniversity() {
        return hrClient(DEMO_UNIVERSITY);
    }

    private static String cached(String key, java.util.function.Supplier<Map<String, String>> form) {
        Cached hit = CACHE.get(key);
        if (hit != null && Instant.now().isBefore(hit.refreshAfter())) {
            return hit.token();
        }
        var response = given().formParams(form.get())
                .post(realmUrl() + "/protocol/openid-connect/token")
                .then().statusCode(200).extract();
        String token = response.path("access_token");
        int expiresIn = response.path("expires_in");
        CACHE.put(key, new Cached(token, Instant.now().plusSeconds(Math.max(10, expiresIn - 60))));
        return token;
    }
}
