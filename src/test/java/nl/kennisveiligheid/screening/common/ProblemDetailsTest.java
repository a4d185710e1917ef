package nl.kennisveiligheid.screening.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import nl.kennisveiligheid.screening.support.Tokens;
import org.junit.jupiter.api.Test;

/** Every error the framework raises reaches the client as RFC 9457 problem+json. */
@QuarkusTest
class ProblemDetailsTest {

    private static final String PROBE = "/test-support/problem-probe";

    @Test
    void unknownPathIsNotFound() {
        given().auth().oauth2(Tokens.officer1()).get("/api/v1/no-such-thing")
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("title", equalTo("Not Found"));
    }

    @Test
    void unknownPathOutsideTheApiIsNotFoundToo() {
        given().get("/no-such-page")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void wrongMethodIsMethodNotAllowed() {
        given().auth().oauth2(Tokens.officer1()).delete("/api/v1/me")
                .then().statusCode(405).contentType("application/problem+json")
                .body("status", equalTo(405));
    }

    @Test
    void wrongContentTypeIsUnsupportedMediaType() {
        given().contentType("text/plain").body("hello").post(PROBE)
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void malformedJsonNamesThePositionNotTheInput() {
        given().contentType("application/json").body("{\"name\": \"Secret Person\", ")
                .post(PROBE)
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"))
                .body(not(containsString("Secret Person")));
    }

    @Test
    void wrongTypeNamesTheField() {
        given().contentType("application/json").body("{\"name\": \"x\", \"items\": [{\"count\": \"many\"}]}")
                .post(PROBE)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("items[0].count"));
    }

    @Test
    void unknownFieldIsRefusedByName() {
        given().contentType("application/json").body("{\"name\": \"x\", \"nmae\": \"y\"}")
                .post(PROBE)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("nmae"))
                .body("errors.message", hasItems("unknown field"));
    }

    @Test
    void validationErrorsListEveryInvalidFieldPath() {
        given().contentType("application/json").body("{\"name\": \"\", \"items\": [{\"count\": -1}]}")
                .post(PROBE)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("name", "items[0].count"));
    }

    @Test
    void serverFaultHasAnErrorIdAndNoStackTrace() {
        given().get(PROBE + "/fault")
                .then().statusCode(500).contentType("application/problem+json")
                .body("errorId", org.hamcrest.Matchers.notNullValue())
                .body(not(containsString("at nl.kennisveiligheid")))
                .body(not(containsString("Secret Person")));
    }
}
