package nl.kennisveiligheid.screening.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import nl.kennisveiligheid.screening.support.Tokens;
import org.junit.jupiter.api.Test;

/** Tokens from the real Keycloak: who gets in, with which role, and for which institution. */
@QuarkusTest
class AuthenticationTest {

    @Test
    void noTokenIsUnauthorizedWithProblemDetails() {
        given().get("/api/v1/me")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401))
                .body("title", equalTo("Unauthorized"));
    }

    @Test
    void garbageTokenIsUnauthorized() {
        given().auth().oauth2("not-a-token").get("/api/v1/me")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void wrongRoleIsForbidden() {
        given().auth().oauth2(Tokens.officer1()).get("/api/v1/me/institution")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403));
    }

    @Test
    void rightRoleIsAllowed() {
        given().auth().oauth2(Tokens.user("auditor1")).get("/api/v1/me")
                .then().statusCode(200)
                .body("roles", contains("auditor"));
    }

    @Test
    void hrClientInstitutionClaimReachesTheService() {
        given().auth().oauth2(Tokens.demoUniversity()).get("/api/v1/me/institution")
                .then().statusCode(200).body("institution", equalTo("demo-university"));
        given().auth().oauth2(Tokens.hrClient(Tokens.OTHER_INSTITUTE)).get("/api/v1/me")
                .then().statusCode(200)
                .body("institution", equalTo("other-institute"))
                .body("roles", contains("hr-system"));
    }

    @Test
    void eachPersonHasTheRoleTheRealmGivesThem() {
        for (String[] userRole : new String[][] {
                {"officer1", "legal-officer"}, {"officer2", "legal-officer"}, {"officer3", "legal-officer"},
                {"auditor1", "auditor"}, {"policyadmin1", "policy-admin"}}) {
            given().auth().oauth2(Tokens.user(userRole[0])).get("/api/v1/me")
                    .then().statusCode(200)
                    .body("roles", contains(userRole[1]))
                    .body("institution", equalTo(null));
        }
    }
}
