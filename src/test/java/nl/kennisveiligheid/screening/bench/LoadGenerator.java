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
import java.util.concurrent.ScheduledExecutorService;
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
        double throughput() {
            return requests / seconds;
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
        Recorder recorder = new Recorder(3);
        AtomicLong count = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long total = ratePerSecond * duration.toSeconds();
        long intervalNanos = 1_000_000_000L / ratePerSecond;
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        List<java.util.concurrent.CompletableFuture<?>> inFlight = new ArrayList<>();
        for (long i = 0; i < total; i++) {
            long intended = start + i * intervalNanos;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            inFlight.add(client.sendAsync(requests.apply((int) i), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        recorder.recordValue(Math.max(1, (System.nanoTime() - intended) / 1000));
                        count.incrementAndGet();
                        if (failure != null || response.statusCode() != expectedStatus) {
                            errors.incrementAndGet();
                        }
                    }));
        }
        java.util.concurrent.CompletableFuture.allOf(inFlight.toArray(java.util.concurrent.CompletableFuture[]::new))
                .exceptionally(t -> null).join();
        ticker.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(name, 0, seconds, count.get(), errors.get(), recorder.getIntervalHistogram());
    }

    static HttpRequest.Builder request(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
    }
}
