package nl.kennisveiligheid.screening.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Issue 21's goal: the console's figures page in under 300 ms at 100,000 cases. The database is
 * filled up to that many cases over the last year (twenty institutions, five areas, half flagged,
 * decided by officers in up to two months or automatically at once, one in a hundred with a
 * re-screening alert), copied from one case intake stored; then an auditor signs in to the console
 * through Keycloak as a browser would, and the page is fetched per month and per week.
 */
final class FiguresBenchmark {

    /** The figures per month and per week, and the archive's pages an officer opens most (path, times). */
    record Result(long cases, List<Double> monthMillis, List<Double> weekMillis, java.util.Map<String, List<Double>> archive) {}

    private FiguresBenchmark() {}

    static Result run(String url, String realm, String jdbcUrl, int cases, String runId) throws Exception {
        String hr = ServiceBenchmark.token(realm, "client_credentials", "hr-demo-university",
                "hr-demo-university-secret", null);
        UUID template = RescreeningBenchmark.template(url, hr, runId + "-figures");
        long total = seed(jdbcUrl, template, cases, runId);
        Session console = signedIn(url, "auditor1");
        for (int i = 0; i < 5; i++) {
            page(console, url + "/console/figures?period=month");
        }
        List<Double> month = times(console, url + "/console/figures?period=month", 30);
        List<Double> week = times(console, url + "/console/figures?period=week", 30);
        // The archive at the same size, as an officer searches it: the newest page, by risk, by reference, by name.
        Session officer = signedIn(url, "officer1");
        java.util.Map<String, List<Double>> archive = new java.util.LinkedHashMap<>();
        for (String query : List.of("view=archive", "view=archive&sort=risk", "view=archive&q=FIG-" + runId + "-77",
                "view=archive&q=candidate")) {
            archive.put(query, times(officer, url + "/console?" + query, 20, "class=\"queue\""));
        }
        return new Result(total, month, week, archive);
    }

    /** Copies the template until the database holds {@code cases} cases; their decisions and alerts beside them. */
    private static long seed(String jdbcUrl, UUID template, int cases, String runId) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "screening", "screening")) {
            long existing;
            try (ResultSet count = c.createStatement().executeQuery("select count(*) from screening_case")) {
                count.next();
                existing = count.getLong(1);
            }
            int missing = (int) Math.max(0, cases - existing);
            if (missing > 0) {
                try (PreparedStatement insert = c.prepareStatement("""
                        insert into screening_case (id, institution, external_reference, request_hash, request, status,
                            policy_version, policy_hash, assessment, received_at, decision_due, due_nominal, updated_at,
                            row_version, screened_version, position_ends_on, triaged_as, area_codes)
                        select gen_random_uuid(), 'bench-institution-' || lpad((g % 20)::text, 2, '0'), 'FIG-' || ? || '-' || g,
                            t.request_hash, t.request,
                            (array['FLAGGED', 'APPROVED', 'APPROVED_WITH_CONDITIONS', 'REFUSED', 'APPROVED',
                                   'CLEARED', 'NOT_REQUIRED', 'CLEARED', 'CLEARED', 'NOT_REQUIRED'])[1 + g % 10],
                            t.policy_version, t.policy_hash, t.assessment,
                            now() - (g % 365) * interval '1 day' - (g % 24) * interval '1 hour',
                            now() - (g % 365) * interval '1 day' + interval '8 weeks', t.due_nominal, now(), 0,
                            t.screened_version, t.position_ends_on,
                            case when g % 10 < 5 then 'FLAGGED' else 'CLEARED' end,
                            array[(array['SEMICONDUCTORS', 'QUANTUM', 'ARTIFICIAL_INTELLIGENCE', 'PHOTONICS',
                                         'BIOTECHNOLOGY'])[1 + g % 5]]
                        from screening_case t, generate_series(1, ?) g where t.id = ?""")) {
                    insert.setString(1, runId);
                    insert.setInt(2, missing);
                    insert.setObject(3, template);
                    insert.executeUpdate();
                }
                try (PreparedStatement decisions = c.prepareStatement("""
                        insert into decision (id, case_id, outcome, reasoning, conditions, decided_by, decided_at,
                            policy_version, policy_hash, kind)
                        select gen_random_uuid(), s.id, s.status, 'bench', '[]',
                            case when s.triaged_as = 'FLAGGED' then 'bench-officer' else 'automated' end,
                            case when s.triaged_as = 'FLAGGED'
                                 then s.received_at + (abs(hashtext(s.id::text)) % 60) * interval '1 day'
                                 else s.received_at end,
                            s.policy_version, s.policy_hash,
                            case when s.triaged_as = 'FLAGGED' then 'OFFICER' else 'AUTOMATED' end
                        from screening_case s where s.external_reference like ? and s.status <> 'FLAGGED'""")) {
                    decisions.setString(1, "FIG-" + runId + "-%");
                    decisions.executeUpdate();
                }
                try (PreparedStatement alerts = c.prepareStatement("""
                        insert into rescreening_alert (id, case_id, policy_version, previous_version, indicators,
                            assessment_hash, raised_at)
                        select gen_random_uuid(), s.id, s.policy_version, s.policy_version, '[]', s.policy_hash,
                            s.received_at + interval '30 days'
                        from screening_case s where s.external_reference like ? and abs(hashtext(s.id::text)) % 100 = 0""")) {
                    alerts.setString(1, "FIG-" + runId + "-%");
                    alerts.executeUpdate();
                }
                c.createStatement().execute("vacuum analyze screening_case");
                c.createStatement().execute("vacuum analyze decision");
            }
            return existing + missing;
        }
    }

    /** A signed-in console session: the service's cookies, sent with every page. */
    record Session(HttpClient client, String cookies) {}

    /**
     * Signs in through the realm's login form as the console tests do ({@code ConsoleSignIn}, REST
     * Assured against the service under test); the pages are then timed with java.net.http, which adds
     * less of its own to each figure.
     */
    static Session signedIn(String url, String user) {
        URI service = URI.create(url);
        io.restassured.RestAssured.baseURI = service.getScheme() + "://" + service.getHost();
        io.restassured.RestAssured.port = service.getPort();
        return new Session(HttpClient.newHttpClient(),
                nl.kennisveiligheid.screening.support.ConsoleSignIn.as(user).cookieHeader());
    }

    private static List<Double> times(Session client, String page, int count) throws Exception {
        return times(client, page, count, "figure-received");
    }

    private static List<Double> times(Session client, String page, int count, String mark) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            page(client, page, mark);
            millis.add((System.nanoTime() - start) / 1e6);
        }
        return millis;
    }

    private static void page(Session session, String page) throws Exception {
        page(session, page, "figure-received");
    }

    private static void page(Session session, String page, String mark) throws Exception {
        HttpResponse<String> response = session.client().send(HttpRequest.newBuilder(URI.create(page))
                .header("Cookie", session.cookies()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().contains(mark)) {
            throw new IllegalStateException(page + " answered " + response.statusCode());
        }
    }

    static double percentile(List<Double> values, double p) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }

    static String describe(List<Double> millis) {
        return String.format(java.util.Locale.ROOT, "p50 %.0f ms, p95 %.0f ms, max %.0f ms", percentile(millis, 50),
                percentile(millis, 95), Arrays.stream(millis.toArray(Double[]::new)).mapToDouble(d -> d).max().orElse(0));
    }
}
