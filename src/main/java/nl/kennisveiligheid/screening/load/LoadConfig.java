package nl.kennisveiligheid.screening.load;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How much work each endpoint class may have at once ({@code screening.load.*}): requests running,
 * and requests waiting for a place. Past both, a request is refused at once with 503 rather than
 * queued without bound behind the worker pool.
 */
@ConfigMapping(prefix = "screening.load")
public interface LoadConfig {

    /** HR systems' intake and case reads ({@code /api/v1/screenings}). */
    Bound intake();

    /** Legal officers' queue and actions ({@code /api/v1/reviews}). */
    Bound officers();

    /** Auditors' replays ({@code /api/v1/audit/replays}). */
    Bound replay();

    /** The legal officers' web console. */
    Bound console();

    /**
     * The longest a request may wait between admission and the start of its work. A place that frees
     * up later goes to a request its client is still waiting for; the one that waited longer is
     * refused like any other past the bound, so that an answer never comes later than this plus the
     * work itself, even when the service stalls for a moment (a slow disk, a long pause).
     */
    @WithDefault("PT1S")
    java.time.Duration maxQueueWait();

    /** Seconds a refused caller is told to wait ({@code Retry-After}). */
    @WithDefault("1")
    int retryAfterSeconds();

    /** Read through {@link Places#of}, which fills in what is left unset. */
    interface Bound {

        /** Requests of this class running at once; unset, {@link #runningPerProcessor()} for each processor. */
        java.util.Optional<Integer> running();

        /** Requests of this class waiting for a place, in arrival order; unset, twice the running ones. */
        java.util.Optional<Integer> waiting();

        /**
         * Running requests per processor the JVM may use (its container's CPU limit) when
         * {@link #running()} is unset.
         */
        @WithDefault("2")
        int runningPerProcessor();
    }
}
