package nl.kennisveiligheid.screening.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * HTTP load with the JDK client and HdrHistogram: closed loop at a fixed concurrency, and open loop
 * at a fixed arrival rate whose latencies are measured from each request's intended start, so that a
 * stalled server cannot hide its queueing (coordinated omission).
 */
final class LoadGenerator {

    record Result(String name, int concurrency, double seconds, long requests, long errors, Histogram latencyMicros) {
        /**
         * Answers with the expected status per second: a refusal (503) is quick to give, so counting it
         * would let a service that sheds load look faster the more it sheds.
         */
        double throughput() {
            return (requests - errors) / seconds;
        }

        double percentileMillis(double p) {
            return latencyMicros.getValueAtPercentile(p) / 1000.0;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(64)).connectTimeout(Duration.ofSeconds(5)).build();

    /** {@code concurrency} workers send requests one after another for {@code duration}. */
    Result closedLoop(String name, int concurrency, Duration duration, IntFunction<HttpRequest> requests,
            int expectedStatus) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong count = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong sequence = new AtomicLong();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        long end = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            workers.submit(() -> {
                while (System.nanoTime() < end) {
                    HttpRequest request = requests.apply((int) sequence.getAndIncrement());
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != expectedStatus) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    recorder.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
                    count.incrementAndGet();
                }
                return null;
            });
        }
        workers.shutdown();
        workers.awaitTermination(duration.toSeconds() + 60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(name, concurrency, seconds, count.get(), errors.get(), recorder.getIntervalHistogram());
    }

    /** Requests started at a fixed rate regardless of the server; latency counts from the intended start. */
    Result openLoop(String name, int ratePerSecond, Duration duration, IntFunction<HttpRequest> requests,
            int expectedStatus) throws InterruptedException {
        Overload run = overload(name, ratePerSecond, duration, requests, expectedStatus);
        Result all = run.all();
        return new Result(name, 0, all.seconds(), all.requests(), all.requests() - run.served(), all.latencyMicros());
    }

    /**
     * An overload run: what was served, what was refused at once, and the ids of what was created; the
     * latencies of the served and the refused apart, and how late the generator itself sent each
     * request against its schedule (a late send is counted in the latency, so this tells the
     * generator's share of a slow answer from the service's).
     */
    record Overload(Result all, long served, long refused, long other, long slowerThanTwoSeconds,
            long servedSlowerThanTwoSeconds, long refusedSlowerThanTwoSeconds, Histogram servedMicros,
            Histogram refusedMicros, Histogram sendLatenessMicros, List<String> createdIds) {}

    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    /**
     * Requests started at a fixed rate regardless of the server, latency counted from each one's
     * intended start (no coordinated omission), with the expected status, 503 and anything else
     * counted apart.
     */
    Overload overload(String name, int ratePerSecond, Duration duration, IntFunction<HttpRequest> requests,
            int expectedStatus) throws InterruptedException {
        Latencies all = new Latencies();
        Latencies servedLatencies = new Latencies();
        Latencies refusedLatencies = new Latencies();
        Recorder lateness = new Recorder(3);
        AtomicLong other = new AtomicLong();
        List<String> created = java.util.Collections.synchronizedList(new ArrayList<>());
        long total = ratePerSecond * duration.toSeconds();
        long intervalNanos = 1_000_000_000L / ratePerSecond;
        long start = System.nanoTime();
        List<java.util.concurrent.CompletableFuture<?>> inFlight = new ArrayList<>();
        for (long i = 0; i < total; i++) {
            long intended = start + i * intervalNanos;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            HttpRequest request = requests.apply((int) i);
            lateness.recordValue(Math.max(1, (System.nanoTime() - intended) / 1000));
            inFlight.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> {
                        long micros = Math.max(1, (System.nanoTime() - intended) / 1000);
                        all.record(micros);
                        if (failure == null && response.statusCode() == expectedStatus) {
                            servedLatencies.record(micros);
                            java.util.regex.Matcher id = ID.matcher(response.body());
                            if (id.find()) {
                                created.add(id.group(1));
                            }
                        } else if (failure == null && response.statusCode() == 503) {
                            refusedLatencies.record(micros);
                        } else {
                            other.incrementAndGet();
                        }
                    }));
        }
        java.util.concurrent.CompletableFuture.allOf(inFlight.toArray(java.util.concurrent.CompletableFuture[]::new))
                .exceptionally(t -> null).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        Histogram served = servedLatencies.histogram();
        Histogram refused = refusedLatencies.histogram();
        return new Overload(new Result(name, 0, seconds, total, other.get(), all.histogram()), served.getTotalCount(),
                refused.getTotalCount(), other.get(), all.slowerThanTwoSeconds(), servedLatencies.slowerThanTwoSeconds(),
                refusedLatencies.slowerThanTwoSeconds(), served, refused, lateness.getIntervalHistogram(),
                List.copyOf(created));
    }

    /** Latencies of one kind of answer, and how many came after the overload goal's 2 s, counted exactly. */
    private static final class Latencies {
        private final Recorder recorder = new Recorder(3);
        private final AtomicLong slow = new AtomicLong();

        void record(long micros) {
            recorder.recordValue(micros);
            if (micros > 2_000_000) {
                slow.incrementAndGet();
            }
        }

        Histogram histogram() {
            return recorder.getIntervalHistogram();
        }

        long slowerThanTwoSeconds() {
            return slow.get();
        }
    }

    static HttpRequest.Builder request(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
    }
}
