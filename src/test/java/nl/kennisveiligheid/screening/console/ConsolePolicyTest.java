package nl.kennisveiligheid.screening.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import nl.kennisveiligheid.screening.support.ConsoleSignIn;
import nl.kennisveiligheid.screening.support.Tokens;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The policy pages: versions, a readable diff, a draft uploaded from a file, two-person publication, cancellation. */
@QuarkusTest
class ConsolePolicyTest {

    static String currentYaml() {
        return given().auth().oauth2(Tokens.user("policyadmin1")).get("/api/v1/policies/current").then().statusCode(200)
                .extract().path("version") instanceof String version
                ? given().auth().oauth2(Tokens.user("policyadmin1")).accept("application/yaml")
                        .get("/api/v1/policies/" + version).then().statusCode(200).extract().asString()
                : null;
    }

    static String currentVersion() {
        return given().auth().oauth2(Tokens.user("policyadmin1")).get("/api/v1/policies/current").then().statusCode(200)
                .extract().path("version");
    }

    static Response upload(ConsoleSignIn admin, String yaml, String replaces) {
        var request = given().redirects().follow(false).cookies(admin.cookies)
                .multiPart("csrf-token", admin.formToken("/console/policies"))
                .multiPart("document", "policy.yaml", yaml.getBytes(StandardCharsets.UTF_8), "application/yaml");
        if (replaces != null) {
            request = request.multiPart("replaces", replaces);
        }
        return request.post("/console/policies/drafts");
    }

    static Document page(ConsoleSignIn session, String path) {
        var response = session.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return Jsoup.parse(response.asString());
    }

    /** The current version's YAML (as Jackson writes it) as the next version, with one entity more. */
    static String nextDraft(String version, String entityId) {
        return nextDraft(version, entityId, "  riskLevel: \"HIGH\"\n");
    }

    static String nextDraft(String version, String entityId, String riskLines) {
        String yaml = currentYaml();
        assertThat(yaml).contains("\nhighRiskEntities:\n- id: ");
        return yaml.replaceFirst("(?m)^version: .*$", "version: \"" + version + "\"")
                .replace("\nhighRiskEntities:\n", "\nhighRiskEntities:\n- id: \"" + entityId
                        + "\"\n  name: \"Console Test Polytechnic\"\n  aliases: []\n  country: \"CN\"\n"
                        + "  category: \"DEFENCE_LINKED_UNIVERSITY\"\n" + riskLines + "  source: \"test\"\n");
    }

    @Test
    void anAdministratorUploadsADraftReadsItsDiffAndTwoAdministratorsScheduleAndCancelIt() {
        String version = "console-" + System.nanoTime();
        String entity = "console-poly-" + System.nanoTime();
        String from = currentVersion();
        ConsoleSignIn admin1 = ConsoleSignIn.as("policyadmin1");

        Response stored = upload(admin1, nextDraft(version, entity), null);
        assertThat(stored.statusCode()).isEqualTo(303);
        String versionPage = "/console/policies/versions/" + version;
        assertThat(stored.header("Location")).endsWith(versionPage + "?done=uploaded");
        Document draft = page(admin1, versionPage);
        assertThat(draft.select("#version-status").attr("data-status")).isEqualTo("DRAFT");

        Document diff = page(admin1, "/console/policies/diff?from=" + from + "&to=" + version);
        assertThat(diff.select("#diff-highRiskEntities tr.change-added").text())
                .contains("Added").contains("highRiskEntities[" + entity + "]").contains("Console Test Polytechnic");
        assertThat(diff.select("#diff-highRiskEntities h2").text()).contains("Listed entities").contains("Added: 1");
        assertThat(page(admin1, versionPage).select("#diff-previous").attr("href")).contains("to=" + version);

        String tomorrow = LocalDate.now().plusDays(30).toString();
        Response proposed = admin1.post(versionPage, versionPage + "/publication", Map.of("effectiveFrom", tomorrow));
        assertThat(proposed.statusCode()).isEqualTo(303);
        assertThat(page(admin1, versionPage).select("#awaiting-second")).hasSize(1);
        assertThat(page(admin1, versionPage).select("#confirm-publication")).as("never to the proposer").isEmpty();

        ConsoleSignIn admin2 = ConsoleSignIn.as("policyadmin2");
        assertThat(admin2.post(versionPage, versionPage + "/confirmation", Map.of()).statusCode()).isEqualTo(303);
        assertThat(page(admin2, versionPage).select("#version-status").attr("data-status")).isEqualTo("SCHEDULED");
        assertThat(admin2.post(versionPage, versionPage + "/cancellation", Map.of()).statusCode()).isEqualTo(303);
        assertThat(page(admin2, versionPage).select("#version-status").attr("data-status")).isEqualTo("CANCELLED");
        assertThat(page(admin2, "/console/policies").select("td[data-status=CANCELLED]")).isNotEmpty();
    }

    @Test
    void anUploadThatIsNotAPolicyNamesThePathOfEachProblemAndStoresNothing() {
        String version = "console-bad-" + System.nanoTime();
        ConsoleSignIn admin = ConsoleSignIn.as("policyadmin1");
        Response unknown = upload(admin, nextDraft(version, "x-" + System.nanoTime(),
                "  riskLevel: \"HIGH\"\n  riskLevle: \"HIGH\"\n"), null);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(unknown.asString()).select("li.document-problem").text())
                .contains("highRiskEntities[0].riskLevle").contains("unknown field");

        Response invalid = upload(admin, nextDraft(version, "x-" + System.nanoTime(), "  riskLevel: \"EXTREME\"\n"), null);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(invalid.asString()).select("li.document-problem").text()).contains("highRiskEntities");
        assertThat(admin.get("/console/policies/versions/" + version).statusCode()).isEqualTo(404);

        String existing = currentVersion();
        Response published = upload(admin, nextDraft(existing, "x-" + System.nanoTime()), null);
        assertThat(published.statusCode()).isEqualTo(409);
        assertThat(Jsoup.parse(published.asString()).select("#upload-refusal").attr("data-slug")).isEqualTo("policy-published");
    }

    @Test
    void aDutchAdministratorReadsEachProblemOfAnUploadInDutch() {
        String version = "console-nl-" + System.nanoTime();
        ConsoleSignIn admin = ConsoleSignIn.as("policyadmin1");
        String tooManyWeeks = nextDraft(version, "x-" + System.nanoTime(), "  riskLevel: \"EXTREME\"\n")
                .replaceFirst("(?m)^  decisionWeeks: [0-9]+$", "  decisionWeeks: 53");

        Response dutch = uploadIn("nl", admin, tooManyWeeks);
        assertThat(dutch.statusCode()).isEqualTo(400);
        String problems = Jsoup.parse(dutch.asString()).select("li.document-problem").text();
        assertThat(problems).contains("highRiskEntities[0].riskLevel: moet een van [HIGH, LOW, MEDIUM, VERY_HIGH] zijn")
                .contains("deadlines.decisionWeeks: moet tussen 1 en 52 liggen").doesNotContain("must be");
        Response english = uploadIn("en", admin, tooManyWeeks);
        assertThat(Jsoup.parse(english.asString()).select("li.document-problem").text())
                .contains("highRiskEntities[0].riskLevel: must be one of [HIGH, LOW, MEDIUM, VERY_HIGH]");

        Response unreadable = uploadIn("nl", admin, "version: \"unterminated\n");
        assertThat(Jsoup.parse(unreadable.asString()).select("li.document-problem").text())
                .contains("het document: geen YAML of JSON (regel").doesNotContain("not YAML");
        Response unknown = uploadIn("nl", admin, nextDraft(version, "x-" + System.nanoTime(), "  riskLevle: \"HIGH\"\n"));
        assertThat(Jsoup.parse(unknown.asString()).select("li.document-problem").text())
                .contains("highRiskEntities[0].riskLevle: onbekend veld");
    }

    private static Response uploadIn(String language, ConsoleSignIn admin, String yaml) {
        return given().redirects().follow(false).cookies(admin.cookies).cookie(ConsoleLocale.COOKIE, language)
                .multiPart("csrf-token", admin.formToken("/console/policies"))
                .multiPart("document", "policy.yaml", yaml.getBytes(StandardCharsets.UTF_8), "application/yaml")
                .post("/console/policies/drafts");
    }

    @Test
    void officersReadThePoliciesButNeverChangeThem() {
        ConsoleSignIn officer = ConsoleSignIn.as("officer1");
        Document list = page(officer, "/console/policies");
        assertThat(list.select("table.versions a.version-link")).isNotEmpty();
        assertThat(list.select("#upload-form")).isEmpty();
        Response forged = given().redirects().follow(false).cookies(officer.cookies)
                .multiPart("csrf-token", officer.formToken("/console/policies"))
                .multiPart("document", "policy.yaml", "version: x".getBytes(StandardCharsets.UTF_8), "application/yaml")
                .post("/console/policies/drafts");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(ConsoleSignIn.as("auditor1").get("/console/policies").statusCode()).isEqualTo(403);
    }
}
