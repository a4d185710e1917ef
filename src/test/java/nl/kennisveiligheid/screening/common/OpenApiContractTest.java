package nl.kennisveiligheid.screening.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
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
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED, StandardCharsets.UTF_8) : "{}";
        JsonNode expectedTree = normalise(committed);
        JsonNode actualTree = normalise(actual);
        if (!expectedTree.equals(actualTree)) {
            Files.writeString(Path.of("target/openapi-diff-expected.json"), expectedTree.toPrettyString());
            Files.writeString(Path.of("target/openapi-diff-actual.json"), actualTree.toPrettyString());
            fail("The API the code serves differs from the committed contract openapi/openapi.yaml.\n"
                    + "If the change is intended, refresh the contract with `make openapi` "
                    + "(it copies " + ACTUAL + " over it) and commit it.");
        }
    }

    /**
     * The document as a tree, with lists of plain values sorted: the generator does not keep key or
     * "required" order stable between the build and the running service, and order carries no meaning.
     */
    private static JsonNode normalise(String yaml) throws Exception {
        return sortScalarLists(new ObjectMapper(new YAMLFactory()).readTree(yaml));
    }

    private static JsonNode sortScalarLists(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.fields().forEachRemaining(e -> object.set(e.getKey(), sortScalarLists(e.getValue())));
        } else if (node instanceof ArrayNode array) {
            List<JsonNode> items = new ArrayList<>();
            array.forEach(item -> items.add(sortScalarLists(item)));
            if (items.stream().allMatch(JsonNode::isValueNode)) {
                items.sort(Comparator.comparing(JsonNode::asText));
            }
            array.removeAll();
            items.forEach(array::add);
        }
        return node;
    }
}
