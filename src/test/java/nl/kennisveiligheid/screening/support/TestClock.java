package nl.kennisveiligheid.screening.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in tests: the real one, or set to an instant from which it runs on. It replaces
 * the production clock producer, so deadlines are tested at the instants the law cares about (23:30
 * on a period's last day) without waiting for them. Tests that set it reset it when they end.
 */
@ApplicationScoped
public class TestClock {

    private static final MovableClock CLOCK = new MovableClock();

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    Clock clock() {
        return CLOCK;
    }

    /** From now on, the service's time runs from this instant. */
    public static void set(Instant instant) {
        CLOCK.offset = Duration.between(Instant.now(), instant);
    }

    /** Sets the clock to a local date-time in Amsterdam, as the law reads time. */
    public static void setAmsterdam(String localDateTime) {
        set(java.time.LocalDateTime.parse(localDateTime).atZone(ZoneId.of("Europe/Amsterdam")).toInstant());
    }

    public static void set(OffsetDateTime time) {
        set(time.toInstant());
    }

    public static void reset() {
        CLOCK.offset = Duration.ZERO;
    }

    private static final class MovableClock extends Clock {

        private volatile Duration offset = Duration.ZERO;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the service's clock is UTC");
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }
}
