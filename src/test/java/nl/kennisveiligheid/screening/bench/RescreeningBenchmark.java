package nl.kennisveiligheid.screening.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Issue 19's speed goal: re-screen 100,000 stored cases against a new version that adds 100
 * entities, with intake served at the same time, and intake's p99 during the run beside its p99
 * without it at the same rate. The cases are stored straight into the database from one case that
 * intake stored (its request with the affiliation varied over names that the version in effect does
 * not flag, checked with the pre-check first), so the stored assessments are what triage gave; one in
 * a hundred names one of the new entities.
 */
final class RescreeningBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Organisations that are not on the default list, as CVs write them. */
    private static final String[] ORGANISATIONS = {"Delft University of Technology", "University of Amsterdam",
        "Utrecht University", "Leiden University", "University of Groningen", "Eindhoven University of Technology",
        "KU Leuven", "ETH Zurich", "University of Toronto", "National University of Singapore", "University of Tokyo",
        "Seoul National University", "University of Melbourne", "University of Sao Paulo", "University of Cape Town",
        "McGill University", "Imperial College London", "Technical University of Munich", "University of Oslo",
        "Aalto University", "Sorbonne University", "University of Edinburgh", "Wageningen University",
        "University of Twente", "Radboud University", "Maastricht University", "Ghent University",
        "University of Copenhagen", "Lund University", "University of Helsinki"};

    record Result(long seeded, long counted, long reassessed, long alerts, double seconds, int intakeRate,
            LoadGenerator.Result intakeAlone, LoadGenerator.Result intakeDuring, LoadGenerator.Result intakeAfter) {

        double casesPerSecond() {
            return reassessed / seconds;
        }
    }

    private RescreeningBenchmark() {}

    static Result run(LoadGenerator load, String url, String realm, String jdbcUrl, int cases, int intakeRate,
            String runId) throws Exception {
        String hr = ServiceBenchmark.token(realm, "client_credentials", "hr-demo-university",
                "hr-demo-university-secret", null);
        String admin1 = ServiceBenchmark.token(realm, "password", "screening-cli", null, "policyadmin1");
        String admin2 = ServiceBenchmark.token(realm, "password", "screening-cli", null, "policyadmin2");
        List<String> clean = cleanUnder(url, hr, runId);
        UUID template = template(url, hr, runId);
        seed(jdbcUrl, template, cases, clean);

        // A fresh service and a table just grown by 100,000 rows: warm intake up before it is measured.
        load.closedLoop("warm-up", 8, Duration.ofSeconds(15), i -> submit(url, hr, 60_000_000L + i, runId), 201);
        drained(jdbcUrl);
        Duration window = Duration.ofSeconds(Integer.getInteger("bench.rescreening.intake-seconds", 45));
        LoadGenerator.Result alone = load.openLoop("intake alone at " + intakeRate + "/s", intakeRate, window,
                i -> submit(url, hr, 70_000_000L + i, runId), 201);

        drained(jdbcUrl);
        String version = publishWithEntities(url, admin1, admin2, runId);
        Instant published = Instant.now();
        CompletableFuture<LoadGenerator.Result> during = CompletableFuture.supplyAsync(() -> {
            try {
                return load.openLoop("intake during re-screening at " + intakeRate + "/s", intakeRate, window,
                        i -> submit(url, hr, 80_000_000L + i, runId), 201);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        JsonNode progress = awaitCompleted(url, admin1, version, published.plus(Duration.ofMinutes(20)));
        double seconds = Duration.between(Instant.parse(progress.get("startedAt").asText()),
                Instant.parse(progress.get("finishedAt").asText())).toNanos() / 1e9;
        LoadGenerator.Result whileRunning = during.join();
        drained(jdbcUrl);
        // Measured again after the run, warm: the first window after a fresh start and the copy is the slower.
        LoadGenerator.Result after = load.openLoop("intake alone at " + intakeRate + "/s, after the run", intakeRate,
                window, i -> submit(url, hr, 90_000_000L + i, runId), 201);
        return new Result(cases, progress.get("counted").asLong(), progress.get("reassessed").asLong(),
                progress.get("alerts").asLong(), seconds, intakeRate, alone, whileRunning, after);
    }

    /** The organisations the version in effect does not flag, asked of the pre-check. */
    private static List<String> cleanUnder(String url, String hr, String runId) throws Exception {
        List<String> clean = new ArrayList<>();
        HttpClient client = HttpClient.newHttpClient();
        for (String organisation : ORGANISATIONS) {
            String body = request(0, runId).replace("Delft University of Technology", organisation);
            HttpResponse<String> response = client.send(LoadGenerator.request(url + "/api/v1/screenings/preview", hr)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if ("CLEARED".equals(JSON.readTree(response.body()).path("outcome").asText())) {
                clean.add(organisation);
            }
        }
        return clean;
    }

    static UUID template(String url, String hr, String runId) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(LoadGenerator.request(url + "/api/v1/screenings",
                hr).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                request(0, runId + "-template"))).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode c = JSON.readTree(response.body());
        if (!"CLEARED".equals(c.path("status").asText())) {
            throw new IllegalStateException("the template request was not CLEARED: " + response.body());
        }
        return UUID.fromString(c.get("id").asText());
    }

    /**
     * Copies the template case {@code cases} times in the database, received over the last 600 days,
     * with the affiliation varied; every hundredth names one of the new entities.
     */
    private static void seed(String jdbcUrl, UUID template, int cases, List<String> clean) throws Exception {
        StringBuilder names = new StringBuilder("array[");
        for (int i = 0; i < clean.size(); i++) {
            names.append(i == 0 ? "" : ",").append('\'').append(clean.get(i).replace("'", "''")).append('\'');
        }
        names.append("]::text[]");
        try (Connection c = DriverManager.getConnection(jdbcUrl, "screening", "screening");
                PreparedStatement insert = c.prepareStatement("insert into screening_case (id, institution,"
                        + " external_reference, request_hash, request, status, policy_version, policy_hash, assessment,"
                        + " received_at, decision_due, due_nominal, updated_at, row_version, screened_version,"
                        + " position_ends_on, triaged_as, area_codes)"
                        + " select gen_random_uuid(), t.institution, 'SEED-' || g, t.request_hash,"
                        + " replace(t.request, '\"name\":\"Delft University of Technology\"', '\"name\":\"' ||"
                        + " case when g % 100 = 0 then 'Rescreening Polytechnic ' || lpad(((g / 100) % 100)::text, 3, '0')"
                        + " else (" + names + ")[1 + g % " + clean.size() + "] end || '\"'),"
                        + " 'CLEARED', t.policy_version, t.policy_hash, t.assessment,"
                        + " t.received_at - (g % 600) * interval '1 day' - interval '1 hour', t.decision_due, t.due_nominal,"
                        + " t.updated_at, 0, t.screened_version, t.position_ends_on, 'CLEARED', t.area_codes"
                        + " from screening_case t, generate_series(1, ?) g where t.id = ?")) {
            insert.setInt(1, cases);
            insert.setObject(2, template);
            insert.executeUpdate();
            try (var analyze = c.createStatement()) {
                analyze.execute("vacuum analyze screening_case");
            }
        }
        // The copy wrote a few hundred MB of WAL: its checkpoint is forced now rather than left to stall intake.
        try (Connection superuser = DriverManager.getConnection(jdbcUrl, "postgres", "");
                var checkpoint = superuser.createStatement()) {
            checkpoint.execute("checkpoint");
        }
    }

    /**
     * Waits until the log's relay and the institution events' sequencer have caught up with what the
     * requests before wrote, so that a window measures intake, not the backlog of the one before it.
     */
    private static void drained(String jdbcUrl) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "screening", "screening");
                var statement = c.createStatement()) {
            for (int i = 0; i < 240; i++) {
                try (var rs = statement.executeQuery("select (select count(*) from outbox_event where sent_at is null)"
                        + " + (select count(*) from institution_event where sequence is null)")) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return;
                    }
                }
                Thread.sleep(500);
            }
        }
    }

    /** The version in effect with 100 entities more, proposed by one administrator and confirmed by another. */
    private static String publishWithEntities(String url, String admin1, String admin2, String runId) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        ObjectNode document = (ObjectNode) JSON.readTree(client.send(LoadGenerator.request(url + "/api/v1/policies/current",
                admin1).GET().build(), HttpResponse.BodyHandlers.ofString()).body()).get("document");
        String version = "bench-" + runId;
        document.put("version", version);
        ArrayNode entities = (ArrayNode) document.get("highRiskEntities");
        for (int k = 0; k < 100; k++) {
            ObjectNode e = entities.addObject();
            String n = String.format("%03d", k);
            e.put("id", "bench-" + n);
            e.put("name", "Rescreening Polytechnic " + n);
            e.putArray("aliases");
            e.put("country", "CN");
            e.put("category", "DEFENCE_LINKED_UNIVERSITY");
            e.put("riskLevel", "HIGH");
            e.put("source", "benchmark");
        }
        send(client, LoadGenerator.request(url + "/api/v1/policies", admin1).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(document.toString())).build(), 201);
        send(client, LoadGenerator.request(url + "/api/v1/policies/" + version + "/publication", admin1)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(), 202);
        send(client, LoadGenerator.request(url + "/api/v1/policies/" + version + "/publication/confirmation", admin2)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(), 200);
        return version;
    }

    private static JsonNode awaitCompleted(String url, String token, String version, Instant deadline) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = client.send(LoadGenerator.request(url + "/api/v1/policies/" + version
                    + "/rescreening", token).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                JsonNode progress = JSON.readTree(response.body());
                if ("COMPLETED".equals(progress.path("status").asText())) {
                    return progress;
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the re-screening with " + version + " did not complete in time");
    }

    private static void send(HttpClient client, HttpRequest request, int expected) throws Exception {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** A clean, in-scope request (a CN postdoc in semiconductors, a Dutch affiliation) with its own reference. */
    private static String request(long n, String runId) {
        return "{\"externalReference\":\"RESCREEN-" + runId + "-" + n + "\","
                + "\"candidate\":{\"fullName\":\"Candidate " + n + "\",\"dateOfBirth\":\"1990-04-01\","
                + "\"nationalities\":[\"CN\"],\"countryOfResidence\":\"CN\"},"
                + "\"position\":{\"type\":\"POSTDOC\",\"title\":\"Researcher\",\"department\":\"Applied Physics\","
                + "\"startDate\":\"2027-02-01\",\"endDate\":\"2029-01-31\"},"
                + "\"research\":{\"areaCodes\":[\"SEMICONDUCTORS\"],\"description\":\"Process control for EUV lithography"
                + " in advanced chip manufacturing\",\"keywords\":[]},"
                + "\"affiliations\":[{\"name\":\"Delft University of Technology\",\"country\":\"NL\",\"type\":\"EDUCATION\","
                + "\"from\":\"2012-09-01\",\"to\":\"2019-07-01\"}],\"funding\":[]}";
    }

    private static HttpRequest submit(String url, String hr, long n, String runId) {
        return LoadGenerator.request(url + "/api/v1/screenings", hr).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BenchRequests.body(n, runId))).build();
    }

}
