package nl.kennisveiligheid.screening.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Closed-loop GETs with wrk, Debian's HTTP benchmarking tool in C, for the figures whose goal is a
 * few milliseconds at p99. The JDK client of {@link LoadGenerator} hands every request between its
 * own threads and shares the two cores with the service and its servers; at these latencies its
 * hand-offs and pauses were what it measured (a single-file JDK probe saw the public key at p99
 * 7.6 ms where a plain keep-alive socket saw 1.6 to 3.9 ms). wrk keeps one epoll loop per thread and
 * times each request from its write to its last byte, which is the service's latency plus loopback.
 * The latencies wrk recorded come back whole, so the same HdrHistogram percentiles apply.
 */
final class WrkLoad {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** wrk reads its script from a file: the one on the classpath, copied out once per bench run. */
    private static final Path SCRIPT = scriptFile();

    private static Path scriptFile() {
        try (InputStream in = WrkLoad.class.getResourceAsStream("/bench/closed-loop.lua")) {
            Path script = Files.createTempFile("closed-loop", ".lua");
            script.toFile().deleteOnExit();
            Files.write(script, in.readAllBytes());
            return script;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private WrkLoad() {}

    /**
     * {@code connections} connections, each sending its next request when the last was answered, for
     * {@code duration}. In {@code pathTemplate}, {@code {n}} is replaced per request by a random number in
     * [{@code low}, {@code high}].
     */
    static LoadGenerator.Result closedLoop(String name, String baseUrl, String token, int connections, Duration duration,
            String pathTemplate, long low, long high) throws Exception {
        List<String> command = List.of("wrk", "-t1", "-c" + connections, "-d" + duration.toSeconds() + "s",
                "--timeout", "10s", "-H", "Authorization: Bearer " + token, "-s", SCRIPT.toString(), baseUrl, "--",
                pathTemplate, String.valueOf(low), String.valueOf(high));
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!wrk.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
            throw new IllegalStateException("wrk failed: " + output);
        }
        String line = output.lines().filter(l -> l.startsWith("{\"requests\"")).findFirst()
                .orElseThrow(() -> new IllegalStateException("wrk printed no result: " + output));
        JsonNode result = JSON.readTree(line);
        Histogram latencies = new Histogram(3);
        for (JsonNode pair : result.get("latencies")) {
            latencies.recordValueWithCount(Math.max(1, pair.get(0).asLong()), pair.get(1).asLong());
        }
        return new LoadGenerator.Result(name, connections, result.get("micros").asLong() / 1e6,
                result.get("requests").asLong(), result.get("errors").asLong(), latencies);
    }
}
