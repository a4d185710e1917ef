package nl.kennisveiligheid.screening.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nl.kennisveiligheid.screening.support.Requests;
import nl.kennisveiligheid.screening.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Runs the scenarios of the suite with a marker name and date of birth, including refusals and a
 * server fault path, and proves the markers reach no log line, metric or error message. The test
 * profile writes the access log to the log file, so the test first proves the file holds the
 * scenario's requests.
 */
@QuarkusTest
class PersonalDataInLogsTest {

    private static final String NAME = "Markername Zyxwvutsrq";
    private static final String BIRTH = "1911-11-11";
    private static final Path LOG = Path.of("target/quarkus-test.log");

    @Test
    void markerNameAndDateOfBirthAppearInNoLogMetricOrErrorMessage() throws Exception {
        String hr = Tokens.demoUniversity();
        StringBuilder responses = new StringBuilder();
        List<String> ids = new java.util.ArrayList<>();
        for (Map<String, Object> body : List.of(Requests.clean(), Requests.flagged(), Requests.exempt())) {
            Requests.candidate(body).put("fullName", NAME);
            Requests.candidate(body).put("dateOfBirth", BIRTH);
            String id = given().auth().oauth2(hr).contentType(ContentType.JSON).body(body).post("/api/v1/screenings")
                    .then().statusCode(201).extract().path("id");
            ids.add(id);
            Requests.candidate(body).put("nativeName", NAME + " again");
            responses.append(given().auth().oauth2(hr).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/screenings").then().statusCode(409).extract().asString());
            given().auth().oauth2(hr).contentType(ContentType.JSON).body(body).post("/api/v1/screenings/preview")
                    .then().statusCode(200);
            given().auth().oauth2(hr).contentType(ContentType.JSON).body(Map.of("grounds", NAME + " objects"))
                    .post("/api/v1/screenings/" + id + "/objections");
        }
        Map<String, Object> invalid = Requests.flagged();
        Requests.candidate(invalid).put("fullName", NAME + "\u202e");
        Requests.candidate(invalid).put("dateOfBirth", "1911-13-11");
        responses.append(given().auth().oauth2(hr).contentType(ContentType.JSON).body(invalid)
                .post("/api/v1/screenings").then().statusCode(400).extract().asString());
        responses.append(given().auth().oauth2(hr).contentType(ContentType.JSON)
                .body("{\"candidate\": {\"fullName\": \"" + NAME + "\", ").post("/api/v1/screenings")
                .then().statusCode(400).extract().asString());
        // A privacy officer's search carries the name and birth date in its query string.
        given().auth().oauth2(Tokens.user("privacy1")).queryParam("fullName", NAME).queryParam("dateOfBirth", BIRTH)
                .get("/api/v1/privacy/subjects").then().statusCode(200);
        given().auth().oauth2(Tokens.user("privacy1")).get("/api/v1/privacy/cases/" + ids.get(0) + "/export").then()
                .statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        String log = Files.readString(LOG);
        // An empty or unwritten log would pass the checks below: first prove it holds this scenario.
        assertThat(ids).hasSize(3).allSatisfy(id -> assertThat(log).as("the log records this scenario's requests")
                .contains("/api/v1/screenings/" + id + "/objections"));
        assertThat(log).as("the log records the search").contains("GET /api/v1/privacy/subjects");
        assertThat(log).as("the log").doesNotContain(NAME).doesNotContain(BIRTH).doesNotContain("Zyxwvutsrq");
        assertThat(metrics).as("the metrics").doesNotContain("Zyxwvutsrq").doesNotContain(BIRTH);
        assertThat(responses.toString()).as("error messages").doesNotContain("Zyxwvutsrq").doesNotContain("1911");
    }
}
