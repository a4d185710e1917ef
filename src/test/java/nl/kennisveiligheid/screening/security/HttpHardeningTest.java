package nl.kennisveiligheid.screening.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import nl.kennisveiligheid.screening.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HttpHardeningTest {

    @Test
    void apiResponsesCarrySecurityHeadersAndAreNotCached() {
        given().auth().oauth2(Tokens.officer1()).get("/api/v1/me").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Cache-Control", "no-store");
        given().get("/api/v1/no-such").then().statusCode(404).header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void corsIsClosed() {
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/api/v1/screenings").then().header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://evil.example").auth().oauth2(Tokens.officer1()).get("/api/v1/me")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void healthShowsStatusNotInternals() {
        given().get("/q/health/ready").then().statusCode(200)
                .body(not(containsString("jdbc:"))).body(not(containsString("54329"))).body(not(containsString("9092")))
                .body("status", equalTo("UP"));
    }
}
