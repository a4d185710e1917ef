package nl.kennisveiligheid.screening.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import nl.kennisveiligheid.screening.support.Requests;
import nl.kennisveiligheid.screening.support.Tokens;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;

/**
 * The legal officers' console in a real browser (Debian's headless Chromium), signed in through the
 * realm's screening-console client: one officer takes a flagged case and proposes a refusal, a
 * second confirms it, and the first is never offered (nor allowed) the confirmation.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    static String refusalCase;

    static String console() {
        return "http://127.0.0.1:" + RestAssured.port + "/console";
    }

    static String flaggedCase() {
        return given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body(Requests.flagged())
                .post("/api/v1/screenings").then().statusCode(201).extract().path("id");
    }

    static JsonPath caseByApi(String id) {
        return given().auth().oauth2(Tokens.officer1()).get("/api/v1/reviews/" + id).then().statusCode(200)
                .extract().jsonPath();
    }

    /** Posts a form the page did not offer, as a forger or a stale tab would. */
    static void forcePost(Browser browser, String path, boolean withCsrfToken, String... fields) {
        browser.script("""
                const form = document.createElement('form');
                form.method = 'post';
                form.action = arguments[0];
                const add = (name, value) => { const i = document.createElement('input'); i.type = 'hidden';
                  i.name = name; i.value = value; form.appendChild(i); };
                if (arguments[1]) add('csrf-token', document.querySelector('input[name="csrf-token"]').value);
                for (let k = 0; k < arguments[2].length; k += 2) add(arguments[2][k], arguments[2][k + 1]);
                document.body.appendChild(form);
                form.submit();
                """, path, withCsrfToken, List.of(fields));
    }

    static void assertAccessible(Browser browser, String page) {
        assertThat(PageChecks.list(browser, PageChecks.UNLABELLED_CONTROLS)).as("unlabelled controls on " + page).isEmpty();
        assertThat(PageChecks.list(browser, PageChecks.LOW_CONTRAST_TEXT)).as("low-contrast text on " + page).isEmpty();
        Dimension wide = browser.driver.manage().window().getSize();
        // 200% zoom halves the CSS viewport: 1280 px becomes 640; 400% (WCAG reflow) gives 320.
        for (int width : new int[] {640, 320}) {
            browser.driver.manage().window().setSize(new Dimension(width, 1000));
            assertThat(((Number) browser.script(PageChecks.HORIZONTAL_OVERFLOW)).intValue())
                    .as("sideways scrolling on " + page + " at " + width + " px").isLessThanOrEqualTo(0);
        }
        browser.driver.manage().window().setSize(wide);
    }

    @Test
    @Order(1)
    void officer1TakesAFlaggedCaseProposesARefusalAndIsNotOfferedItsConfirmation() throws Exception {
        refusalCase = flaggedCase();
        String keyboardCase = flaggedCase();
        try (Browser browser = new Browser("en")) {
            browser.open(console());
            browser.signInAs("officer1");
            assertThat(browser.text("h1")).isEqualTo("Review queue");
            // The newest first, so that the case is on the first page however long the queue is.
            browser.open(console() + "?sort=received");
            assertThat(browser.all("a[href='/console/cases/" + refusalCase + "']")).hasSize(1);
            assertThat(browser.text("body")).contains("Signed in as officer1")
                    .contains("High-risk affiliation: Harbin Institute of Technology (very high risk)")
                    .doesNotContain("HIGH_RISK_AFFILIATION");
            browser.screenshot("01-queue-officer1");
            assertAccessible(browser, "the queue");

            browser.open(console() + "/cases/" + refusalCase);
            assertThat(browser.byId("case-status").getAttribute("data-status")).isEqualTo("FLAGGED");
            String indicator = browser.text(".indicator");
            assertThat(indicator).contains("High-risk affiliation").contains("Harbin Institute of Technology")
                    .containsPattern("\\d\\.\\d+ / \\d\\.\\d+");
            assertThat(browser.has("take")).isTrue();
            assertThat(browser.has("decision-form")).isFalse();
            assertThat(browser.has("confirmation-form")).isFalse();
            browser.screenshot("02-flagged-case");

            forcePost(browser, "/console/cases/" + refusalCase + "/take", false);
            browser.waitForUrl("/take");
            assertThat(caseByApi(refusalCase).getString("status")).as("a form without the CSRF token changes nothing")
                    .isEqualTo("FLAGGED");

            browser.open(console() + "/cases/" + refusalCase);
            browser.click("take");
            browser.waitForUrl("done=TAKE");
            assertThat(browser.byId("case-status").getAttribute("data-status")).isEqualTo("IN_REVIEW");
            assertThat(browser.byId("done").getText()).isEqualTo("You took this case.");
            assertAccessible(browser, "a taken case with the decision form");
            browser.screenshot("03-taken-case");

            forcePost(browser, "/console/cases/" + refusalCase + "/decision", true,
                    "outcome", "APPROVED_WITH_CONDITIONS", "reasoning", " ", "conditions", "");
            assertThat(browser.text("#problems")).contains("Reasoning: this field is required.");
            assertThat(browser.byId("decision-reasoning").getAttribute("aria-invalid")).isEqualTo("true");
            forcePost(browser, "/console/cases/" + refusalCase + "/decision", true,
                    "outcome", "APPROVED_WITH_CONDITIONS", "reasoning", "Fine with safeguards", "conditions", "\n");
            assertThat(browser.text("#problems")).contains("Conditions: give at least one condition");
            assertThat(browser.byId("outcome-conditions").isSelected()).as("what the officer chose is kept").isTrue();
            assertThat(caseByApi(refusalCase).getString("status")).isEqualTo("IN_REVIEW");

            browser.byId("outcome-refused").click();
            browser.byId("decision-reasoning").sendKeys("Affiliation with a listed defence university; "
                    + "the research touches its sensitive area.");
            browser.click("submit-decision");
            browser.waitForUrl("done=DECIDE");
            assertThat(browser.byId("case-status").getAttribute("data-status")).isEqualTo("REFUSAL_PROPOSED");
            assertThat(browser.has("confirmation-form")).as("the proposer is not offered the confirmation").isFalse();
            assertThat(browser.text(".proposal")).contains("listed defence university");
            browser.screenshot("04-refusal-proposed-officer1");

            browser.open(console() + "?state=REFUSAL_PROPOSED&sort=received");
            assertThat(browser.all("a[href='/console/cases/" + refusalCase + "']")).hasSize(1);
            assertThat(browser.all("table.queue tbody tr td:nth-child(2)")).isNotEmpty()
                    .allSatisfy(status -> assertThat(status.getText()).startsWith("Refusal proposed"));
            browser.open(console() + "/cases/" + refusalCase);

            forcePost(browser, "/console/cases/" + refusalCase + "/confirmation", true,
                    "agree", "yes", "reasoning", "Confirming my own proposal");
            assertThat(browser.byId("refusal").getAttribute("data-slug")).isEqualTo("own-proposal");
            assertThat(browser.text("#problems")).contains("you cannot confirm your own proposal");
            assertThat(caseByApi(refusalCase).getString("status")).isEqualTo("REFUSAL_PROPOSED");
            browser.screenshot("05-forced-confirmation-refused");

            browser.open(console() + "/cases/" + keyboardCase);
            for (int tabs = 0; tabs < 40 && !"take".equals(browser.driver.switchTo().activeElement().getAttribute("id")); tabs++) {
                browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
            }
            assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).as("reached by Tab alone")
                    .isEqualTo("take");
            browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
            browser.waitForUrl("done=TAKE");
            assertThat(caseByApi(keyboardCase).getString("assigneeName")).isEqualTo("officer1");

            browser.click("sign-out");
            browser.waitForUrl("/console/signed-out");
            assertThat(browser.text("h1")).isEqualTo("You are signed out");
            browser.screenshot("06-signed-out");
            browser.open(console());
            assertThat(browser.driver.getCurrentUrl()).as("signed out at Keycloak too").contains("/realms/screening/");
        }
    }

    @Test
    @Order(2)
    void officer2ConfirmsTheRefusalInDutchAndTheRecordNamesBothOfficers() throws Exception {
        assertThat(refusalCase).as("set by the first step").isNotNull();
        try (Browser browser = new Browser("nl")) {
            browser.open(console() + "/cases/" + refusalCase);
            browser.signInAs("officer2");
            assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("nl");
            assertThat(browser.text("#actions-title")).isEqualTo("Wat u kunt doen");
            assertThat(browser.has("confirmation-form")).isTrue();
            assertThat(browser.has("decision-form")).isFalse();
            browser.screenshot("07-refusal-to-confirm-officer2-nl");
            assertAccessible(browser, "the confirmation form");

            browser.byId("agree-yes").click();
            browser.byId("confirmation-reasoning").sendKeys("Eens: de affiliatie en het onderzoeksgebied wegen zwaar.");
            browser.click("submit-confirmation");
            browser.waitForUrl("done=CONFIRM");
            assertThat(browser.byId("case-status").getAttribute("data-status")).isEqualTo("REFUSED");
            assertThat(browser.byId("case-status").getText()).isEqualTo("Geweigerd");
            assertThat(browser.has("no-actions")).isTrue();
            browser.screenshot("08-refused-nl");

            browser.driver.findElement(By.cssSelector("a[hreflang='en']")).click();
            browser.waitForUrl("/console/cases/" + refusalCase);
            assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
            assertThat(browser.byId("case-status").getText()).isEqualTo("Refused");
            // Officers see the deciding officers by name in the decisions, as in the history; never an id.
            assertThat(browser.text("main")).contains("Decided by officer1", "confirmed by officer2");
            assertThat(browser.text("main")).doesNotContain("Decided by " + caseByApi(refusalCase).getString(
                    "decisions[0].decidedBy"));
            // The Dutch texts are UTF-8, so their quotation marks show as marks, not as escapes.
            browser.driver.findElement(By.cssSelector("a[hreflang='nl']")).click();
            browser.waitForUrl("/console/cases/" + refusalCase);
            assertThat(browser.text("main")).contains("\u201c").doesNotContain("\\u201c");
        }
        JsonPath record = caseByApi(refusalCase);
        assertThat(record.getString("status")).isEqualTo("REFUSED");
        assertThat(record.getString("decisions[0].outcome")).isEqualTo("REFUSED");
        assertThat(record.getString("decisions[0].decidedBy")).isNotEqualTo(record.getString("decisions[0].confirmedBy"));
        assertThat(record.getList("history.actorName", String.class)).contains("officer1", "officer2");
    }

    @Test
    @Order(3)
    void anObjectionIsOfferedOnlyToAnOfficerWhoTookNoPartAndIsDecidedByThem() throws Exception {
        assertThat(refusalCase).as("refused by the earlier steps").isNotNull();
        given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON)
                .body(java.util.Map.of("grounds", "The candidate left the listed university in 2019."))
                .post("/api/v1/screenings/" + refusalCase + "/objections").then().statusCode(200);
        try (Browser browser = new Browser("en")) {
            browser.open(console() + "/cases/" + refusalCase);
            browser.signInAs("officer1");
            assertThat(browser.byId("case-status").getAttribute("data-status")).isEqualTo("OBJECTED");
            assertThat(browser.text("main")).contains("The candidate left the listed university in 2019.");
            assertThat(browser.has("take")).as("officer1 proposed the refusal objected to").isFalse();
            // The objected case offers officer1 no form at all; a forger takes the CSRF token from a page that does.
            browser.open(console() + "/cases/" + flaggedCase());
            forcePost(browser, "/console/cases/" + refusalCase + "/take", true);
            assertThat(browser.byId("refusal").getAttribute("data-slug")).isEqualTo("officer-involved");
            assertThat(caseByApi(refusalCase).getString("status")).isEqualTo("OBJECTED");
        }
        try (Browser browser = new Browser("en")) {
            browser.open(console() + "/cases/" + refusalCase);
            browser.signInAs("officer3");
            browser.click("take");
            browser.waitForUrl("done=TAKE");
            browser.byId("outcome-conditions").click();
            browser.byId("decision-reasoning").sendKeys("The affiliation ended years ago; approve with safeguards.");
            browser.byId("decision-conditions").sendKeys("No access to the cleanroom's export-controlled tools\n"
                    + "Annual review of external collaborations");
            browser.click("submit-decision");
            browser.waitForUrl("done=DECIDE");
            assertThat(browser.byId("case-status").getAttribute("data-status")).isEqualTo("APPROVED_WITH_CONDITIONS");
            browser.screenshot("09-objection-decided-officer3");
        }
        JsonPath record = caseByApi(refusalCase);
        assertThat(record.getList("decisions.outcome", String.class)).containsExactly("REFUSED", "APPROVED_WITH_CONDITIONS");
        assertThat(record.getList("decisions[1].conditions", String.class)).hasSize(2);
        assertThat(record.getString("decisions[1].supersedes")).isEqualTo(record.getString("decisions[0].id"));
    }

    @Test
    @Order(5)
    void anOfficerAsksTheInstitutionAQuestionAndSeesTheAnswerAndTheDaysSuspended() throws Exception {
        String id = flaggedCase();
        given().auth().oauth2(Tokens.officer1()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/reviews/" + id + "/assignment").then().statusCode(200);
        try (Browser browser = new Browser("en")) {
            browser.open(console() + "/cases/" + id);
            browser.signInAs("officer1");
            browser.byId("information-form").findElement(By.xpath("..")).findElement(By.tagName("summary")).click();
            browser.byId("information-question").sendKeys("Please send the employment contract with its end date.");
            // A date input is typed in the browser's locale; the form carries ISO dates, so set it as the browser would.
            browser.script("document.getElementById('information-reply-by').value = arguments[0];", "2099-01-15");
            browser.click("submit-information");
            browser.waitForUrl("done=REQUEST_INFORMATION");
            assertThat(browser.byId("case-status").getAttribute("data-status")).isEqualTo("INFORMATION_REQUESTED");
            assertThat(browser.text("main")).contains("Please send the employment contract with its end date.",
                    "Waiting for the answer");
            assertThat(browser.has("information-form")).as("one open question at a time").isFalse();
            browser.screenshot("11-question-asked-officer1");
            assertAccessible(browser, "a case waiting for an answer");
        }
        given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON)
                .body(java.util.Map.of("answer", "The contract ends on 31 August 2024.")).post("/api/v1/screenings/" + id
                        + "/information").then().statusCode(200);
        try (Browser browser = new Browser("nl")) {
            browser.open(console() + "/cases/" + id);
            browser.signInAs("officer1");
            assertThat(browser.byId("case-status").getAttribute("data-status")).isEqualTo("IN_REVIEW");
            assertThat(browser.text("main")).contains("The contract ends on 31 August 2024.", "Beantwoord");
            assertThat(browser.all("table.questions tbody tr")).hasSize(1);
        }
    }

    @Test
    @Order(4)
    void aSignedInPersonWithoutAConsoleRoleGetsAPageThatSaysSo() throws Exception {
        try (Browser browser = new Browser("en")) {
            browser.open(console());
            browser.signInAs("privacy1");
            assertThat(browser.text("h1")).isEqualTo("Not for your role");
            assertThat(browser.has("take")).isFalse();
            browser.screenshot("10-forbidden-privacy-officer");
        }
    }
}
