package nl.kennisveiligheid.screening.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import nl.kennisveiligheid.screening.support.ConsoleSignIn;
import nl.kennisveiligheid.screening.support.Requests;
import nl.kennisveiligheid.screening.support.Tokens;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The auditor's pages: a case's events with their proofs, replays started and watched, checkpoint and keys. */
@QuarkusTest
class ConsoleAuditTest {

    static Document until(ConsoleSignIn session, String path, Predicate<Document> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            var response = session.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            Document page = Jsoup.parse(response.asString());
            if (done.test(page) || System.nanoTime() > deadline) {
                return page;
            }
            Thread.sleep(300);
        }
    }

    @Test
    void anAuditorFindsACaseByReferenceWithItsEventsHashesAndInclusionProof() throws Exception {
        Map<String, Object> request = Requests.clean();
        String reference = "AUDIT-" + java.util.UUID.randomUUID();
        request.put("externalReference", reference);
        String id = given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body(request)
                .post("/api/v1/screenings").then().statusCode(201).extract().path("id");
        ConsoleSignIn auditor = ConsoleSignIn.as("auditor1");

        Document page = until(auditor, "/console/audit/cases?q=" + reference,
                p -> !p.select("table.log-events details pre").isEmpty()
                        && p.select("table.log-events tr.proof-row").stream().allMatch(r -> r.select("pre").size() == 2));
        assertThat(page.select("#log-case").text()).isEqualTo(id);
        var events = given().auth().oauth2(Tokens.user("auditor1")).get("/api/v1/audit/cases/" + id + "/events")
                .then().statusCode(200).extract().jsonPath();
        assertThat(page.select("table.log-events tbody tr:not(.proof-row) td:nth-child(1)").eachText())
                .isEqualTo(events.getList("events.sequence", Long.class).stream().map(String::valueOf).toList());
        assertThat(page.select("table.log-events tbody tr:not(.proof-row) td:nth-child(4)").eachText())
                .isEqualTo(events.getList("events.hash", String.class));
        String proof = page.select("table.log-events tr.proof-row pre").first().text();
        assertThat(proof).startsWith("c2sp.org/tlog-proof@v1").contains("index " + (events.getLong("events[0].sequence") - 1));

        assertThat(until(auditor, "/console/audit/cases?q=" + id, p -> true).select("#log-case").text()).isEqualTo(id);
        assertThat(until(auditor, "/console/audit/cases?q=NO-SUCH-REFERENCE", p -> true).select("#nothing-found")).hasSize(1);
    }

    @Test
    void anAuditorStartsAReplayWatchesItAndFindsItAmongThePastReplays() throws Exception {
        ConsoleSignIn auditor = ConsoleSignIn.as("auditor1");
        Document overview = until(auditor, "/console/audit", p -> !p.select("#checkpoint").isEmpty());
        assertThat(overview.select("#checkpoint").text()).contains("screening.kennisveiligheid.nl");
        assertThat(overview.select("table.keys tbody tr")).isNotEmpty();

        var started = auditor.post("/console/audit", "/console/audit/replays", Map.of("checkpoint", ""));
        assertThat(started.statusCode()).isEqualTo(303);
        String report = started.header("Location").replaceFirst("^https?://[^/]+", "");
        assertThat(report).startsWith("/console/audit/replays/");
        Document running = until(auditor, report, p -> true);
        if ("RUNNING".equals(running.select("#replay-status").attr("data-status"))) {
            assertThat(running.select("meta[http-equiv=refresh]")).as("a running replay's page refreshes itself").hasSize(1);
        }
        Document done = until(auditor, report, p -> !"RUNNING".equals(p.select("#replay-status").attr("data-status")));
        assertThat(done.select("#replay-status").attr("data-status")).isEqualTo("COMPLETED");
        assertThat(done.select("meta[http-equiv=refresh]")).isEmpty();
        assertThat(done.select("#verdict-chain").text()).startsWith("Yes");
        assertThat(done.select("#verdict-signatures").text()).isEqualTo("Yes");
        assertThat(until(auditor, "/console/audit", p -> true).select("table.replays a").eachAttr("href")).contains(report);
    }

    @Test
    void theAuditPagesAreInDutchForADutchReader() throws Exception {
        ConsoleSignIn auditor = ConsoleSignIn.as("auditor1");
        var overview = given().redirects().follow(false).cookies(auditor.cookies).cookie(ConsoleLocale.COOKIE, "nl")
                .get("/console/audit");
        Document page = Jsoup.parse(overview.asString());
        assertThat(page.select("#replay-title").text()).isEqualTo("Het logboek afspelen en verifiëren");
        assertThat(page.select("label[for=lookup-q]").text()).isEqualTo("Zaak-id of kenmerk van de instelling");
        var lookup = given().redirects().follow(false).cookies(auditor.cookies).cookie(ConsoleLocale.COOKIE, "nl")
                .get("/console/audit/cases?q=NO-SUCH-REFERENCE");
        assertThat(Jsoup.parse(lookup.asString()).select("#nothing-found").text()).isEqualTo("Geen zaak heeft dit id of kenmerk.");
    }

    @Test
    void onlyAuditorsSeeTheAuditPages() {
        ConsoleSignIn officer = ConsoleSignIn.as("officer1");
        assertThat(officer.get("/console/audit").statusCode()).isEqualTo(403);
        assertThat(officer.get("/console/audit/cases?q=x").statusCode()).isEqualTo(403);
        assertThat(officer.post("/console", "/console/audit/replays", Map.of("checkpoint", "")).statusCode()).isEqualTo(403);
    }
}
