package nl.kennisveiligheid.screening.matching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the labelled sets in {@code src/test/resources/eval/} and the reference entity list they are
 * matched against. The repository owns these files: extend them with every new look-alike or miss.
 */
final class EvaluationData {

    record EntityCase(String query, String country, String expected) {}

    record FieldCase(String description, List<String> expected) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final String RESOURCE_DIR = "/eval/";

    private static InputStream resource(String name) {
        InputStream in = EvaluationData.class.getResourceAsStream(RESOURCE_DIR + name);
        if (in == null) {
            throw new IllegalStateException("Labelled evaluation file missing from the test classpath: "
                    + RESOURCE_DIR + name);
        }
        return in;
    }

    private static List<String> lines(String name) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(resource(name), StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        }
    }

    private static JsonNode yaml(String name) throws IOException {
        try (InputStream in = resource(name)) {
            return YAML.readTree(in);
        }
    }

    static List<ListedEntity> referenceEntities() throws IOException {
        List<ListedEntity> entities = new ArrayList<>();
        for (JsonNode node : yaml("high-risk-entities.yaml")) {
            List<String> aliases = new ArrayList<>();
            node.path("aliases").forEach(a -> aliases.add(a.asText()));
            entities.add(new ListedEntity(node.get("id").asText(), node.get("name").asText(), aliases,
                    node.path("country").asText(null)));
        }
        return entities;
    }

    static List<SensitiveArea> evalAreas() throws IOException {
        List<SensitiveArea> areas = new ArrayList<>();
        for (JsonNode node : yaml("areas.yaml")) {
            List<String> terms = new ArrayList<>();
            node.path("terms").forEach(t -> terms.add(t.asText()));
            List<String> excludes = new ArrayList<>();
            node.path("excludeTerms").forEach(t -> excludes.add(t.asText()));
            areas.add(new SensitiveArea(node.get("code").asText(), terms, excludes));
        }
        return areas;
    }

    static List<EntityCase> entityCases() throws IOException {
        List<EntityCase> cases = new ArrayList<>();
        for (String line : lines("entity-cases.jsonl")) {
            if (!line.isBlank()) {
                JsonNode node = JSON.readTree(line);
                JsonNode expected = node.get("expected");
                cases.add(new EntityCase(node.get("query").asText(), node.path("country").asText(null),
                        expected == null || expected.isNull() ? null : expected.asText()));
            }
        }
        return cases;
    }

    static List<FieldCase> fieldCases() throws IOException {
        List<FieldCase> cases = new ArrayList<>();
        for (String line : lines("field-cases.jsonl")) {
            if (!line.isBlank()) {
                JsonNode node = JSON.readTree(line);
                List<String> expected = new ArrayList<>();
                node.get("expected").forEach(e -> expected.add(e.asText()));
                cases.add(new FieldCase(node.get("description").asText(), expected));
            }
        }
        return cases;
    }
}
