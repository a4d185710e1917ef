package nl.kennisveiligheid.screening.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a failed delivery again: the schedule's delay for the attempt, with up to 10% random
 * jitter so that endpoints failing together are not retried together, or the receiver's Retry-After
 * when it asked (429, 5xx) and that is later. Empty once the schedule is used up. Pure.
 */
public final class RetrySchedule {

    private final List<Duration> delays;
    private final Duration maxRetryAfter;

    public RetrySchedule(List<Duration> delays, Duration maxRetryAfter) {
        this.delays = List.copyOf(delays);
        this.maxRetryAfter = maxRetryAfter;
    }

    /**
     * The wait after {@code failedAttempts} failures (1 after the first), or empty when the endpoint
     * has had all its attempts.
     */
    public Optional<Duration> after(int failedAttempts, Optional<Duration> retryAfter, RandomGenerator random) {
        if (failedAttempts > delays.size()) {
            return Optional.empty();
        }
        Duration base = delays.get(failedAttempts - 1);
        long jitterMillis = base.toMillis() / 10 == 0 ? 0 : random.nextLong(base.toMillis() / 10 + 1);
        Duration scheduled = base.plusMillis(jitterMillis);
        Duration asked = retryAfter.map(d -> d.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : d).orElse(Duration.ZERO);
        return Optional.of(asked.compareTo(scheduled) > 0 ? asked : scheduled);
    }

    /** How many attempts an event gets in all: the first and one per delay. */
    public int attempts() {
        return delays.size() + 1;
    }
}
