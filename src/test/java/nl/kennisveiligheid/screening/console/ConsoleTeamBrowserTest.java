package nl.kennisveiligheid.screening.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import nl.kennisveiligheid.screening.support.Requests;
import nl.kennisveiligheid.screening.support.Tokens;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The team's pages in a real browser: an officer searches and opens the archive, a lead moves a case,
 * the figures are drawn and their CSV is their table, an auditor reads one case's events, a policy
 * administrator reads a diff. Every page passes the same accessibility checks as the officer's pages
 * (labels, contrast, reflow at 320 px) and leaves a screenshot in target/console-screenshots/.
 */
@QuarkusTest
class ConsoleTeamBrowserTest {

    static String submit(String reference) {
        return submit(reference, Requests.flagged());
    }

    static String submit(String reference, Map<String, Object> body) {
        body.put("externalReference", reference);
        return given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/screenings").then().statusCode(201).extract().path("id");
    }

    static void search(Browser browser, String field, String text, String button) {
        WebElement box = browser.byId(field);
        box.clear();
        box.sendKeys(text);
        browser.click(button);
        // The old page still has a <main> until the new one replaces it: wait for the search's own address.
        browser.waitForUrl("q=" + java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void anOfficerSearchesTheQueueAndFindsAWithdrawnCaseInTheArchive() throws Exception {
        String open = "BROWSER-SEARCH-" + UUID.randomUUID();
        submit(open);
        String withdrawn = "BROWSER-ARCHIVE-" + UUID.randomUUID();
        String id = submit(withdrawn);
        given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/screenings/" + id + "/withdrawal").then().statusCode(200);
        try (Browser browser = new Browser("en")) {
            browser.open(ConsoleBrowserTest.console());
            browser.signInAs("officer1");
            search(browser, "filter-q", open, "filter-apply");
            assertThat(browser.all("table.queue a.case-link")).extracting(WebElement::getText).containsExactly(open);
            assertThat(browser.text("table.queue td.risk")).contains("Harbin Institute of Technology (very high risk)");
            ConsoleBrowserTest.assertAccessible(browser, "the search");
            browser.screenshot("11-search-officer1");

            browser.driver.findElement(By.linkText("Archive")).click();
            browser.waitForUrl("view=archive");
            search(browser, "filter-q", withdrawn, "filter-apply");
            assertThat(browser.all("table.queue a.case-link")).extracting(WebElement::getText).containsExactly(withdrawn);
            assertThat(browser.text("table.queue tbody td:nth-child(2)")).startsWith("Withdrawn");
            ConsoleBrowserTest.assertAccessible(browser, "the archive");
            browser.screenshot("12-archive-officer1");
        }
    }

    @Test
    void aLeadMovesACaseToAnotherOfficerWithAReason() throws Exception {
        given().auth().oauth2(Tokens.user("officer3")).get("/api/v1/reviews?size=1").then().statusCode(200);
        String reference = "BROWSER-MOVE-" + UUID.randomUUID();
        String id = submit(reference);
        try (Browser browser = new Browser("nl")) {
            browser.open(ConsoleBrowserTest.console() + "/team");
            browser.signInAs("lead1");
            assertThat(browser.text("h1")).isEqualTo("Team");
            ConsoleBrowserTest.assertAccessible(browser, "the team page");
            browser.screenshot("13-team-lead1");
            browser.open(ConsoleBrowserTest.console() + "/team?case=" + id);
            new Select(browser.byId("reassignment-assignee")).selectByValue("officer3");
            browser.byId("reassignment-reason").sendKeys("officer1 is met verlof");
            ConsoleBrowserTest.assertAccessible(browser, "the move form");
            browser.click("submit-reassignment");
            browser.waitForUrl("done=moved");
            assertThat(browser.byId("done").getText()).contains("verplaatst");
            assertThat(ConsoleBrowserTest.caseByApi(id).getString("assigneeName")).isEqualTo("officer3");
            browser.screenshot("14-case-moved-lead1");
        }
    }

    @Test
    void theFiguresAreDrawnAndEachCsvIsTheTableUnderItsChart() throws Exception {
        submit("BROWSER-FIGURES-" + UUID.randomUUID());
        try (Browser browser = new Browser("en")) {
            browser.open(ConsoleBrowserTest.console() + "/figures");
            browser.signInAs("officer2");
            assertThat(browser.all("svg.chart-svg")).hasSize(8);
            for (WebElement svg : browser.all("svg.chart-svg")) {
                assertThat(svg.getSize().getWidth()).as("a drawn chart").isGreaterThan(100);
                assertThat(svg.findElements(By.cssSelector("text"))).as("axis labels").isNotEmpty();
            }
            Map<String, String> cookies = browser.driver.manage().getCookies().stream()
                    .collect(Collectors.toMap(Cookie::getName, Cookie::getValue));
            for (WebElement section : browser.all("section.chart")) {
                List<String> table = section.findElements(By.cssSelector("table tr")).stream()
                        .map(tr -> tr.findElements(By.cssSelector("th, td")).stream()
                                .map(c -> c.getAttribute("textContent").strip()).map(t -> t.equals("\u2013") ? "" : t)
                                .collect(Collectors.joining(",")))
                        .toList();
                String href = section.findElement(By.cssSelector("a.csv-link")).getAttribute("href");
                List<String> csv = given().cookies(cookies).get(href).then().statusCode(200).extract().asString().lines()
                        .toList();
                assertThat(csv).as(section.getAttribute("id")).isEqualTo(table);
            }
            ConsoleBrowserTest.assertAccessible(browser, "the figures");
            browser.screenshot("15-figures-officer2");
        }
    }

    @Test
    void anAuditorLooksUpOneCaseAndReadsItsEventsOnTheLog() throws Exception {
        String reference = "BROWSER-AUDIT-" + UUID.randomUUID();
        // Cleared at once: its automated decision is on the log.
        String id = submit(reference, Requests.clean());
        try (Browser browser = new Browser("en")) {
            browser.open(ConsoleBrowserTest.console());
            browser.signInAs("auditor1");
            browser.waitForUrl("/console/audit");
            ConsoleBrowserTest.assertAccessible(browser, "the audit page");
            browser.screenshot("16-audit-auditor1");
            long deadline = System.nanoTime() + 60_000_000_000L;
            do {
                search(browser, "lookup-q", reference, "lookup");
            } while (browser.all("table.log-events tbody tr").isEmpty() && System.nanoTime() < deadline);
            assertThat(browser.text("#log-case")).isEqualTo(id);
            assertThat(browser.all("table.log-events tbody tr:not(.proof-row)")).isNotEmpty();
            ConsoleBrowserTest.assertAccessible(browser, "a case's log events");
            browser.screenshot("17-case-events-auditor1");

            browser.open(ConsoleBrowserTest.console() + "/audit");
            browser.click("start-replay");
            browser.waitForUrl("/console/audit/replays/");
            assertThat(browser.byId("replay-status").getAttribute("data-status")).isIn("RUNNING", "COMPLETED");
            // Watched to its end, so that no other test's replay by auditor1 finds this one still running.
            String report = browser.driver.getCurrentUrl();
            long replayDeadline = System.nanoTime() + 120_000_000_000L;
            while ("RUNNING".equals(browser.byId("replay-status").getAttribute("data-status"))
                    && System.nanoTime() < replayDeadline) {
                Thread.sleep(500);
                browser.open(report);
            }
            assertThat(browser.byId("replay-status").getAttribute("data-status")).isEqualTo("COMPLETED");
            ConsoleBrowserTest.assertAccessible(browser, "a replay's report");
            browser.screenshot("19-replay-auditor1");
        }
    }

    @Test
    void aPolicyAdministratorReadsWhatAVersionChangesInDutch() throws Exception {
        String from = given().auth().oauth2(Tokens.user("policyadmin1")).get("/api/v1/policies/current").then()
                .statusCode(200).extract().path("version");
        String version = "browser-" + System.nanoTime();
        String entity = "browser-poly-" + System.nanoTime();
        given().auth().oauth2(Tokens.user("policyadmin1")).contentType("application/yaml")
                .body(ConsolePolicyTest.nextDraft(version, entity).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/policies").then().statusCode(201);
        try (Browser browser = new Browser("nl")) {
            browser.open(ConsoleBrowserTest.console() + "/policies");
            browser.signInAs("policyadmin1");
            assertThat(browser.text("h1")).isEqualTo("Beleid");
            ConsoleBrowserTest.assertAccessible(browser, "the policies");
            new Select(browser.byId("diff-from")).selectByValue(from);
            new Select(browser.byId("diff-to")).selectByValue(version);
            browser.click("show-diff");
            browser.waitForUrl("/console/policies/diff");
            assertThat(browser.text("#diff-highRiskEntities")).contains("Vermelde entiteiten").contains("Toegevoegd")
                    .contains("highRiskEntities[" + entity + "]");
            ConsoleBrowserTest.assertAccessible(browser, "a policy diff");
            browser.screenshot("18-policy-diff-policyadmin1");
            browser.open(ConsoleBrowserTest.console() + "/policies/versions/" + version);
            assertThat(browser.byId("version-status").getAttribute("data-status")).isEqualTo("DRAFT");
            assertThat(browser.has("propose")).isTrue();
            ConsoleBrowserTest.assertAccessible(browser, "a draft version's page");
            browser.screenshot("20-policy-version-policyadmin1");
        }
        given().auth().oauth2(Tokens.user("policyadmin1")).delete("/api/v1/policies/" + version).then().statusCode(204);
    }
}
