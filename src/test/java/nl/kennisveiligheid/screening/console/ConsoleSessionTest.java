package nl.kennisveiligheid.screening.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import nl.kennisveiligheid.screening.support.ConsoleSignIn;
import nl.kennisveiligheid.screening.support.Requests;
import nl.kennisveiligheid.screening.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * The probe's console findings, closed: every state-changing console request must be a form with
 * the token of its own sign-in session, and signing out ends the session on the server, so that a
 * copied cookie is refused at once.
 */
@QuarkusTest
class ConsoleSessionTest {

    private static String flaggedCase() {
        return given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body(Requests.flagged())
                .post("/api/v1/screenings").then().statusCode(201).extract().path("id");
    }

    private static String status(String caseId) {
        return given().auth().oauth2(Tokens.officer1()).get("/api/v1/reviews/" + caseId).then().statusCode(200)
                .extract().path("status");
    }

    @Test
    void aPostWithoutAFormContentTypeIsRefusedAndChangesNothing() throws Exception {
        String caseId = flaggedCase();
        ConsoleSignIn officer1 = ConsoleSignIn.as("officer1");
        String token = officer1.formToken("/console/cases/" + caseId);

        HttpResponse<String> bare = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(ConsoleSignIn.base() + "/console/cases/" + caseId + "/take"))
                .header("Cookie", officer1.cookieHeader()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bare.statusCode()).as("a post with no content type and no body").isEqualTo(415);
        assertThat(bare.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("text/html"));
        given().redirects().follow(false).cookies(officer1.cookies).contentType(ContentType.TEXT)
                .body("csrf-token=" + token).post("/console/cases/" + caseId + "/take").then().statusCode(415);
        assertThat(status(caseId)).isEqualTo("FLAGGED");
    }

    @Test
    void aSelfMadeTokenOrAnotherOfficersTokenIsRefusedAndOnlyTheSessionsOwnWorks() {
        String caseId = flaggedCase();
        ConsoleSignIn officer1 = ConsoleSignIn.as("officer1");
        ConsoleSignIn officer2 = ConsoleSignIn.as("officer2");
        String own = officer1.formToken("/console/cases/" + caseId);
        String others = officer2.formToken("/console/cases/" + caseId);
        assertThat(others).isNotEqualTo(own);

        String selfMade = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
        Map<String, String> withPlantedCookie = new HashMap<>(officer1.cookies);
        withPlantedCookie.put("console-csrf", selfMade);
        withPlantedCookie.put("csrf-token", selfMade);
        for (String forged : new String[] {selfMade, others, "", own + "x"}) {
            given().redirects().follow(false).cookies(withPlantedCookie).contentType(ContentType.URLENC)
                    .formParam("csrf-token", forged).post("/console/cases/" + caseId + "/take")
                    .then().statusCode(403).contentType(containsString("text/html"))
                    .body(containsString("This form was not accepted"));
        }
        given().redirects().follow(false).cookies(officer1.cookies).contentType(ContentType.URLENC)
                .post("/console/cases/" + caseId + "/take").then().statusCode(403);
        assertThat(status(caseId)).isEqualTo("FLAGGED");

        given().redirects().follow(false).cookies(officer1.cookies).contentType(ContentType.URLENC)
                .formParam("csrf-token", own).post("/console/cases/" + caseId + "/take").then().statusCode(303);
        assertThat(status(caseId)).isEqualTo("IN_REVIEW");
    }

    @Test
    void signingOutEndsTheSessionSoThatACopiedCookieIsRefusedAtOnce() {
        ConsoleSignIn officer1 = ConsoleSignIn.as("officer1");
        Map<String, String> copied = new HashMap<>(officer1.cookies);
        assertThat(officer1.get("/console").statusCode()).isEqualTo(200);
        String token = officer1.formToken("/console");

        given().redirects().follow(false).cookies(officer1.cookies).contentType(ContentType.URLENC)
                .formParam("csrf-token", token).post("/console/sign-out")
                .then().statusCode(303).header("Location", containsString("/console/logout"));

        given().redirects().follow(false).cookies(copied).get("/console").then().statusCode(303)
                .header("Location", containsString("/console/signed-out"));
        given().redirects().follow(false).cookies(copied).contentType(ContentType.URLENC)
                .formParam("csrf-token", token).post("/console/sign-out").then().statusCode(303)
                .header("Location", containsString("/console/signed-out"));
        assertThat(ConsoleSignIn.as("officer1").get("/console").statusCode())
                .as("signing in again starts a new session").isEqualTo(200);
    }

    @Test
    void goingStraightToTheLogoutPathEndsTheSessionToo() throws InterruptedException {
        ConsoleSignIn officer2 = ConsoleSignIn.as("officer2");
        Map<String, String> copied = new HashMap<>(officer2.cookies);
        assertThat(officer2.get("/console").statusCode()).isEqualTo(200);

        given().redirects().follow(false).cookies(officer2.cookies).get("/console/logout").then().statusCode(302);

        // The logout event is observed off the event loop: the end is recorded within moments.
        int status = 0;
        for (int i = 0; i < 50 && status != 303; i++) {
            status = given().redirects().follow(false).cookies(copied).get("/console").statusCode();
            if (status != 303) {
                Thread.sleep(100);
            }
        }
        given().redirects().follow(false).cookies(copied).get("/console").then().statusCode(303)
                .header("Location", containsString("/console/signed-out"));
    }
}
