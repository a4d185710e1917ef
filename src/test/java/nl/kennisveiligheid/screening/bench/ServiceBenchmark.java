package nl.kennisveiligheid.screening.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * `make bench`: the service (running from its packaged jar) measured next to the limits of its own
 * servers, in one run on one machine. Prints a table and writes target/bench/results.json.
 *
 * <p>Arguments: serviceUrl servicePid pgbenchPath pgHost pgPort database kafkaBootstrap realmUrl
 * [matchingJmhJson]
 */
public final class ServiceBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CLOSED_LOOP = Duration.ofSeconds(Integer.getInteger("bench.seconds", 20));

    private ServiceBenchmark() {}

    public static void main(String[] args) {
        int status = 0;
        try {
            run(args);
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        // The HTTP client's and load generator's worker pools would keep the JVM alive, also after a failure.
        System.exit(status);
    }

    private static void run(String[] args) throws Exception {
        String url = args[0];
        long pid = Long.parseLong(args[1]);
        String pgbench = args[2];
        String pgHost = args[3];
        String pgPort = args[4];
        String database = args[5];
        String bootstrap = args[6];
        String realm = args[7];
        Path jmh = args.length > 8 ? Path.of(args[8]) : null;
        String run = Long.toString(System.currentTimeMillis(), 36);
        String hr = token(realm, "client_credentials", "hr-demo-university", "hr-demo-university-secret", null);
        LoadGenerator load = new LoadGenerator();
        ObjectNode results = JSON.createObjectNode();
        List<String[]> table = new ArrayList<>();
        long idleRss = rssKb(pid, "VmRSS");
        String jdbcUrl = "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + database;
        if ("tlog".equals(System.getProperty("bench.only"))) {
            transparencyLog(url, realm, bootstrap, jdbcUrl, results, table);
            print(table, results, Path.of("target/bench/tlog.json"));
            return;
        }
        if ("rescreening".equals(System.getProperty("bench.only"))) {
            rescreening(load, url, realm, jdbcUrl, Integer.getInteger("bench.rescreening.rate", 100), run, results, table);
            print(table, results, Path.of("target/bench/rescreening.json"));
            return;
        }
        if ("figures".equals(System.getProperty("bench.only"))) {
            figures(url, realm, jdbcUrl, run, results, table);
            print(table, results, Path.of("target/bench/figures.json"));
            return;
        }
        if ("overload".equals(System.getProperty("bench.only"))) {
            overload(load, url, hr, run, Double.NaN, 900_000_000L, pgHost, pgPort, database,
                    results.putObject("intake"), table);
            print(table, results, Path.of("target/bench/overload.json"));
            return;
        }

        ObjectNode intake = results.putObject("intake");
        long n = 0;
        double capacity = 0;
        List<LoadGenerator.Result> closed = new ArrayList<>();
        for (int concurrency : new int[] {8, 32}) {
            long base = n;
            n += 10_000_000L;
            load.closedLoop("warm-up", concurrency, Duration.ofSeconds(5), i -> submit(url, hr, base + 5_000_000 + i, run), 201);
            LoadGenerator.Result service = load.closedLoop("intake", concurrency, CLOSED_LOOP,
                    i -> submit(url, hr, base + i, run), 201);
            closed.add(service);
            capacity = Math.max(capacity, service.throughput());
        }
        // The yardstick has intake's own shape: the rows one submission writes, of the sizes it wrote here.
        SameShape shape = SameShape.measure(pgbench, pgHost, pgPort, database);
        intake.set("transactionShape", shape.describe(JSON.createObjectNode()));
        for (LoadGenerator.Result service : closed) {
            int concurrency = service.concurrency();
            double sameShape = shape.run(pgbench, pgHost, pgPort, database, concurrency, CLOSED_LOOP);
            double oneRow = pgbench(pgbench, pgHost, pgPort, database, concurrency, CLOSED_LOOP);
            ObjectNode row = describe(service, intake.putObject("c" + concurrency));
            row.put("sameShapePgbenchTps", round(sameShape));
            row.put("ratioToSameShape", round(service.throughput() / sameShape));
            row.put("oneRowPgbenchTps", round(oneRow));
            table.add(new String[] {"intake c=" + concurrency, fmt(service.throughput()) + " req/s", ms(service),
                    "pgbench same shape " + fmt(sameShape) + " tps", String.format(Locale.ROOT, "%.2f",
                            service.throughput() / sameShape), "≥ 0.30"});
        }
        intake.put("capacity", round(capacity));
        long openBase = n + 50_000_000L;
        for (int percent : new int[] {50, 80}) {
            int rate = Math.max(1, (int) Math.round(capacity * percent / 100.0));
            long base = openBase + percent * 1_000_000L;
            LoadGenerator.Result open = load.openLoop("intake at " + percent + "% of capacity", rate,
                    Duration.ofSeconds(30), i -> submit(url, hr, base + i, run), 201);
            ObjectNode node = describe(open, intake.putObject("openLoop" + percent));
            node.put("targetRate", rate);
            table.add(new String[] {"intake open loop " + percent + "% (" + rate + "/s)", fmt(open.throughput())
                    + " req/s", ms(open), "-", "-", percent == 50 ? "p99 < 50 ms" : "-"});
        }

        overload(load, url, hr, run, capacity, openBase + 500_000_000L, pgHost, pgPort, database, intake, table);

        String previewBody = BenchRequests.body(1, run);
        LoadGenerator.Result preview = load.closedLoop("preview", 8, CLOSED_LOOP, i -> LoadGenerator
                .request(url + "/api/v1/screenings/preview", hr).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BenchRequests.body(i, run))).build(), 200);
        LoadGenerator.Result trivial = load.closedLoop("trivial", 8, CLOSED_LOOP,
                i -> LoadGenerator.request(url + "/api/v1/audit/public-key", hr).GET().build(), 200);
        ObjectNode previewNode = describe(preview, results.putObject("preview"));
        previewNode.set("trivialEndpoint", describe(trivial, JSON.createObjectNode()));
        previewNode.put("ratio", round(preview.throughput() / trivial.throughput()));
        table.add(new String[] {"preview c=8", fmt(preview.throughput()) + " req/s", ms(preview),
                "trivial endpoint " + fmt(trivial.throughput()) + " req/s",
                String.format(Locale.ROOT, "%.2f", preview.throughput() / trivial.throughput()), "-"});
        batchAgainstSingles(url, hr, run, results, table);
        long peakRss = rssKb(pid, "VmHWM");

        ReplayBenchmark.Result replay = ReplayBenchmark.run(bootstrap, Integer.getInteger("bench.replay.events", 200_000));
        ObjectNode replayNode = results.putObject("replay");
        replayNode.put("events", replay.events());
        replayNode.put("verifyEventsPerSecond", round(replay.verifyPerSecond()));
        replayNode.put("verifyAnchoredEventsPerSecond", round(replay.anchoredPerSecond()));
        replayNode.put("rawConsumerEventsPerSecond", round(replay.rawPerSecond()));
        replayNode.put("ratio", round(replay.verifyPerSecond() / replay.rawPerSecond()));
        table.add(new String[] {"replay, every signature (first 100,000)", fmt(replay.verifyPerSecond())
                + " events/s", "-", "raw consumer " + fmt(replay.rawPerSecond()) + " events/s",
                String.format(Locale.ROOT, "%.2f", replay.verifyPerSecond() / replay.rawPerSecond()), "≥ 100,000/s"});
        table.add(new String[] {"replay, chain + every 1000th and last signature", fmt(replay.anchoredPerSecond())
                + " events/s", "-", "raw consumer " + fmt(replay.rawPerSecond()) + " events/s",
                String.format(Locale.ROOT, "%.2f", replay.anchoredPerSecond() / replay.rawPerSecond()), "≥ 100,000/s"});

        if (jmh != null && Files.exists(jmh)) {
            ArrayNode matching = results.putArray("matching");
            double ordinaryMedian = 0;
            double slowestWorstCase = 0;
            for (JsonNode benchmark : JSON.readTree(jmh.toFile())) {
                ObjectNode m = matching.addObject();
                m.put("benchmark", benchmark.get("benchmark").asText());
                m.put("mode", benchmark.get("mode").asText());
                m.put("score", round(benchmark.at("/primaryMetric/score").asDouble()));
                m.put("unit", benchmark.at("/primaryMetric/scoreUnit").asText());
                JsonNode percentiles = benchmark.at("/primaryMetric/scorePercentiles");
                if ("sample".equals(benchmark.get("mode").asText())) {
                    m.put("p50Micros", round(percentiles.get("50.0").asDouble()));
                    m.put("p99Micros", round(percentiles.get("99.0").asDouble()));
                    boolean worst = benchmark.get("benchmark").asText().endsWith("worstCaseNames");
                    if (worst) {
                        slowestWorstCase = percentiles.get("99.0").asDouble();
                    } else {
                        ordinaryMedian = percentiles.get("50.0").asDouble();
                    }
                    table.add(new String[] {worst ? "matching 1,000,000 names, worst-case names" : "matching 1,000,000 names",
                            "-", String.format(Locale.ROOT, "p50 %.2f / p99 %.2f ms", percentiles.get("50.0").asDouble() / 1000,
                            percentiles.get("99.0").asDouble() / 1000), "-", "-", worst ? "≤ 10× ordinary p50" : "p99 < 1 ms"});
                } else {
                    table.add(new String[] {"matching 1,000,000 names", fmt(benchmark.at("/primaryMetric/score")
                            .asDouble()) + " queries/s/core", "-", "-", "-", "-"});
                }
            }
            if (ordinaryMedian > 0 && slowestWorstCase > 0) {
                // The mix cycles through six worst-case names, so its p99 is the slowest of them.
                results.put("matchingWorstToOrdinaryMedian", round(slowestWorstCase / ordinaryMedian));
                table.add(new String[] {"matching, slowest worst-case name (p99) against the ordinary p50", "-",
                        String.format(Locale.ROOT, "%.1f×", slowestWorstCase / ordinaryMedian), "-", "-", "≤ 10×"});
            }
            Path log = jmh.resolveSibling("matching-jmh.log");
            java.util.regex.Matcher index = Files.exists(log) ? java.util.regex.Pattern
                    .compile("heap_bytes_per_name=(\\d+)").matcher(Files.readString(log)) : null;
            if (index != null && index.find()) {
                results.put("matchingIndexHeapBytesPerName", Long.parseLong(index.group(1)));
                table.add(new String[] {"matching index heap per name", index.group(1) + " bytes", "-", "-", "-",
                        "≤ 1.2 × before"});
            }
        }
        rescreening(load, url, realm, jdbcUrl, Math.max(1, (int) Math.round(capacity / 2)), run, results, table);
        figures(url, realm, jdbcUrl, run, results, table);
        ObjectNode memory = results.putObject("memory");
        memory.put("idleRssMb", idleRss / 1024);
        memory.put("peakRssMb", peakRss / 1024);
        table.add(new String[] {"memory", "idle " + idleRss / 1024 + " MB, peak " + peakRss / 1024 + " MB RSS", "-", "-",
                "-", "idle < 300 MB"});
        transparencyLog(url, realm, bootstrap, jdbcUrl, results, table);
        print(table, results, Path.of("target/bench/results.json"));
    }

    private static void print(List<String[]> table, ObjectNode results, Path out) throws Exception {
        results.put("machine", Runtime.getRuntime().availableProcessors() + " cores");
        Files.createDirectories(out.getParent());
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
        System.out.printf("%n%-30s | %-34s | %-36s | %-42s | %-6s | %s%n", "measure", "service", "latency p50/p99/p99.9",
                "limit in the same run", "ratio", "goal");
        for (String[] row : table) {
            System.out.printf("%-30s | %-34s | %-36s | %-42s | %-6s | %s%n", (Object[]) row);
        }
        System.out.println("\nwritten: " + out);
    }

    /**
     * A hundred requests in one batch against the same hundred posted one after another over one
     * connection, five rounds each after a warm-up; the median round of each is compared.
     */
    private static void batchAgainstSingles(String url, String hr, String run, ObjectNode results, List<String[]> table)
            throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        List<Long> singles = new ArrayList<>();
        List<Long> batches = new ArrayList<>();
        long base = 900_000_000L;
        for (int round = 0; round < 6; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                var response = client.send(submit(url, hr, base + round * 1_000L + i, run),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() != 201) {
                    throw new IllegalStateException("single post answered " + response.statusCode());
                }
            }
            long singleNanos = System.nanoTime() - start;
            StringBuilder batch = new StringBuilder("{\"requests\":[");
            for (int i = 0; i < 100; i++) {
                batch.append(i == 0 ? "" : ",").append(BenchRequests.body(base + 500_000L + round * 1_000L + i, run));
            }
            start = System.nanoTime();
            var response = client.send(LoadGenerator.request(url + "/api/v1/screenings/batch", hr)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(batch.append("]}").toString())).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            long batchNanos = System.nanoTime() - start;
            if (response.statusCode() != 207 || response.body().contains("\"status\":4")) {
                throw new IllegalStateException("the batch answered " + response.statusCode());
            }
            if (round > 0) {
                singles.add(singleNanos);
                batches.add(batchNanos);
            }
        }
        java.util.Collections.sort(singles);
        java.util.Collections.sort(batches);
        double singleMs = singles.get(singles.size() / 2) / 1e6;
        double batchMs = batches.get(batches.size() / 2) / 1e6;
        ObjectNode node = results.putObject("batch");
        node.put("singlePostsMs", round(singleMs));
        node.put("batchMs", round(batchMs));
        node.put("speedUp", round(singleMs / batchMs));
        table.add(new String[] {"batch of 100 vs 100 posts", String.format(Locale.ROOT, "%.0f ms", batchMs), "-",
                String.format(Locale.ROOT, "100 single posts %.0f ms", singleMs),
                String.format(Locale.ROOT, "%.1fx", singleMs / batchMs), "≥ 3x"});
    }

    /**
     * Twice the measured capacity, open loop for 60 s: every request must be answered within 2 s,
     * served or refused with 503; served throughput must stay at 80% of capacity or more; and every
     * 201 must have its case and its event on the log, counted in the database after the run.
     */
    private static void overload(LoadGenerator load, String url, String hr, String run, double capacity, long base,
            String pgHost, String pgPort, String database, ObjectNode intake, List<String[]> table) throws Exception {
        // Capacity is measured again just before, so that both figures come from the same minute of a
        // machine whose speed drifts (single 20-second runs vary by about ±12% here, sometimes far more).
        // Long enough for the JIT: measured from a fresh service after 5 s, capacity came out at about half
        // of what the same service then served under overload.
        load.closedLoop("warm-up", 8, Duration.ofSeconds(Integer.getInteger("bench.overload.warmup.seconds", 30)),
                i -> submit(url, hr, base + 400_000_000L + i, run), 201);
        // The better of 8 and 32 at once: past the service's own bound, a closed loop turns into a flood
        // of instant refusals that takes the cores from the requests it serves.
        capacity = 0;
        for (int concurrency : new int[] {8, 32}) {
            long offset = base + 300_000_000L + concurrency * 1_000_000L;
            capacity = Math.max(capacity, load.closedLoop("capacity", concurrency, CLOSED_LOOP,
                    i -> submit(url, hr, offset + i, run), 201).throughput());
        }
        intake.put("capacityBeforeOverload", round(capacity));
        int rate = (int) Math.round(capacity * 2);
        Duration length = Duration.ofSeconds(Integer.getInteger("bench.overload.seconds", 60));
        LoadGenerator.Overload o = load.overload("intake at 200% of capacity", rate, length,
                i -> submit(url, hr, base + i, run), 201);
        double servedPerSecond = o.served() / o.all().seconds();
        long cases;
        long decided;
        long logged;
        long received;
        Thread.sleep(5_000); // the relay sends within a second or so; give it a few
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + database, "screening", "screening");
                java.sql.PreparedStatement count = c.prepareStatement(
                        "with created as (select unnest(?::uuid[]) as id)"
                                + " select (select count(*) from screening_case s join created using (id)),"
                                + " (select count(*) from decision d join created c on d.case_id = c.id),"
                                + " (select count(distinct o.record_key) from outbox_event o join created c"
                                + "   on o.record_key = c.id::text where o.type = 'DECISION_RECORDED' and o.sent_at is not null),"
                                + " (select count(distinct e.case_id) from institution_event e join created c"
                                + "   on e.case_id = c.id where e.type = 'case.received')")) {
            count.setArray(1, c.createArrayOf("text", o.createdIds().toArray(String[]::new)));
            try (java.sql.ResultSet rs = count.executeQuery()) {
                rs.next();
                cases = rs.getLong(1);
                decided = rs.getLong(2);
                logged = rs.getLong(3);
                received = rs.getLong(4);
            }
        }
        ObjectNode node = describe(o.all(), intake.putObject("overload200"));
        node.put("targetRate", rate);
        node.put("served", o.served());
        node.put("refused503", o.refused());
        node.put("other", o.other());
        node.put("answeredAfterTwoSeconds", o.slowerThanTwoSeconds());
        node.put("servedAfterTwoSeconds", o.servedSlowerThanTwoSeconds());
        node.put("refusedAfterTwoSeconds", o.refusedSlowerThanTwoSeconds());
        node.set("servedLatency", percentiles(o.servedMicros()));
        node.set("refusedLatency", percentiles(o.refusedMicros()));
        node.set("generatorSendLateness", percentiles(o.sendLatenessMicros()));
        node.put("maxMs", round(o.all().latencyMicros().getMaxValue() / 1000.0));
        node.put("servedPerSecond", round(servedPerSecond));
        node.put("servedToCapacity", round(servedPerSecond / capacity));
        node.put("createdWithCase", cases);
        node.put("decidedAtIntake", decided);
        node.put("decisionsOnLog", logged);
        node.put("createdWithReceivedEvent", received);
        System.out.printf(Locale.ROOT, "[bench] overload: over 2 s %d served, %d refused; served p99 %.0f ms, refused p99 %.0f ms;"
                + " the generator sent late by p99 %.1f / max %.1f ms%n", o.servedSlowerThanTwoSeconds(),
                o.refusedSlowerThanTwoSeconds(), o.servedMicros().getValueAtPercentile(99) / 1000.0,
                o.refusedMicros().getValueAtPercentile(99) / 1000.0, o.sendLatenessMicros().getValueAtPercentile(99) / 1000.0,
                o.sendLatenessMicros().getMaxValue() / 1000.0);
        table.add(new String[] {"intake open loop 200% (" + rate + "/s, " + length.toSeconds() + " s)",
                fmt(servedPerSecond) + " served/s, " + o.refused() + " refused (503), " + o.other() + " other",
                String.format(Locale.ROOT, "p50 %.0f / p99 %.0f / max %.0f ms; %d over 2 s", o.all().percentileMillis(50),
                        o.all().percentileMillis(99), o.all().latencyMicros().getMaxValue() / 1000.0,
                        o.slowerThanTwoSeconds()),
                "capacity " + fmt(capacity) + " req/s; of " + o.served() + " created: " + cases + " cases, "
                        + received + " case.received, " + logged + "/" + decided + " decisions on the log",
                String.format(Locale.ROOT, "%.2f", servedPerSecond / capacity), "≥ 0.80, none over 2 s"});
    }

    private static HttpRequest submit(String url, String token, long n, String run) {
        return LoadGenerator.request(url + "/api/v1/screenings", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BenchRequests.body(n, run))).build();
    }

    /** p50, p99, p99.9 and the largest value of a histogram in microseconds, as milliseconds. */
    private static ObjectNode percentiles(org.HdrHistogram.Histogram micros) {
        ObjectNode node = JSON.createObjectNode();
        node.put("count", micros.getTotalCount());
        node.put("p50Ms", round(micros.getValueAtPercentile(50) / 1000.0));
        node.put("p99Ms", round(micros.getValueAtPercentile(99) / 1000.0));
        node.put("p999Ms", round(micros.getValueAtPercentile(99.9) / 1000.0));
        node.put("maxMs", round(micros.getMaxValue() / 1000.0));
        return node;
    }

    private static ObjectNode describe(LoadGenerator.Result r, ObjectNode node) {
        node.put("name", r.name());
        if (r.concurrency() > 0) {
            node.put("concurrency", r.concurrency());
        }
        node.put("seconds", round(r.seconds()));
        node.put("requests", r.requests());
        node.put("errors", r.errors());
        node.put("throughput", round(r.throughput()));
        node.put("p50Ms", round(r.percentileMillis(50)));
        node.put("p99Ms", round(r.percentileMillis(99)));
        node.put("p999Ms", round(r.percentileMillis(99.9)));
        return node;
    }

    /** pgbench on the same database and concurrency, inserting one row of a case's size per transaction (context only). */
    private static double pgbench(String pgbench, String host, String port, String database, int clients,
            Duration duration) throws Exception {
        Path script = Path.of("target/bench/insert-one-row.sql");
        Files.createDirectories(script.getParent());
        Files.writeString(script, "\\set n random(1, 2000000000)\n"
                + "insert into bench_insert (id, institution, external_reference, payload, created_at)"
                + " values (gen_random_uuid(), 'demo-university', 'pgbench-' || :n, repeat('x', 2400), now());\n");
        psql(pgbench, host, port, database, "create table if not exists bench_insert (id uuid primary key,"
                + " institution text not null, external_reference text not null, payload text not null,"
                + " created_at timestamptz not null)");
        Process process = new ProcessBuilder(pgbench, "-h", host, "-p", port, "-U", "screening", "-n", "-c",
                Integer.toString(clients), "-j", "2", "-T", Long.toString(duration.toSeconds()), "-f", script.toString(),
                database).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(out);
        if (!tps.find()) {
            throw new IllegalStateException("pgbench gave no tps:\n" + out);
        }
        return Double.parseDouble(tps.group(1));
    }

    private static void psql(String pgbench, String host, String port, String database, String sql) throws Exception {
        String psql = Path.of(pgbench).resolveSibling("psql").toString();
        Process p = new ProcessBuilder(psql, "-h", host, "-p", port, "-U", "screening", "-d", database, "-qc", sql)
                .inheritIO().start();
        p.waitFor();
    }

    static long rssKb(long pid, String field) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    static String token(String realm, String grant, String client, String secret, String user) throws Exception {
        String form = "grant_type=" + grant + "&client_id=" + client + (secret == null ? "" : "&client_secret=" + secret)
                + (user == null ? "" : "&username=" + user + "&password=" + user + "-pw");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    /**
     * The transparency log's goals (issue 16): a full verification at 0.8 of a raw consumer or more,
     * and inclusion proofs under 5 ms p99 at 1,000,000 events. It grows the service's tree with
     * synthetic leaves, after which the service cannot add new events to it: it runs last, and every
     * run of the bench starts from a fresh database.
     */
    private static void transparencyLog(String url, String realm, String bootstrap, String jdbcUrl,
            ObjectNode results, List<String[]> table) throws Exception {
        int events = Integer.getInteger("bench.tlog.events", 1_000_000);
        ObjectNode node = results.putObject("transparencyLog");
        if (events > 0) {
            verification(events, bootstrap, node, table);
        }
        String auditor = token(realm, "password", "screening-cli", null, "auditor1");
        ArrayNode inclusion = node.putArray("inclusionProof");
        List<LoadGenerator.Result> runs = TlogBenchmark.inclusionProofs(url, auditor, jdbcUrl, 1_000_000);
        LoadGenerator.Result floor = runs.get(runs.size() - 1);
        describe(floor, node.putObject("publicKeyFloor"));
        for (LoadGenerator.Result proofs : runs.subList(0, runs.size() - 1)) {
            inclusion.add(describe(proofs, JSON.createObjectNode()));
            table.add(new String[] {"inclusion proof over HTTP at 1,000,000 events c=" + proofs.concurrency(),
                    fmt(proofs.throughput()) + " req/s", ms(proofs), "public key c=1: " + ms(floor), "-", "p99 < 5 ms"});
        }
    }

    /** A full verification of a topic of {@code events} signed events against a raw consumer of it. */
    private static void verification(int events, String bootstrap, ObjectNode node, List<String[]> table) throws Exception {
        TlogBenchmark.Verification v = TlogBenchmark.verification(bootstrap, events);
        node.put("events", v.events());
        node.put("verifyEventsPerSecond", round(v.verifyPerSecond()));
        node.put("rawConsumerEventsPerSecond", round(v.rawPerSecond()));
        node.put("ratio", round(v.verifyPerSecond() / v.rawPerSecond()));
        node.put("firstRoundRatio", round(v.firstRoundRatio()));
        table.add(new String[] {"full verification of " + fmt(events) + " events (hashes, tree, checkpoints, every 1000th"
                + " signature)", fmt(v.verifyPerSecond()) + " events/s", "-", "raw consumer " + fmt(v.rawPerSecond())
                + " events/s", String.format(Locale.ROOT, "%.2f", v.verifyPerSecond() / v.rawPerSecond()), "≥ 0.80"});
    }

    /** Issue 21: the console's figures page at 100,000 cases, per month and per week. */
    private static void figures(String url, String realm, String jdbcUrl, String run, ObjectNode results,
            List<String[]> table) throws Exception {
        FiguresBenchmark.Result r = FiguresBenchmark.run(url, realm, jdbcUrl,
                Integer.getInteger("bench.figures.cases", 100_000), run);
        ObjectNode node = results.putObject("figures");
        node.put("cases", r.cases());
        node.put("monthP50Ms", round(FiguresBenchmark.percentile(r.monthMillis(), 50)));
        node.put("monthP95Ms", round(FiguresBenchmark.percentile(r.monthMillis(), 95)));
        node.put("weekP50Ms", round(FiguresBenchmark.percentile(r.weekMillis(), 50)));
        node.put("weekP95Ms", round(FiguresBenchmark.percentile(r.weekMillis(), 95)));
        table.add(new String[] {"console figures per month at " + fmt(r.cases()) + " cases",
                FiguresBenchmark.describe(r.monthMillis()), "-", "-", "-", "< 300 ms"});
        table.add(new String[] {"console figures per week at " + fmt(r.cases()) + " cases",
                FiguresBenchmark.describe(r.weekMillis()), "-", "-", "-", "< 300 ms"});
        ObjectNode archive = node.putObject("archive");
        r.archive().forEach((query, millis) -> {
            archive.put(query + " p50Ms", round(FiguresBenchmark.percentile(millis, 50)));
            archive.put(query + " p95Ms", round(FiguresBenchmark.percentile(millis, 95)));
            table.add(new String[] {"console /console?" + query + " at " + fmt(r.cases()) + " cases",
                    FiguresBenchmark.describe(millis), "-", "-", "-", "-"});
        });
    }

    /**
     * Issue 19: 100,000 stored cases re-screened against a version with 100 entities more, with intake
     * served at {@code rate} meanwhile, and intake's latency at that rate without a run beside it.
     */
    private static void rescreening(LoadGenerator load, String url, String realm, String jdbcUrl, int rate, String run,
            ObjectNode results, List<String[]> table) throws Exception {
        RescreeningBenchmark.Result r = RescreeningBenchmark.run(load, url, realm, jdbcUrl,
                Integer.getInteger("bench.rescreening.cases", 100_000), rate, run);
        ObjectNode node = results.putObject("rescreening");
        node.put("seededCases", r.seeded());
        node.put("counted", r.counted());
        node.put("reassessed", r.reassessed());
        node.put("alerts", r.alerts());
        node.put("seconds", round(r.seconds()));
        node.put("casesPerSecond", round(r.casesPerSecond()));
        node.put("intakeRate", r.intakeRate());
        node.set("intakeAlone", describe(r.intakeAlone(), JSON.createObjectNode()));
        node.set("intakeDuring", describe(r.intakeDuring(), JSON.createObjectNode()));
        node.set("intakeAfter", describe(r.intakeAfter(), JSON.createObjectNode()));
        table.add(new String[] {"re-screening " + fmt(r.reassessed()) + " cases, 100 new entities (" + fmt(r.alerts())
                + " alerts), intake at " + rate + "/s meanwhile", fmt(r.casesPerSecond()) + " cases/s", "-", "-", "-",
                "≥ 2,000 cases/s"});
        table.add(new String[] {"intake at " + rate + "/s without re-screening, before the run",
                fmt(r.intakeAlone().throughput()) + " req/s", ms(r.intakeAlone()), "-", "-", "-"});
        table.add(new String[] {"intake at " + rate + "/s during re-screening", fmt(r.intakeDuring().throughput())
                + " req/s", ms(r.intakeDuring()), "-", "-", "p99 beside the one without"});
        table.add(new String[] {"intake at " + rate + "/s without re-screening, after the run",
                fmt(r.intakeAfter().throughput()) + " req/s", ms(r.intakeAfter()), "-", "-", "-"});
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String ms(LoadGenerator.Result r) {
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f ms", r.percentileMillis(50), r.percentileMillis(99),
                r.percentileMillis(99.9));
    }
}
