package nl.kennisveiligheid.screening.policy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.kennisveiligheid.screening.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PolicyApiTest {

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "screening.policy.max-drafts")
    int maxDrafts;

    private static String admin() {
        return Tokens.user("policyadmin1");
    }

    static Map<String, Object> document(String version) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", version);
        doc.put("sensitiveAreas", List.of(Map.of("code", "SEMICONDUCTORS", "name", "Semiconductors",
                "references", List.of("EU-CT-2023:1"), "terms", List.of("lithography", "wafer"))));
        doc.put("highRiskEntities", List.of(Map.of("id", "hit", "name", "Harbin Institute of Technology",
                "aliases", List.of("HIT"), "country", "CN", "category", "DEFENCE_LINKED_UNIVERSITY",
                "riskLevel", "VERY_HIGH", "source", "test")));
        return doc;
    }

    @Test
    void aVersionIdWithAControlCharacterIsABadRequestNamingTheParameterNotAServerFault() {
        // Found by the console's hostile-input test: PostgreSQL refuses a NUL byte, which gave a 500.
        for (String path : List.of("/api/v1/policies/a%00b", "/api/v1/policies/a%00b/diff/2026.1",
                "/api/v1/policies/2026.1/diff/a%00b", "/api/v1/policies/a%00b/rescreening")) {
            given().auth().oauth2(Tokens.user("policyadmin1")).urlEncodingEnabled(false).get(path).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", org.hamcrest.Matchers.oneOf("version", "from", "to"));
        }
    }

    @Test
    void theDefaultPolicyIsInEffectFromTheFirstStart() {
        given().auth().oauth2(Tokens.user("auditor1")).get("/api/v1/policies/2026.1")
                .then().statusCode(200)
                .body("status", equalTo("PUBLISHED"))
                .body("contentHash", matchesPattern("[0-9a-f]{64}"))
                .body("document.deadlines.decisionWeeks", equalTo(4))
                .body("document.exemptNationalities", hasItems("NL", "CH"))
                .body("document.sensitiveAreas.code", hasItems("SEMICONDUCTORS", "PHOTONICS", "BIOTECHNOLOGY"));
    }

    @Test
    void aDraftIsCreatedReadPublishedByTwoAdministratorsAndThenImmutable() {
        String version = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String etag = given().auth().oauth2(admin()).contentType(ContentType.JSON).body(document(version))
                .post("/api/v1/policies").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/policies/" + version))
                .body("status", equalTo("DRAFT"))
                .body("createdBy", equalTo("policyadmin1"))
                .body("$", not(hasKey("document"))).extract().header("ETag");
        given().auth().oauth2(admin()).get("/api/v1/policies/" + version).then().statusCode(200)
                .header("ETag", equalTo(etag))
                .body("document.matching.entityThreshold", equalTo(0.9f))
                .body("document.retention.personalDataYears", equalTo(5));
        Map<String, Object> changed = document(version);
        changed.put("exemptNationalities", List.of());
        given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", etag).body(changed)
                .post("/api/v1/policies").then().statusCode(200).body("$", not(hasKey("document")));
        given().auth().oauth2(admin()).get("/api/v1/policies/" + version).then().statusCode(200)
                .body("document.exemptNationalities", org.hamcrest.Matchers.empty());
        Instant future = Instant.now().plus(3650, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("effectiveFrom", future.toString()))
                .post("/api/v1/policies/" + version + "/publication").then().statusCode(202)
                .body("status", equalTo("PROPOSED")).body("proposedBy", equalTo("policyadmin1"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/policies/" + version + "/publication/confirmation").then().statusCode(409)
                .body("type", containsString("own-proposal"));
        given().auth().oauth2(Tokens.user("policyadmin2")).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/policies/" + version + "/publication/confirmation").then().statusCode(200)
                .body("status", equalTo("SCHEDULED")).body("effectiveFrom", equalTo(future.toString()))
                .body("publishedBy", equalTo("policyadmin2")).body("proposedBy", equalTo("policyadmin1"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(document(version)).post("/api/v1/policies")
                .then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/policies/" + version + "/publication").then().statusCode(409);
        given().auth().oauth2(Tokens.officer1()).get("/api/v1/policies/current")
                .then().statusCode(200).body("version", org.hamcrest.Matchers.not(equalTo(version)));
        given().auth().oauth2(Tokens.officer1()).get("/api/v1/policies")
                .then().statusCode(200).body("version", hasItems(version, "2026.1"));
        // Scheduled, it can still be cancelled; it stays in the record.
        given().auth().oauth2(Tokens.user("policyadmin2")).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/policies/" + version + "/cancellation").then().statusCode(200)
                .body("status", equalTo("CANCELLED")).body("cancelledBy", equalTo("policyadmin2"));
        given().auth().oauth2(admin()).get("/api/v1/policies/" + version).then().statusCode(200)
                .body("status", equalTo("CANCELLED"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/policies/2026.1/cancellation").then().statusCode(409)
                .body("type", containsString("not-scheduled"));
    }

    @Test
    void replacingADraftNeedsItsETagSoThatNobodyOverwritesAnotherUnseen() {
        String version = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String first = given().auth().oauth2(admin()).contentType(ContentType.JSON).body(document(version))
                .post("/api/v1/policies").then().statusCode(201).extract().header("ETag");
        Map<String, Object> mine = document(version);
        mine.put("exemptNationalities", List.of("NL"));
        Map<String, Object> theirs = document(version);
        theirs.put("exemptNationalities", List.of("BE"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(mine).post("/api/v1/policies").then()
                .statusCode(428).contentType("application/problem+json");
        String second = given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", first).body(mine)
                .post("/api/v1/policies").then().statusCode(200).extract().header("ETag");
        assertThat(second).isNotEqualTo(first);
        given().auth().oauth2(Tokens.user("policyadmin2")).contentType(ContentType.JSON).header("If-Match", first)
                .body(theirs).post("/api/v1/policies").then().statusCode(412).contentType("application/problem+json");
        given().auth().oauth2(admin()).get("/api/v1/policies/" + version).then()
                .body("document.exemptNationalities", equalTo(List.of("NL")));
        given().auth().oauth2(admin()).delete("/api/v1/policies/" + version).then().statusCode(204);
    }

    @Test
    void aVersionReadAsYamlIsTheNextDraftsStartAndTheDiffSaysWhatChanged() {
        String yaml = given().auth().oauth2(admin()).accept("application/yaml").get("/api/v1/policies/2026.1").then()
                .statusCode(200).contentType(org.hamcrest.Matchers.startsWith("application/yaml")).extract().asString();
        assertThat(yaml).contains("version: \"2026.1\"").contains("highRiskEntities:");
        String version = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String next = yaml.replace("version: \"2026.1\"", "version: \"" + version + "\"")
                .replace("riskLevel: \"VERY_HIGH\"", "riskLevel: \"HIGH\"");
        given().auth().oauth2(admin()).contentType("application/yaml").body(next.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/policies").then().statusCode(201);
        var diff = given().auth().oauth2(Tokens.officer1()).get("/api/v1/policies/2026.1/diff/" + version).then()
                .statusCode(200).body("from", equalTo("2026.1")).body("to", equalTo(version)).extract().jsonPath();
        List<String> paths = diff.getList("changes.path");
        assertThat(paths).isNotEmpty().allMatch(p -> p.startsWith("highRiskEntities[") && p.endsWith("].riskLevel"));
        assertThat(diff.getList("changes.kind")).containsOnly("CHANGED");
        assertThat(diff.getList("changes.to")).containsOnly("HIGH");
        given().auth().oauth2(admin()).delete("/api/v1/policies/" + version).then().statusCode(204);
        given().auth().oauth2(admin()).get("/api/v1/policies/2026.1/diff/no-such-version").then().statusCode(404);
    }

    @Test
    void aVersionMayNotTakeEffectInThePast() {
        String version = "t-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(document(version)).post("/api/v1/policies")
                .then().statusCode(201);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("effectiveFrom", "2020-01-01T00:00:00Z"))
                .post("/api/v1/policies/" + version + "/publication")
                .then().statusCode(400).body("errors.field", hasItem("effectiveFrom"));
    }

    @Test
    void yamlIsAcceptedToo() {
        String version = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String yaml = "version: \"" + version + "\"\n"
                + "sensitiveAreas:\n  - {code: QUANTUM, name: Quantum, terms: [qubit]}\n"
                + "highRiskEntities: []\n";
        given().auth().oauth2(admin()).contentType("application/yaml").body(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/policies")
                .then().statusCode(201).body("contentHash", notNullValue());
        given().auth().oauth2(admin()).get("/api/v1/policies/" + version).then().statusCode(200)
                .body("document.sensitiveAreas[0].code", equalTo("QUANTUM"));
        given().auth().oauth2(admin()).contentType("application/yaml").body((yaml + "typo: 1\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/policies")
                .then().statusCode(400).body("errors.field", hasItem("typo"));
    }

    @Test
    void invalidDocumentsNameEveryPath() {
        Map<String, Object> doc = document("t-invalid");
        doc.put("highRiskEntities", List.of(
                Map.of("id", "x", "name", "X", "country", "CN", "category", "C", "riskLevel", "HIGH"),
                Map.of("id", "x", "name", "Y", "country", "ZZ", "category", "C", "riskLevel", "HIGH")));
        doc.put("matching", Map.of("entityThreshold", 1.5));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(doc).post("/api/v1/policies")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("highRiskEntities[1].id", "highRiskEntities[1].country",
                        "matching.entityThreshold"));
        given().auth().oauth2(admin()).get("/api/v1/policies/t-invalid").then().statusCode(404);
    }

    @Test
    void aDraftCanBeDeletedButAPublishedVersionCannot() {
        String version = "t-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(document(version)).post("/api/v1/policies")
                .then().statusCode(201);
        given().auth().oauth2(Tokens.officer1()).delete("/api/v1/policies/" + version).then().statusCode(403);
        given().auth().oauth2(admin()).delete("/api/v1/policies/" + version).then().statusCode(204);
        given().auth().oauth2(admin()).get("/api/v1/policies/" + version).then().statusCode(404);
        given().auth().oauth2(admin()).delete("/api/v1/policies/" + version).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(admin()).delete("/api/v1/policies/2026.1").then().statusCode(409)
                .contentType("application/problem+json").body("type", containsString("policy-published"));
        given().auth().oauth2(Tokens.user("auditor1")).get("/api/v1/policies/2026.1").then().statusCode(200);
    }

    @Test
    void theNumberOfDraftsIsBoundedAndDeletingOneMakesRoom() {
        List<String> made = new java.util.ArrayList<>();
        try {
            int drafts = given().auth().oauth2(admin()).get("/api/v1/policies").then().statusCode(200).extract()
                    .jsonPath().getList("findAll { it.status == 'DRAFT' || it.status == 'PROPOSED' }").size();
            for (int i = drafts; i < maxDrafts; i++) {
                String version = "t-" + UUID.randomUUID().toString().substring(0, 8);
                given().auth().oauth2(admin()).contentType(ContentType.JSON).body(document(version))
                        .post("/api/v1/policies").then().statusCode(201);
                made.add(version);
            }
            String oneTooMany = "t-" + UUID.randomUUID().toString().substring(0, 8);
            given().auth().oauth2(admin()).contentType(ContentType.JSON).body(document(oneTooMany))
                    .post("/api/v1/policies").then().statusCode(409).contentType("application/problem+json")
                    .body("type", containsString("too-many-drafts"))
                    .body("detail", containsString(String.valueOf(maxDrafts)));
            given().auth().oauth2(admin()).get("/api/v1/policies/" + oneTooMany).then().statusCode(404);
            if (!made.isEmpty()) {
                String etag = given().auth().oauth2(admin()).get("/api/v1/policies/" + made.get(0)).then().extract()
                        .header("ETag");
                given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", etag)
                        .body(document(made.get(0))).post("/api/v1/policies").then().statusCode(200);
                given().auth().oauth2(admin()).delete("/api/v1/policies/" + made.remove(0)).then().statusCode(204);
                given().auth().oauth2(admin()).contentType(ContentType.JSON).body(document(oneTooMany))
                        .post("/api/v1/policies").then().statusCode(201);
                made.add(oneTooMany);
            }
        } finally {
            made.forEach(v -> given().auth().oauth2(admin()).delete("/api/v1/policies/" + v));
        }
    }

    @Test
    void rolesDecideWhoReadsAndWhoWrites() {
        given().auth().oauth2(Tokens.officer1()).contentType(ContentType.JSON).body(document("t-officer"))
                .post("/api/v1/policies").then().statusCode(403);
        given().auth().oauth2(Tokens.demoUniversity()).get("/api/v1/policies").then().statusCode(403);
        given().auth().oauth2(Tokens.user("auditor1")).get("/api/v1/policies/current").then().statusCode(200)
                .body("version", notNullValue());
        given().auth().oauth2(admin()).get("/api/v1/policies/no-such-version").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
