package nl.kennisveiligheid.screening.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed contract {@code openapi/openapi.yaml} is what institutions build against: the
 * code's spec must not drift from it unnoticed.
 */
@QuarkusTest
class OpenApiContractTest {

    private static final Path COMMITTED = Path.of("openapi/openapi.yaml");
    private static final Path ACTUAL = Path.of("target/openapi-actual.yaml");

    @Test
    void codeSpecMatchesTheCommittedContract() throws Exception {
        String actual = given().queryParam("format", "yaml").get("/q/openapi")
                .then().statusCode(200).extract().asString();
        Files.createDirectories(ACTUAL.getParent());
        Files.writeString(ACTUAL, actual, StandardCharsets.UTF_8);
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED, StandardCharsets.UTF_8) : "";
        if (!normalise(committed).equals(normalise(actual))) {
            fail("The API the code serves differs from the committed contract openapi/openapi.yaml.\n"
                    + "If the change is intended, refresh the contract with `make openapi` "
                    + "(it copies " + ACTUAL + " over it) and commit it.");
        }
    }

    private static String normalise(String yaml) {
        return yaml.replace("\r\n", "\n").strip();
    }
}
