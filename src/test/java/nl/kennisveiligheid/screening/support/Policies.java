package nl.kennisveiligheid.screening.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

/** Publishes versions of the policy in effect with changes, as policy administrators do. */
public final class Policies {

    private static final Random RANDOM = new Random();

    private Policies() {}

    /** A made-up organisation name no other test and no list uses, such as "Qorvexa Polytechnic Institute". */
    public static String uniqueOrganisation() {
        StringBuilder word = new StringBuilder().append((char) ('A' + RANDOM.nextInt(26)));
        for (int i = 0; i < 9; i++) {
            word.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return word + " Polytechnic Institute";
    }

    /** An entity of the list with this id and name, in China, very high risk. */
    public static Map<String, Object> entity(String id, String name, List<String> aliases) {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("id", id);
        entity.put("name", name);
        entity.put("aliases", new ArrayList<>(aliases));
        entity.put("country", "CN");
        entity.put("category", "DEFENCE_LINKED_UNIVERSITY");
        entity.put("riskLevel", "VERY_HIGH");
        entity.put("source", "test list");
        return entity;
    }

    /** The document in effect, as a new version changed by {@code change}: stored as a draft and published now. */
    @SuppressWarnings("unchecked")
    public static String publishChanged(Consumer<Map<String, Object>> change) {
        String admin = Tokens.user("policyadmin1");
        Map<String, Object> document = given().auth().oauth2(admin).get("/api/v1/policies/current").then()
                .statusCode(200).extract().path("document");
        String version = "t-" + UUID.randomUUID().toString().substring(0, 8);
        document.put("version", version);
        document.put("highRiskEntities", new ArrayList<>((List<Object>) document.get("highRiskEntities")));
        change.accept(document);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(document).post("/api/v1/policies").then()
                .statusCode(201);
        publish(version, "{}").statusCode(200);
        return version;
    }

    /** Proposed by policyadmin1 with this body, confirmed by policyadmin2: the confirmation's answer. */
    public static io.restassured.response.ValidatableResponse publish(String version, Object publicationBody) {
        given().auth().oauth2(Tokens.user("policyadmin1")).contentType(ContentType.JSON).body(publicationBody)
                .post("/api/v1/policies/" + version + "/publication").then().statusCode(202);
        return given().auth().oauth2(Tokens.user("policyadmin2")).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/policies/" + version + "/publication/confirmation").then();
    }

    /** The list entries of a document, to change. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> entities(Map<String, Object> document) {
        return (List<Map<String, Object>>) document.get("highRiskEntities");
    }
}
