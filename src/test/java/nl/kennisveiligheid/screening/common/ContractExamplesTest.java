package nl.kennisveiligheid.screening.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.kennisveiligheid.screening.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * The committed contract's promises about itself: every operation names itself and says who may call
 * it, every error it documents is problem+json against the one Problem schema, and every request body
 * example is a request the running service accepts (sent to its own operation, it is never refused as
 * invalid).
 */
@QuarkusTest
class ContractExamplesTest {

    private static final JsonNode CONTRACT = read();
    private static final List<String> ERROR_CODES = List.of("400", "401", "403", "404", "409", "413", "415", "503");

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi/openapi.yaml").toFile());
        } catch (Exception e) {
            throw new IllegalStateException("openapi/openapi.yaml unreadable", e);
        }
    }

    private record Op(String path, String method, JsonNode node) {}

    private static List<Op> operations() {
        List<Op> ops = new ArrayList<>();
        CONTRACT.path("paths").fields().forEachRemaining(path -> path.getValue().fields()
                .forEachRemaining(m -> ops.add(new Op(path.getKey(), m.getKey(), m.getValue()))));
        return ops;
    }

    @Test
    void everyOperationHasAnIdASummaryADescriptionAndItsRoles() {
        assertThat(operations()).hasSizeGreaterThanOrEqualTo(23).allSatisfy(op -> {
            assertThat(op.node().path("operationId").asText()).as(op.path()).matches("[a-z][A-Za-z]+");
            assertThat(op.node().path("summary").asText()).as(op.path()).isNotBlank();
            assertThat(op.node().path("description").asText()).as(op.path()).isNotBlank();
            boolean isPublic = op.node().path("security").isArray() && op.node().path("security").isEmpty();
            assertThat(isPublic || op.node().path("x-realm-roles").size() > 0)
                    .as(op.path() + " says whether it is public or which realm roles it needs").isTrue();
        });
        assertThat(operations().stream().map(op -> op.node().path("operationId").asText()).distinct()).hasSize(
                operations().size());
    }

    @Test
    void everyDocumentedErrorIsProblemJsonWithAnExample() {
        int checked = 0;
        for (Op op : operations()) {
            Iterator<Map.Entry<String, JsonNode>> responses = op.node().path("responses").fields();
            while (responses.hasNext()) {
                Map.Entry<String, JsonNode> response = responses.next();
                if (!ERROR_CODES.contains(response.getKey())) {
                    continue;
                }
                JsonNode media = response.getValue().path("content").path(Problem.MEDIA_TYPE);
                assertThat(media.path("schema").path("$ref").asText()).as(op.path() + " " + response.getKey())
                        .isEqualTo("#/components/schemas/Problem");
                assertThat(media.path("example").path("status").asInt()).isEqualTo(Integer.parseInt(response.getKey()));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(50);
    }

    @Test
    void everyRequestBodyExampleIsAcceptedByItsOperation() {
        int sent = 0;
        for (Op op : operations()) {
            JsonNode json = op.node().path("requestBody").path("content").path("application/json");
            if (json.isMissingNode()) {
                continue;
            }
            JsonNode example = json.path("examples").path("valid").path("value");
            assertThat(example.isMissingNode()).as(op.path() + " has a request example").isFalse();
            String role = op.node().path("x-realm-roles").get(0).asText();
            String path = op.path().replace("{id}", UUID.randomUUID().toString()).replace("{version}", "no-such-version")
                    .replace("{n}", "0").replace("{from}", "no-such-version").replace("{to}", "no-such-version");
            Response response = given().auth().oauth2(tokenFor(role)).contentType("application/json")
                    .body(example.toString()).post(path);
            assertThat(response.statusCode()).as(op.method() + " " + op.path() + ": " + response.asString())
                    .isNotIn(400, 413, 415, 500);
            sent++;
        }
        assertThat(sent).isGreaterThanOrEqualTo(10);
    }

    private static String tokenFor(String role) {
        return switch (role) {
            case "hr-system" -> Tokens.demoUniversity();
            case "legal-officer" -> Tokens.officer1();
            case "auditor" -> Tokens.user("auditor1");
            case "policy-admin" -> Tokens.user("policyadmin1");
            case "review-lead" -> Tokens.user("lead1");
            case "privacy-officer" -> Tokens.user("privacy1");
            default -> throw new IllegalArgumentException(role);
        };
    }
}
