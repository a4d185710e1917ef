package nl.kennisveiligheid.screening.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code make soak}: intake offered open-loop at half its capacity for {@code soak.minutes} (30),
 * with the service's RSS, heap after a full GC, open sockets and the requests that failed sampled
 * at the start, every five minutes and at the end. It prints the samples and the growth from start
 * to end, and writes target/bench/soak.json; it judges nothing, the figures are for the README.
 */
public final class SoakRun {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEAP_USED = Pattern.compile("garbage-first heap\\s+total \\d+K, used (\\d+)K");

    private SoakRun() {}

    public static void main(String[] args) {
        int status = 0;
        try {
            run(args[0], Long.parseLong(args[1]), args[2]);
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private static void run(String url, long pid, String realm) throws Exception {
        int minutes = Integer.getInteger("soak.minutes", 30);
        String run = Long.toString(System.currentTimeMillis(), 36);
        LoadGenerator load = new LoadGenerator();
        String[] token = {ServiceBenchmark.token(realm, "client_credentials", "hr-demo-university",
                "hr-demo-university-secret", null)};
        // Eight at once stays within intake's places on two cores (load.Places: 4 running, 8 waiting);
        // past them a closed loop measures its own refusals.
        load.closedLoop("warm-up", 8, Duration.ofSeconds(10), i -> submit(url, token[0], 900_000_000L + i, run), 201);
        double capacity = load.closedLoop("capacity", 8, Duration.ofSeconds(20),
                i -> submit(url, token[0], 800_000_000L + i, run), 201).throughput();
        int rate = Integer.getInteger("soak.rate", Math.max(1, (int) Math.round(capacity / 2)));
        System.out.printf(Locale.ROOT, "[soak] capacity %.0f req/s; offering %d req/s for %d minutes%n", capacity, rate,
                minutes);

        ObjectNode results = JSON.createObjectNode();
        results.put("capacity", Math.round(capacity));
        results.put("rate", rate);
        results.put("minutes", minutes);
        ArrayNode samples = results.putArray("samples");
        long requests = 0;
        long errors = 0;
        samples.add(sample(pid, 0, requests, errors));
        for (int minute = 1; minute <= minutes; minute++) {
            token[0] = ServiceBenchmark.token(realm, "client_credentials", "hr-demo-university",
                    "hr-demo-university-secret", null);
            long base = minute * 1_000_000L;
            LoadGenerator.Result r = load.openLoop("soak minute " + minute, rate, Duration.ofSeconds(60),
                    i -> submit(url, token[0], base + i, run), 201);
            requests += r.requests();
            errors += r.errors();
            if (minute % 5 == 0 || minute == minutes) {
                samples.add(sample(pid, minute, requests, errors));
            }
        }
        ObjectNode first = (ObjectNode) samples.get(0);
        ObjectNode last = (ObjectNode) samples.get(samples.size() - 1);
        System.out.printf("%n%-8s | %-9s | %-16s | %-12s | %-9s | %s%n", "minute", "RSS MB", "heap after GC MB",
                "open sockets", "requests", "failed");
        for (var s : samples) {
            System.out.printf(Locale.ROOT, "%-8d | %-9d | %-16d | %-12d | %-9d | %d%n", s.get("minute").asInt(),
                    s.get("rssMb").asLong(), s.get("heapAfterGcMb").asLong(), s.get("openSockets").asLong(),
                    s.get("requests").asLong(), s.get("failed").asLong());
        }
        System.out.printf(Locale.ROOT, "%ngrowth start to end: RSS %+d MB, heap after GC %+d MB, open sockets %+d%n",
                last.get("rssMb").asLong() - first.get("rssMb").asLong(),
                last.get("heapAfterGcMb").asLong() - first.get("heapAfterGcMb").asLong(),
                last.get("openSockets").asLong() - first.get("openSockets").asLong());
        Path out = Path.of("target/bench/soak.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
        System.out.println("written: " + out);
    }

    private static ObjectNode sample(long pid, int minute, long requests, long errors) throws Exception {
        ObjectNode s = JSON.createObjectNode();
        s.put("minute", minute);
        s.put("rssMb", ServiceBenchmark.rssKb(pid, "VmRSS") / 1024);
        s.put("heapAfterGcMb", heapAfterGcKb(pid) / 1024);
        s.put("openSockets", openSockets(pid));
        s.put("requests", requests);
        s.put("failed", errors);
        return s;
    }

    /** A full collection first, so that what is left is what the service holds on to. */
    private static long heapAfterGcKb(long pid) throws Exception {
        jcmd(pid, "GC.run");
        Matcher used = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
        return used.find() ? Long.parseLong(used.group(1)) : -1;
    }

    private static String jcmd(long pid, String command) throws Exception {
        Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    private static long openSockets(long pid) throws Exception {
        File[] fds = new File("/proc/" + pid + "/fd").listFiles();
        long sockets = 0;
        for (File fd : fds == null ? new File[0] : fds) {
            try {
                if (Files.readSymbolicLink(fd.toPath()).toString().startsWith("socket:")) {
                    sockets++;
                }
            } catch (java.io.IOException gone) {
                // closed while listed
            }
        }
        return sockets;
    }

    private static HttpRequest submit(String url, String token, long n, String run) {
        return LoadGenerator.request(url + "/api/v1/screenings", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BenchRequests.body(n, run))).build();
    }
}
