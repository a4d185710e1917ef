package nl.kennisveiligheid.screening.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import nl.kennisveiligheid.screening.support.ConsoleSignIn;
import nl.kennisveiligheid.screening.support.Tokens;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The team lead's page: load per officer, unassigned cases by age, and moving a case with a reason. */
@QuarkusTest
class ConsoleTeamTest {

    static String flaggedCase() {
        return ConsoleBrowserTest.flaggedCase();
    }

    static JsonPath review(String id) {
        return given().auth().oauth2(Tokens.officer1()).get("/api/v1/reviews/" + id).then().statusCode(200).extract().jsonPath();
    }

    static long openCasesOf(Document team, String officer) {
        Element row = team.select("table.load tbody tr").stream()
                .filter(r -> r.selectFirst("th").text().equals(officer)).findFirst().orElse(null);
        return row == null ? 0 : Long.parseLong(row.select("td").get(0).text());
    }

    @Test
    void theLeadSeesEachOfficersLoadAndTheWaitingCasesByAge() {
        ConsoleSignIn lead = ConsoleSignIn.as("lead1");
        long before = openCasesOf(Jsoup.parse(lead.get("/console/team").asString()), "officer1");
        String taken = flaggedCase();
        given().auth().oauth2(Tokens.officer1()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/reviews/" + taken + "/assignment").then().statusCode(200);
        String waiting = flaggedCase();

        Document team = Jsoup.parse(lead.get("/console/team").asString());
        assertThat(openCasesOf(team, "officer1")).isEqualTo(before + 1);
        Element newest = team.select("table.ages tbody tr").first();
        assertThat(newest.selectFirst("th").text()).isEqualTo("0 to 7 days");
        assertThat(Long.parseLong(newest.selectFirst("td").text())).isPositive();
        assertThat(team.select("table.waiting a.move-link").eachAttr("href")).allMatch(h -> h.startsWith("/console/team?case="));
        assertThat(review(waiting).getString("assigneeName")).isNull();
    }

    @Test
    void theLeadMovesACaseWithAReasonAndTheHistoryRecordsIt() {
        given().auth().oauth2(Tokens.user("officer2")).get("/api/v1/reviews?size=1").then().statusCode(200);
        String id = flaggedCase();
        ConsoleSignIn lead = ConsoleSignIn.as("lead1");
        String formPage = "/console/team?case=" + id;
        Document form = Jsoup.parse(lead.get(formPage).asString());
        assertThat(form.select("#reassignment-assignee option").eachAttr("value")).contains("", "officer2");

        var refused = lead.post(formPage, "/console/team/reassignment", Map.of("case", id, "assignee", "officer2", "reason", " "));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(refused.asString()).select("#problems").text()).contains("Reason");
        assertThat(review(id).getString("assigneeName")).as("nothing moved").isNull();

        var moved = lead.post(formPage, "/console/team/reassignment",
                Map.of("case", id, "assignee", "officer2", "reason", "officer1 is on leave"));
        assertThat(moved.statusCode()).isEqualTo(303);
        assertThat(moved.header("Location")).endsWith("/console/team?done=moved");
        JsonPath after = review(id);
        assertThat(after.getString("assigneeName")).isEqualTo("officer2");
        assertThat(after.getList("history.reasoning", String.class)).anyMatch(r -> r != null && r.endsWith("officer1 is on leave"));

        // The lead reads the case, is offered the move there, and no officer's action.
        Document detail = Jsoup.parse(lead.get("/console/cases/" + id).asString());
        assertThat(detail.select("#move-case").attr("href")).isEqualTo(formPage);
        assertThat(detail.select("#take-form")).isEmpty();
    }

    @Test
    void anOfficerWithoutTheLeadRoleCannotOpenTheTeamPageNorMoveCases() {
        String id = flaggedCase();
        ConsoleSignIn officer = ConsoleSignIn.as("officer1");
        assertThat(officer.get("/console/team").statusCode()).isEqualTo(403);
        var forged = officer.post("/console", "/console/team/reassignment",
                Map.of("case", id, "assignee", "officer1", "reason", "taking it myself"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(review(id).getString("assigneeName")).isNull();
    }
}
