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
import java.util.Map;
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
    /** Vert.x's longest request line (quarkus.http.limits.max-initial-line-length, 4096). */
    private static final int MAX_REQUEST_LINE = 4_000;
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
            String[] what = new String[1];
            Response response;
            try {
                response = hostileRequest(i, officer, caseId, token, value, encoded, random, actions, fields, what, failures);
            } catch (Exception e) {
                if (isConnectionClosed(e) && encoded.length() > MAX_REQUEST_LINE) {
                    // Netty answers a request line over its limit with 414 and closes the connection,
                    // sometimes before the client has finished writing it: a refusal, not a fault.
                    continue;
                }
                throw e;
            }
            int status = response.statusCode();
            if (status >= 500) {
                failures.add(what[0] + " gave " + status);
            } else if (status < 300 && !response.contentType().startsWith("text/html")) {
                failures.add(what[0] + " answered " + response.contentType() + ", not a page");
            }
        }
        assertThat(failures).as("seed " + SEED).isEmpty();
    }

    /** One hostile request of the kind {@code i} selects; {@code what} receives its description. */
    private static Response hostileRequest(int i, ConsoleSignIn officer, String caseId, String token, String value,
            String encoded, Random random, String[] actions, String[] fields, String[] what, List<String> failures) {
        switch (i % 6) {
            case 0 -> {
                what[0] = "GET /console?state&assignee=" + value;
                return raw(officer).get("/console?state=" + encoded + "&assignee=" + encoded);
            }
            case 1 -> {
                what[0] = "GET /console/cases/{id}?done=" + value;
                return raw(officer).get("/console/cases/" + caseId + "?done=" + encoded);
            }
            case 2 -> {
                what[0] = "GET /console/language/" + value;
                return raw(officer).get("/console/language/" + (random.nextBoolean() ? "nl" : encoded) + "?next=" + encoded);
            }
            case 3 -> {
                what[0] = "GET /console/cases/" + value;
                return raw(officer).get("/console/cases/" + encoded);
            }
            case 4 -> {
                String action = actions[random.nextInt(actions.length)];
                what[0] = "POST " + action + " with forged token " + value;
                Response response = form(officer).formParam("csrf-token", value).post("/console/cases/" + caseId + "/" + action);
                if (response.statusCode() != 403) {
                    failures.add(what[0] + " was not refused as forged: " + response.statusCode());
                }
                return response;
            }
            default -> {
                String action = actions[random.nextInt(actions.length)];
                RequestSpecification form = form(officer).formParam("csrf-token", token);
                for (String field : fields) {
                    if (random.nextBoolean()) {
                        form = form.formParam(field, HOSTILE.get(random.nextInt(HOSTILE.size())));
                    }
                }
                what[0] = "POST " + action + " with hostile fields";
                return form.post("/console/cases/" + (random.nextInt(4) == 0 ? "not-a-case" : caseId) + "/" + action);
            }
        }
    }

    /**
     * The team's pages: every query value and path segment of the queue, archive, team, figures,
     * audit and policy pages, and the lead's, auditor's and administrator's forms, each under the role
     * that may use it and under one that may not.
     */
    @Test
    void noTeamPageParameterGivesAServerError() {
        Map<String, ConsoleSignIn> sessions = new java.util.LinkedHashMap<>();
        for (String user : List.of("officer1", "lead1", "auditor1", "policyadmin1")) {
            sessions.put(user, ConsoleSignIn.as(user));
        }
        String caseId = flaggedCase();
        List<String> pages = List.of("/console?view=%s&q=%s&state=%s&assignee=%s&sort=%s&page=%s",
                "/console?view=archive&q=%s&page=%s&sort=%s", "/console/team?case=%s&done=%s", "/console/figures?period=%s",
                "/console/figures/%s.csv?period=%s", "/console/audit/cases?q=%s", "/console/audit/replays/%s",
                "/console/policies/diff?from=%s&to=%s", "/console/policies/versions/%s?done=%s");
        Random random = new Random(SEED + 1);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            String user = new ArrayList<>(sessions.keySet()).get(random.nextInt(sessions.size()));
            ConsoleSignIn session = sessions.get(user);
            String[] values = new String[6];
            for (int v = 0; v < values.length; v++) {
                values[v] = URLEncoder.encode(HOSTILE.get(random.nextInt(HOSTILE.size())), StandardCharsets.UTF_8);
            }
            String what;
            Response response;
            try {
                if (i % 4 == 3) {
                    String[] forms = {"/console/team/reassignment", "/console/audit/replays",
                            "/console/policies/versions/" + values[0] + "/publication"};
                    String action = forms[random.nextInt(forms.length)];
                    what = "POST " + action;
                    response = form(session).formParam("csrf-token", session.formToken(HOME.get(user)))
                            .formParam("case", random.nextBoolean() ? caseId : HOSTILE.get(random.nextInt(HOSTILE.size())))
                            .formParam("assignee", HOSTILE.get(random.nextInt(HOSTILE.size())))
                            .formParam("reason", HOSTILE.get(random.nextInt(HOSTILE.size())))
                            .formParam("checkpoint", HOSTILE.get(random.nextInt(HOSTILE.size())))
                            .formParam("effectiveFrom", HOSTILE.get(random.nextInt(HOSTILE.size())))
                            .post(action);
                } else {
                    String page = String.format(pages.get(random.nextInt(pages.size())), (Object[]) values);
                    what = "GET " + page;
                    response = raw(session).get(page);
                }
            } catch (Exception e) {
                if (isConnectionClosed(e)) {
                    continue;
                }
                throw e;
            }
            if (response.statusCode() >= 500) {
                failures.add(what + " gave " + response.statusCode());
            }
        }
        assertThat(failures).as("seed " + (SEED + 1)).isEmpty();
    }

    /** A page each role opens, whose sign-out form carries the session's form token. */
    private static final Map<String, String> HOME = Map.of("officer1", "/console", "lead1", "/console/team",
            "auditor1", "/console/audit", "policyadmin1", "/console/policies");

    private static boolean isConnectionClosed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketException || t instanceof org.apache.http.NoHttpResponseException) {
                return true;
            }
        }
        return false;
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
