package nl.kennisveiligheid.screening.matching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the labelled sets of ../shared/eval and the reference entity list they are matched against. */
final class EvaluationData {

    record EntityCase(String query, String country, String expected) {}

    record FieldCase(String description, List<String> expected) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Path evalDir() {
        return existing(System.getProperty("screening.eval.dir", "../shared/eval"));
    }

    static Path referenceDir() {
        return existing(System.getProperty("screening.reference.dir", "../shared/reference"));
    }

    private static Path existing(String dir) {
        Path path = Path.of(dir);
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException("Labelled evaluation data not found at " + path.toAbsolutePath()
                    + "; the project expects the shared folder beside the checkout (or -Dscreening.eval.dir=...)");
        }
        return path;
    }

    static List<ListedEntity> referenceEntities() throws IOException {
        List<ListedEntity> entities = new ArrayList<>();
        for (JsonNode node : YAML.readTree(referenceDir().resolve("high-risk-entities.yaml").toFile())) {
            List<String> aliases = new ArrayList<>();
            node.path("aliases").forEach(a -> aliases.add(a.asText()));
            entities.add(new ListedEntity(node.get("id").asText(), node.get("name").asText(), aliases,
                    node.path("country").asText(null)));
        }
        return entities;
    }

    static List<SensitiveArea> evalAreas() throws IOException {
        List<SensitiveArea> areas = new ArrayList<>();
        for (JsonNode node : YAML.readTree(evalDir().resolve("areas.yaml").toFile())) {
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
        for (String line : Files.readAllLines(evalDir().resolve("entity-cases.jsonl"))) {
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
        for (String line : Files.readAllLines(evalDir().resolve("field-cases.jsonl"))) {
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
