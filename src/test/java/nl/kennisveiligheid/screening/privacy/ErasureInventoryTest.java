package nl.kennisveiligheid.screening.privacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import nl.kennisveiligheid.screening.support.Requests;
import nl.kennisveiligheid.screening.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * The erasure inventory against the schema as Flyway built it and against stored documents: a column
 * or a JSON member that the inventory does not classify fails here, so nothing that can hold personal
 * data is added without deciding how it is erased.
 */
@QuarkusTest
class ErasureInventoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EntityManager em;

    @SuppressWarnings("unchecked")
    Set<String> schemaColumns() {
        return QuarkusTransaction.requiringNew().call(() -> ((List<Object[]>) em.createNativeQuery(
                        "select table_name, column_name from information_schema.columns where table_schema = current_schema()")
                .getResultList()).stream().map(r -> r[0] + "." + r[1]).collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void everyColumnOfTheSchemaIsClassifiedAndNoClassificationIsStale() {
        Set<String> classified = ErasureInventory.columns().stream().map(c -> c.table() + "." + c.column())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> schema = schemaColumns();
        assertThat(schema).as("columns the inventory does not classify").isSubsetOf(classified);
        assertThat(classified).as("classified columns the schema does not have").isSubsetOf(schema);
    }

    @Test
    void aColumnAddedToTheSchemaFailsTheCheckUntilItIsClassified() {
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "alter table screening_case add column candidate_email text").executeUpdate());
            assertThat(schemaColumns()).contains("screening_case.candidate_email");
            assertThat(ErasureInventory.column("screening_case", "candidate_email")).isEmpty();
        } finally {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "alter table screening_case drop column if exists candidate_email").executeUpdate());
        }
    }

    @Test
    void everyMemberOfAStoredRequestAndAssessmentIsClassified() throws Exception {
        Map<String, Object> body = Requests.flagged();
        Requests.research(body).put("areaCodes", new ArrayList<>());
        body.put("funding", new ArrayList<>(List.of(Map.of("funder", "Harbin Institute of Technology", "country", "CN"))));
        String id = given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/screenings").then().statusCode(201).extract().path("id");
        Object[] stored = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "select request, assessment from screening_case where id = ?1").setParameter(1, UUID.fromString(id))
                .getSingleResult());
        Set<String> requestPaths = paths(JSON.readTree((String) stored[0]));
        Set<String> assessmentPaths = paths(JSON.readTree((String) stored[1]));
        // The request exercises every optional member, and the assessment quotes the text (evidence, carriedBy).
        assertThat(requestPaths).contains("candidate/nativeName", "funding/*/funder", "affiliations/*/from");
        assertThat(assessmentPaths).contains("sensitiveAreas/*/evidence/*/text", "indicators/*/carriedBy/*");
        assertThat(requestPaths).isSubsetOf(classified("request"));
        assertThat(assessmentPaths).isSubsetOf(classified("assessment"));
    }

    @Test
    void redactionKeepsWhatWasFoundAndDropsTheQuotedText() throws Exception {
        String assessment = """
                {"indicators":[{"carriedBy":["harbin","technology"],"explanation":"Affiliation 'x' matches","field":"affiliations[0].name",
                "listEntry":"hit","matchedText":"Harbin Institute of Technology Zq","score":"0.95","threshold":"0.90","type":"HIGH_RISK_AFFILIATION"}],
                "outcome":"FLAGGED","sensitiveAreas":[{"code":"SEMICONDUCTORS","evidence":[{"field":"research.description",
                "term":"euv lithography","text":"EUV lithography at Zq"}],"matchedBy":"TEXT","name":"Semiconductors"}]}""";
        JsonNode redacted = JSON.readTree(CaseErasure.redacted(assessment));
        assertThat(redacted.toString()).doesNotContain("Zq").doesNotContain("harbin");
        assertThat(redacted.at("/indicators/0/listEntry").asText()).isEqualTo("hit");
        assertThat(redacted.at("/indicators/0/score").asText()).isEqualTo("0.95");
        assertThat(redacted.at("/indicators/0/carriedBy").size()).isZero();
        assertThat(redacted.at("/indicators/0/matchedText").isNull()).isTrue();
        assertThat(redacted.at("/sensitiveAreas/0/code").asText()).isEqualTo("SEMICONDUCTORS");
        assertThat(redacted.at("/sensitiveAreas/0/evidence").size()).isZero();
    }

    private static Set<String> classified(String document) {
        return ErasureInventory.members().stream().filter(m -> m.document().equals(document))
                .map(ErasureInventory.Member::path).collect(Collectors.toSet());
    }

    /** Every member path of a document, with {@code *} for array elements. */
    private static Set<String> paths(JsonNode node) {
        Set<String> paths = new TreeSet<>();
        walk(node, "", paths);
        return paths;
    }

    private static void walk(JsonNode node, String prefix, Set<String> paths) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> {
                String path = prefix.isEmpty() ? f.getKey() : prefix + "/" + f.getKey();
                paths.add(path);
                walk(f.getValue(), path, paths);
            });
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                paths.add(prefix + "/*");
                walk(element, prefix + "/*", paths);
            }
        }
    }
}
