package nl.kennisveiligheid.screening.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Locale;
import nl.kennisveiligheid.screening.support.Requests;
import nl.kennisveiligheid.screening.support.Tokens;
import org.junit.jupiter.api.Test;

/** The console's edges over plain HTTP: who gets in how, what the pages promise the browser. */
@QuarkusTest
class ConsoleHttpTest {

    @Test
    void anAnonymousVisitorIsSentToKeycloakWithTheConsoleClientAndPkce() {
        String location = given().redirects().follow(false).get("/console/cases/" + java.util.UUID.randomUUID())
                .then().statusCode(302).extract().header("Location");
        assertThat(location).startsWith(Tokens.realmUrl() + "/protocol/openid-connect/auth")
                .contains("client_id=screening-console").contains("code_challenge_method=S256")
                .contains("response_type=code");
    }

    @Test
    void consolePagesForbidScriptsFramingAndCaching() {
        given().get("/console/signed-out").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", containsString("form-action 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Cache-Control", "no-store")
                .body(containsString("<html lang=\"en\">"));
        given().header("Accept-Language", "nl-NL,nl;q=0.9,en;q=0.5").get("/console/signed-out").then().statusCode(200)
                .body(containsString("<html lang=\"nl\">")).body(containsString("U bent uitgelogd"));
    }

    @Test
    void theApiStillAnswersBearerCallersWithProblemsNotLoginPages() {
        given().redirects().follow(false).get("/api/v1/reviews").then().statusCode(401)
                .contentType("application/problem+json");
        // A JSON body needs no form token: the API is called with bearer tokens, never with cookies.
        given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body(Requests.clean())
                .post("/api/v1/screenings").then().statusCode(201);
    }

    @Test
    void anAnonymousFormPostIsSentToSignInAndNeverReachesTheWorkflow() {
        // Signed-in posts without the form token are refused too: ConsoleBrowserTest forges one.
        given().redirects().follow(false).contentType(ContentType.URLENC).formParam("reason", "forged")
                .post("/console/cases/" + java.util.UUID.randomUUID() + "/extension")
                .then().statusCode(302).header("Location", startsWith(Tokens.realmUrl()));
    }

    @Test
    void theLanguageSwitchOnlyEverReturnsInsideTheConsole() {
        assertThat(ConsoleResource.localConsolePath("/console/cases/1")).isEqualTo("/console/cases/1");
        for (String hostile : List.of("https://evil.example/console", "//evil.example/console", "/console//evil",
                "/console\\evil", "/api/v1/reviews", "/console\r\nSet-Cookie: x=1")) {
            assertThat(ConsoleResource.localConsolePath(hostile)).as(hostile).isEqualTo("/console");
        }
        assertThat(ConsoleResource.localConsolePath(null)).isEqualTo("/console");
    }

    @Test
    void theLanguageCanBeSwitchedWithoutSigningInAndIsRemembered() {
        given().redirects().follow(false).get("/console/language/nl?next=/console/signed-out").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/console/signed-out"))
                .cookie(ConsoleLocale.COOKIE, "nl");
        given().cookie(ConsoleLocale.COOKIE, "nl").header("Accept-Language", "en").get("/console/signed-out").then()
                .statusCode(200).body(containsString("<html lang=\"nl\">"));
        given().redirects().follow(false).get("/console/language/fr").then().statusCode(404);
    }

    @Test
    void theOfficersOwnChoiceOfLanguageWinsOverTheBrowsers() {
        assertThat(ConsoleLocale.choose("nl", List.of(Locale.ENGLISH))).isEqualTo("nl");
        assertThat(ConsoleLocale.choose(null, List.of(Locale.FRENCH, Locale.forLanguageTag("nl-BE")))).isEqualTo("nl");
        assertThat(ConsoleLocale.choose("xx", List.of(Locale.GERMAN))).isEqualTo("en");
    }

    @Test
    void stylesAreServedWithoutSigningIn() {
        given().get("/console/assets/console.css").then().statusCode(200).body(startsWith("/*"));
    }
}
