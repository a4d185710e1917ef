package nl.kennisveiligheid.screening.load;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One SmallRye Fault Tolerance bulkhead per endpoint class, shared by every method of the class that
 * applies it ({@code @ApplyGuard(EndpointGuards.INTAKE)}), so that the bound holds for the class as a
 * whole. Synchronous queueing lets a short burst wait in order instead of being refused; beyond the
 * queue the bulkhead refuses at once, which {@code LoadShedMappers} answer with 503 and Retry-After.
 * Health and metrics are never guarded.
 */
@ApplicationScoped
public class EndpointGuards {

    public static final String INTAKE = "intake";
    public static final String OFFICERS = "officers";
    public static final String REPLAY = "replay";
    public static final String CONSOLE = "console";

    @Inject
    MeterRegistry metrics;

    @Produces
    @Singleton
    @Identifier(INTAKE)
    Guard intake(LoadConfig config) {
        return bulkhead(INTAKE, config.intake());
    }

    @Produces
    @Singleton
    @Identifier(OFFICERS)
    Guard officers(LoadConfig config) {
        return bulkhead(OFFICERS, config.officers());
    }

    @Produces
    @Singleton
    @Identifier(REPLAY)
    Guard replay(LoadConfig config) {
        return bulkhead(REPLAY, config.replay());
    }

    @Produces
    @Singleton
    @Identifier(CONSOLE)
    Guard console(LoadConfig config) {
        return bulkhead(CONSOLE, config.console());
    }

    /**
     * With {@code screening_load_admitted} (running or waiting for a place) and
     * {@code screening_load_refused_total} per endpoint class.
     */
    private Guard bulkhead(String endpointClass, LoadConfig.Bound bound) {
        AtomicInteger admitted = metrics.gauge("screening.load.admitted", Tags.of("class", endpointClass),
                new AtomicInteger());
        Counter refused = metrics.counter("screening.load.refused", "class", endpointClass);
        Places places = Places.of(bound);
        return Guard.create().withBulkhead().limit(places.running()).queueSize(Math.max(1, places.waiting()))
                .enableSynchronousQueueing()
                .onAccepted(admitted::incrementAndGet).onFinished(admitted::decrementAndGet).onRejected(refused::increment)
                .done().build();
    }
}
