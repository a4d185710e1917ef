package nl.kennisveiligheid.screening.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import nl.kennisveiligheid.screening.support.ConsoleSignIn;
import nl.kennisveiligheid.screening.support.Requests;
import nl.kennisveiligheid.screening.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Hostile input on the console, signed in as an officer: every query and form parameter, the
 * language switch, path segments and forged form tokens, with the same kinds of values the API's
 * fuzzing uses. The property: never a 5xx, every answer a page or a redirect; and what an officer
 * stores (a question to the institution) comes back escaped, never as markup. `make test` runs a
 * bounded number of tries (fuzz.tries, default 250); `make fuzz` runs many more.
 */
@QuarkusTest
class ConsoleHostileInputTest {

    private static final int TRIES = Integer.getInteger("fuzz.tries", 250);
    private static final long SEED = Long.getLong("fuzz.seed", 20261129L);
    private static final List<String> HOSTILE = List.of("", " ", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
            "'; drop table screening_case; --", "${jndi:ldap://x/a}", "{inject:csrf.token}", "{#each x}{/each}", "%00", "%",
            "%zz", "../../etc/passwd", "//evil.example", "/console{", "/console\r\nSet-Cookie: x=1", "\u202eredro\u202c",
            "\ud800", "a\u0000b", "null", "true", "-1", "99999999999999999999", "2026-02-30", "APPROVED", "REFUSED",
            "NOT_A_VALUE", "x".repeat(5_000), "é".repeat(3_000));

    private static String flaggedCase() {
        return given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body(Requests.flagged())
                .post("/api/v1/screenings").then().statusCode(201).extract().path("id");
    }

    @Test
    void noParameterOrPathOrTokenGivesAServerError() {
        ConsoleSignIn officer = ConsoleSignIn.as("officer1");
        String caseId = flaggedCase();
        String token = officer.formToken("/console/cases/" + caseId);
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        String[] actions = {"take", "release", "decision", "confirmation", "extension", "information-request",
                "late-objection-admission"};
        String[] fields = {"outcome", "reasoning", "conditions", "agree", "reason", "question", "replyBy"};
        for (int i = 0; i < TRIES; i++) {
            String value = HOSTILE.get(random.nextInt(HOSTILE.size()));
            String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
            Response response;
            String what;
            switch (i % 6) {
                case 0 -> {
                    what = "GET /console?state&assignee=" + value;
                    response = raw(officer).get("/console?state=" + encoded + "&assignee=" + encoded);
                }
                case 1 -> {
                    what = "GET /console/cases/{id}?done=" + value;
                    response = raw(officer).get("/console/cases/" + caseId + "?done=" + encoded);
                }
                case 2 -> {
                    what = "GET /console/language/" + value;
                    response = raw(officer).get("/console/language/" + (random.nextBoolean() ? "nl" : encoded) + "?next="
                            + encoded);
                }
                case 3 -> {
                    what = "GET /console/cases/" + value;
                    response = raw(officer).get("/console/cases/" + encoded);
                }
                case 4 -> {
                    String action = actions[random.nextInt(actions.length)];
                    what = "POST " + action + " with forged token " + value;
                    response = form(officer).formParam("csrf-token", value).post("/console/cases/" + caseId + "/" + action);
                    if (response.statusCode() != 403) {
                        failures.add(what + " was not refused as forged: " + response.statusCode());
                    }
                }
                default -> {
                    String action = actions[random.nextInt(actions.length)];
                    RequestSpecification form = form(officer).formParam("csrf-token", token);
                    for (String field : fields) {
                        if (random.nextBoolean()) {
                            form = form.formParam(field, HOSTILE.get(random.nextInt(HOSTILE.size())));
                        }
                    }
                    what = "POST " + action + " with hostile fields";
                    response = form.post("/console/cases/" + (random.nextInt(4) == 0 ? "not-a-case" : caseId) + "/" + action);
                }
            }
            int status = response.statusCode();
            if (status >= 500) {
                failures.add(what + " gave " + status);
            } else if (status < 300 && !response.contentType().startsWith("text/html")) {
                failures.add(what + " answered " + response.contentType() + ", not a page");
            }
        }
        assertThat(failures).as("seed " + SEED).isEmpty();
    }

    @Test
    void aStoredQuestionWithMarkupComesBackEscaped() {
        ConsoleSignIn officer = ConsoleSignIn.as("officer1");
        String caseId = flaggedCase();
        String token = officer.formToken("/console/cases/" + caseId);
        form(officer).formParam("csrf-token", token).post("/console/cases/" + caseId + "/take").then().statusCode(303);
        String marker = "<img src=x onerror=alert(1)>Which lab <b>exactly</b>?";
        form(officer).formParam("csrf-token", token).formParam("question", marker)
                .formParam("replyBy", java.time.LocalDate.now().plusDays(21).toString()).post("/console/cases/" + caseId + "/information-request").then().statusCode(303);
        String page = officer.get("/console/cases/" + caseId).then().statusCode(200).extract().asString();
        assertThat(page).contains("Which lab &lt;b&gt;exactly&lt;/b&gt;?").doesNotContain("<img src=x")
                .doesNotContain("<b>exactly</b>");
    }

    @Test
    void aReasoningAsLongAsTheContractAllowsIsAcceptedFromTheConsole() {
        ConsoleSignIn officer = ConsoleSignIn.as("officer1");
        String caseId = flaggedCase();
        String token = officer.formToken("/console/cases/" + caseId);
        form(officer).formParam("csrf-token", token).post("/console/cases/" + caseId + "/take").then().statusCode(303);
        // 10,000 characters is the contract's limit; in UTF-8 this is about 20 KB, ten times Quarkus's default.
        form(officer).formParam("csrf-token", token).formParam("outcome", "APPROVED")
                .formParam("reasoning", "Geen bezwaar, zie het dossier. é".repeat(320).substring(0, 9_900))
                .post("/console/cases/" + caseId + "/decision").then().statusCode(303);
        given().auth().oauth2(Tokens.officer1()).get("/api/v1/reviews/" + caseId).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("APPROVED"));
    }

    private static RequestSpecification form(ConsoleSignIn officer) {
        return given().redirects().follow(false).cookies(officer.cookies).contentType(ContentType.URLENC);
    }

    private static RequestSpecification raw(ConsoleSignIn officer) {
        return given().redirects().follow(false).urlEncodingEnabled(false).cookies(officer.cookies);
    }
}
