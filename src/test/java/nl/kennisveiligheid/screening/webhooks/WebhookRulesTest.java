package nl.kennisveiligheid.screening.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pure rules of delivery: the address check, the retry schedule and the signature. No server. */
class WebhookRulesTest {

    /** Resolves every name to the given literal address, as a rebinding attacker's DNS would. */
    static EndpointGuard guard(boolean allowLoopback, String address) {
        return new EndpointGuard(allowLoopback, host -> new InetAddress[] {InetAddress.getByName(address)});
    }

    @Test
    void aNameThatResolvesInsideIsRefusedWhateverItLooksLike() {
        URI url = URI.create("https://hr.example-university.nl/hooks");
        assertThat(guard(false, "145.97.1.10").refusal(url)).isEmpty();
        for (String inside : List.of("10.0.0.5", "172.16.3.4", "192.168.1.1", "169.254.169.254", "127.0.0.1", "0.0.0.0",
                "100.64.0.1", "::1", "fe80::1", "fd12:3456::1", "224.0.0.1", "255.255.255.255")) {
            assertThat(guard(false, inside).refusal(url)).as(inside).isPresent();
        }
        assertThat(guard(false, "127.0.0.1").refusal(url)).contains("resolves to a loopback address");
        assertThat(guard(false, "169.254.169.254").refusal(url).orElseThrow()).contains("metadata");
    }

    @Test
    void loopbackAndPlainHttpOnlyInLocalModeAndOnlyToLoopback() {
        assertThat(guard(true, "127.0.0.1").refusal(URI.create("http://127.0.0.1:9000/hook"))).isEmpty();
        assertThat(guard(false, "127.0.0.1").refusal(URI.create("http://127.0.0.1:9000/hook"))).isPresent();
        assertThat(guard(true, "145.97.1.10").refusal(URI.create("http://hr.example.nl/hook")))
                .contains("must be an https URL (http only to loopback, in local mode)");
        assertThat(guard(true, "10.0.0.1").refusal(URI.create("https://hr.example.nl/hook"))).isPresent();
        assertThat(guard(true, "145.97.1.10").refusal(URI.create("ftp://hr.example.nl/hook"))).isPresent();
        assertThat(new EndpointGuard(true, host -> {
            throw new UnknownHostException(host);
        }).refusal(URI.create("https://nowhere.invalid/"))).contains("names a host that does not resolve");
    }

    @Test
    void theScheduleSpansAboutThreeDaysWithJitterAndHonoursRetryAfter() {
        List<Duration> example = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(14), Duration.ofHours(20),
                Duration.ofHours(24));
        RetrySchedule schedule = new RetrySchedule(example, Duration.ofHours(24));
        Random random = new Random(7);
        Duration total = Duration.ZERO;
        for (int failed = 1; failed <= example.size(); failed++) {
            Duration wait = schedule.after(failed, Optional.empty(), random).orElseThrow();
            assertThat(wait).isBetween(example.get(failed - 1), example.get(failed - 1).multipliedBy(11).dividedBy(10));
            total = total.plus(wait);
        }
        assertThat(total).isBetween(Duration.ofHours(75), Duration.ofHours(84));
        assertThat(schedule.after(example.size() + 1, Optional.empty(), random)).isEmpty();
        assertThat(schedule.attempts()).isEqualTo(10);
        assertThat(schedule.after(1, Optional.of(Duration.ofMinutes(10)), random)).contains(Duration.ofMinutes(10));
        assertThat(schedule.after(1, Optional.of(Duration.ofDays(30)), random)).contains(Duration.ofHours(24));
        assertThat(WebhookDispatcher.retryAfter(Optional.of("120"))).contains(Duration.ofSeconds(120));
        assertThat(WebhookDispatcher.retryAfter(Optional.of("soon"))).isEmpty();
    }

    @Test
    void theSignatureIsWhatTheReferenceLibraryComputes() throws Exception {
        String secret = WebhookSignature.newSecret();
        assertThat(secret).startsWith("whsec_");
        assertThat(java.util.Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        long timestamp = Instant.now().getEpochSecond();
        String body = "{\"type\":\"case.decided\",\"sequence\":7}";
        String header = WebhookSignature.header(List.of(secret), "msg-1", timestamp, body);
        assertThat(header).isEqualTo(new Webhook(secret).sign("msg-1", timestamp, body));
        new Webhook(secret).verify(body, Map.of("webhook-id", List.of("msg-1"), "webhook-timestamp",
                List.of(Long.toString(timestamp)), "webhook-signature", List.of(header)));
    }
}
