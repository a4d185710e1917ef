package nl.kennisveiligheid.screening.webhooks;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** Webhook delivery ({@code screening.webhooks.*}). */
@ConfigMapping(prefix = "screening.webhooks")
public interface WebhookConfig {

    /**
     * Whether http to a loopback address may be subscribed and delivered to: in local mode only
     * (where the service generates its own keys), which is how tests and a developer's receiver work.
     */
    boolean allowLoopback();

    /**
     * The delays before each attempt after a failure, the Standard Webhooks example schedule: 5 s,
     * 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h (about three days in all). After the last the
     * endpoint is disabled.
     */
    @WithDefault("PT5S,PT5M,PT30M,PT2H,PT5H,PT10H,PT14H,PT20H,PT24H")
    List<Duration> retrySchedule();

    /** How long one delivery may take before it counts as failed. */
    @WithDefault("PT15S")
    Duration timeout();

    /** How long the previous secret still signs after a rotation. */
    @WithDefault("P1D")
    Duration rotationOverlap();

    /** The longest a Retry-After header may put the next attempt off. */
    @WithDefault("PT24H")
    Duration maxRetryAfter();

    /** How often the dispatcher looks for due deliveries (a Quarkus scheduler interval, e.g. {@code 1s}). */
    @WithDefault("1s")
    String dispatchEvery();

    /** Endpoints per institution. */
    @WithDefault("10")
    int maxPerInstitution();
}
