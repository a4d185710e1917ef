package nl.kennisveiligheid.screening.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.OutputStream;
import java.net.Socket;
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
import nl.kennisveiligheid.screening.support.Requests;
import nl.kennisveiligheid.screening.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * 200 clients that start a request body and then stall, with and without Content-Length, as a slow
 * network or an attacker would. They must not take the worker threads: readiness and an ordinary
 * request still answer while they hang, and when they go away nothing is logged as a fault.
 */
@QuarkusTest
class SlowClientsTest {

    private static final int SLOW = 200;
    private static final Path LOG = Path.of("target", "quarkus-test.log");

    @Test
    void twoHundredStalledBodiesLeaveReadinessAndOrdinaryRequestsAnswering() throws Exception {
        String token = Tokens.demoUniversity();
        long errorsBefore = errorLines();
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < SLOW; i++) {
                Socket socket = new Socket("127.0.0.1", RestAssured.port);
                OutputStream out = socket.getOutputStream();
                boolean chunked = i % 2 == 0;
                out.write(("POST /api/v1/screenings HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: application/json\r\n"
                        + (chunked ? "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"ext\r\n" : "Content-Length: 2000\r\n\r\n{\"ext"))
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                stalled.add(socket);
            }
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            // Generous bounds: they only decide whether an answer came at all, never how fast.
            HttpResponse<String> ready = client.send(HttpRequest.newBuilder(URI.create(base() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
            HttpResponse<String> ordinary = client.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/screenings"))
                    .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(Requests.clean())))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ordinary.statusCode()).isEqualTo(201);
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
        Thread.sleep(2_000);
        assertThat(errorLines()).as("clients that went away are no faults of the service").isEqualTo(errorsBefore);
    }

    private static String base() {
        return "http://127.0.0.1:" + RestAssured.port;
    }

    private static long errorLines() throws Exception {
        if (!Files.exists(LOG)) {
            return 0;
        }
        try (var lines = Files.lines(LOG)) {
            return lines.filter(l -> l.contains("\"level\":\"ERROR\"")).count();
        }
    }
}
