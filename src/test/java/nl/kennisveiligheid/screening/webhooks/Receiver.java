package nl.kennisveiligheid.screening.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Predicate;

/** A webhook receiver on a loopback port: records every request and answers from a script (then 200). */
final class Receiver implements AutoCloseable {

    record Received(Map<String, List<String>> headers, String body, int answered) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final Deque<Integer> script = new ConcurrentLinkedDeque<>();
    private volatile int otherwise = 200;

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Integer scripted = script.poll();
            int status = scripted == null ? otherwise : scripted;
            synchronized (received) {
                received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body, status));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The next answers, in order; after them {@link #otherwise}. */
    Receiver answer(Integer... statuses) {
        script.addAll(List.of(statuses));
        return this;
    }

    Receiver otherwise(int status) {
        otherwise = status;
        return this;
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    List<Received> await(Predicate<List<Received>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<Received> now = received();
            if (condition.test(now)) {
                return now;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the receiver did not get what was expected in 30 s; it got " + received().size()
                + " request(s)");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
