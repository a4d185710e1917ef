package nl.kennisveiligheid.screening.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.kennisveiligheid.screening.support.ConsoleSignIn;
import nl.kennisveiligheid.screening.support.Policies;
import nl.kennisveiligheid.screening.support.Requests;
import nl.kennisveiligheid.screening.support.Tokens;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The queue and the archive for a team: paging, order, one search box, risk in words. */
@QuarkusTest
class ConsoleCaseListTest {

    static String submit(Map<String, Object> body) {
        return given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/screenings").then().statusCode(201).extract().path("id");
    }

    static Map<String, Object> flaggedAs(String reference, String fullName) {
        Map<String, Object> body = Requests.flagged();
        body.put("externalReference", reference);
        Requests.candidate(body).put("fullName", fullName);
        return body;
    }

    static Document page(ConsoleSignIn session, String path) {
        var response = session.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return Jsoup.parse(response.asString());
    }

    static List<String> references(Document page) {
        return page.select("table.queue a.case-link").eachText();
    }

    @Test
    void theQueueIsPagedAndEveryPageLinksToItsNeighbours() {
        for (int i = 0; i < 26; i++) {
            submit(flaggedAs("PAGED-" + UUID.randomUUID(), "Paged Candidate"));
        }
        ConsoleSignIn officer = ConsoleSignIn.as("officer1");
        Document first = page(officer, "/console");
        assertThat(references(first)).hasSize(CaseListQuery.PAGE_SIZE);
        assertThat(first.select("nav.paging a[rel=prev]")).isEmpty();
        String next = first.select("nav.paging a[rel=next]").attr("href");
        assertThat(next).isEqualTo("/console?sort=deadline&page=2");
        Document second = page(officer, next);
        assertThat(references(second)).isNotEmpty().doesNotContainAnyElementsOf(references(first));
        assertThat(second.select("nav.paging a[rel=prev]").attr("href")).isEqualTo("/console?sort=deadline");
        assertThat(second.select("nav.paging span").text()).startsWith("Page 2 of ");
    }

    @Test
    void oneSearchBoxFindsAReferenceAnEntryByNameAndTheCandidateForOfficersOnly() {
        String reference = "SEARCH-" + UUID.randomUUID();
        String surname = "Zzyzx" + Long.toString(System.nanoTime(), 36);
        submit(flaggedAs(reference, surname + " Wei"));
        ConsoleSignIn officer = ConsoleSignIn.as("officer1");

        assertThat(references(page(officer, "/console?q=" + reference))).containsExactly(reference);
        assertThat(references(page(officer, "/console?q=" + surname.toLowerCase()))).containsExactly(reference);
        assertThat(references(page(officer, "/console?q=harbin institute&sort=received"))).contains(reference);
        // A team lead without the officer role reads cases but never searches by a candidate's name.
        ConsoleSignIn lead = ConsoleSignIn.as("lead1");
        assertThat(references(page(lead, "/console?q=" + reference))).containsExactly(reference);
        assertThat(references(page(lead, "/console?q=" + surname))).isEmpty();
    }

    @Test
    void anEntryTakenOffTheListStillFindsTheCasesItMatchedByItsName() {
        String name = Policies.uniqueOrganisation();
        String id = "delisted-" + Long.toString(System.nanoTime(), 36);
        Policies.publishChanged(document -> Policies.entities(document).add(Policies.entity(id, name, List.of())));
        String reference = "DELISTED-" + UUID.randomUUID();
        Map<String, Object> body = flaggedAs(reference, "Delisted Match");
        Requests.affiliation(body).put("name", name);
        submit(body);
        Policies.publishChanged(document -> Policies.entities(document).removeIf(e -> id.equals(e.get("id"))));

        ConsoleSignIn officer = ConsoleSignIn.as("officer1");
        String firstWord = name.substring(0, name.indexOf(' ')).toLowerCase(java.util.Locale.ROOT);
        assertThat(references(page(officer, "/console?q=" + firstWord))).as("by the start of a name no longer listed")
                .containsExactly(reference);
        assertThat(references(page(officer, "/console?q=" + id))).as("and by its id").containsExactly(reference);
    }

    @Test
    void theRiskSummaryNamesTheEntryAndItsRiskLevelInWordsInBothLanguages() {
        String reference = "WORDS-" + UUID.randomUUID();
        submit(flaggedAs(reference, "Risk Words"));
        ConsoleSignIn officer = ConsoleSignIn.as("officer1");
        String risk = page(officer, "/console?q=" + reference).select("table.queue td.risk").text();
        assertThat(risk).contains("High-risk affiliation: Harbin Institute of Technology (very high risk)")
                .doesNotContain("HIGH_RISK_AFFILIATION");
        var dutch = given().redirects().follow(false).cookies(officer.cookies).cookie(ConsoleLocale.COOKIE, "nl")
                .get("/console?q=" + reference);
        assertThat(Jsoup.parse(dutch.asString()).select("table.queue td.risk").text())
                .contains("Harbin Institute of Technology (zeer hoog risico)");
    }

    @Test
    void theArchiveListsWithdrawnCasesThatTheQueueNoLongerShows() {
        String reference = "ARCHIVE-" + UUID.randomUUID();
        String id = submit(flaggedAs(reference, "Archived Candidate"));
        given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/screenings/" + id + "/withdrawal").then().statusCode(200);
        ConsoleSignIn officer = ConsoleSignIn.as("officer1");
        assertThat(references(page(officer, "/console?q=" + reference))).isEmpty();
        Document archive = page(officer, "/console?view=archive&q=" + reference);
        assertThat(references(archive)).containsExactly(reference);
        assertThat(archive.select("table.queue td").eachText()).anyMatch(cell -> cell.startsWith("Withdrawn"));
        assertThat(references(page(officer, "/console?view=archive&state=WITHDRAWN&q=" + reference)))
                .containsExactly(reference);
        assertThat(references(page(officer, "/console?view=archive&state=REFUSED&q=" + reference))).isEmpty();
    }

    @Test
    void valuesTheConsoleDoesNotKnowFallBackToItsDefaults() {
        ConsoleSignIn officer = ConsoleSignIn.as("officer1");
        Document page = page(officer, "/console?page=-4&sort=%3Cscript%3E&state=NOPE&view=elsewhere");
        assertThat(page.select("nav.paging span").text()).startsWith("Page 1 of ");
        assertThat(page.select("#filter-sort option[selected]").attr("value")).isEqualTo("deadline");
    }
}
