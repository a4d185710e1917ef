package nl.kennisveiligheid.screening.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import nl.kennisveiligheid.screening.support.Tokens;
import nl.kennisveiligheid.screening.support.ConsoleSignIn;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The figures page: the numbers follow what happens, and the chart, its table and its CSV agree. */
@io.quarkus.test.junit.QuarkusTest
class ConsoleFiguresTest {

    static Document figures(ConsoleSignIn session, String period) {
        var response = session.get("/console/figures?period=" + period);
        assertThat(response.statusCode()).isEqualTo(200);
        return Jsoup.parse(response.asString());
    }

    /** The current period's row of a figure's table: the last one. */
    static List<String> currentRow(Document page, String figure) {
        Element row = page.select("#figure-" + figure + " table tbody tr").last();
        assertThat(row).as(figure).isNotNull();
        return row.select("td").eachText();
    }

    static void officerAction(String id, String action, Map<String, Object> body) {
        io.restassured.RestAssured.given().auth().oauth2(Tokens.officer1()).contentType(io.restassured.http.ContentType.JSON)
                .body(body).post("/api/v1/reviews/" + id + "/" + action).then().statusCode(200);
    }

    static double number(String cell) {
        return cell.equals("\u2013") ? Double.NaN : Double.parseDouble(cell.replace(',', '.'));
    }

    @Test
    void receivedOutcomesAndTimeToDecisionCountWhatHappenedThisPeriod() {
        ConsoleSignIn officer = ConsoleSignIn.as("officer1");
        Document before = figures(officer, "month");
        double received = number(currentRow(before, "received").get(0));
        double approved = number(currentRow(before, "outcomes").get(2));

        String id = ConsoleBrowserTest.flaggedCase();
        officerAction(id, "assignment", Map.of());
        officerAction(id, "decision", Map.of("outcome", "APPROVED", "reasoning", "Not the listed entity"));

        Document after = figures(officer, "month");
        assertThat(number(currentRow(after, "received").get(0))).isEqualTo(received + 1);
        assertThat(number(currentRow(after, "outcomes").get(2))).isEqualTo(approved + 1);
        assertThat(number(currentRow(after, "timeToDecision").get(0))).isNotNaN().isGreaterThanOrEqualTo(0);
        assertThat(number(currentRow(after, "flagRate").get(0))).as("a flagged case was received this month")
                .isGreaterThan(0).isLessThanOrEqualTo(100);
        assertThat(after.select("#figure-outcomes thead th").eachText())
                .containsExactly("Period", "Not required", "Cleared", "Approved", "Approved with conditions", "Refused");
        assertThat(after.select("#figure-received table tbody tr")).hasSize(12);
        assertThat(after.select("#figure-flagRateByArea table tbody th").eachText()).contains("SEMICONDUCTORS");
        assertThat(after.select("#figure-flagRateByInstitution table tbody th").eachText()).contains("demo-university");
    }

    @Test
    void everyChartIsAnSvgImageNamedByItsHeadingWithItsTableAndItsCsvAgreeing() {
        ConsoleSignIn auditor = ConsoleSignIn.as("auditor1");
        ConsoleBrowserTest.flaggedCase();
        Document page = figures(auditor, "week");
        assertThat(page.select("section.chart")).hasSize(8);
        for (Element section : page.select("section.chart")) {
            String key = section.id().substring("figure-".length());
            Element svg = section.selectFirst("svg.chart-svg");
            assertThat(svg).as(key).isNotNull();
            assertThat(svg.attr("role")).isEqualTo("img");
            assertThat(svg.attr("aria-labelledby")).startsWith("figure-" + key + "-title");
            assertThat(svg.select("text")).as("axis labels of " + key).isNotEmpty();

            List<List<String>> table = section.select("table tr").stream()
                    .map(tr -> tr.select("th, td").eachText()).toList();
            var csv = auditor.get(section.selectFirst("a.csv-link").attr("href"));
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.contentType()).startsWith("text/csv");
            List<List<String>> lines = csv.asString().lines().map(l -> List.of(l.split(",", -1))).toList();
            assertThat(lines).as(key + ": the CSV is the table").hasSameSizeAs(table);
            for (int i = 0; i < table.size(); i++) {
                List<String> cells = table.get(i).stream().map(c -> c.equals("\u2013") ? "" : c).toList();
                assertThat(lines.get(i)).as(key + " line " + i).isEqualTo(cells);
            }
        }
    }

    @Test
    void theFiguresAreInDutchForADutchReaderAndNotForPolicyAdministrators() {
        ConsoleSignIn lead = ConsoleSignIn.as("lead1");
        var dutch = io.restassured.RestAssured.given().redirects().follow(false).cookies(lead.cookies)
                .cookie(ConsoleLocale.COOKIE, "nl").get("/console/figures");
        Document page = Jsoup.parse(dutch.asString());
        assertThat(page.select("h1").text()).isEqualTo("Cijfers");
        assertThat(page.select("#figure-outcomes thead th").eachText()).contains("Toegestaan onder voorwaarden");
        assertThat(ConsoleSignIn.as("policyadmin1").get("/console/figures").statusCode()).isEqualTo(403);
    }
}
