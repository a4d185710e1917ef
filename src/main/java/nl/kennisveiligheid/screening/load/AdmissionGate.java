package nl.kennisveiligheid.screening.load;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicInteger;
import nl.kennisveiligheid.screening.common.CanonicalJson;
import nl.kennisveiligheid.screening.common.Problem;

/**
 * Admission on the event loop: each endpoint class takes at most its running plus waiting places
 * of requests, counted from the moment their body is in (a slow sender holds no place) to the answer. The bulkheads of {@link EndpointGuards} bound what
 * runs once a resource method is called; before that a request has its body read, its token checked
 * and waits for a worker of the shared pool, whose queue has no bound. Measured at twice intake's
 * capacity, requests waited there up to 30 s while the bulkhead refused almost none. Counting here
 * puts that waiting inside the bound: past it, the answer is 503 at once, before any work.
 */
@ApplicationScoped
public class AdmissionGate {

    /**
     * After an API body up to 64 KiB is read on the event loop ({@code common.EventLoopBodies}), so
     * that clients stalled in their bodies take no places, and before Quarkus REST.
     */
    static final int ORDER = -90;

    /** Where the gate leaves the moment it counted the request ({@link System#nanoTime()}). */
    static final String ADMITTED_AT = "screening.load.admittedAt";

    /** Where the gate leaves the request's endpoint class. */
    static final String ENDPOINT_CLASS = "screening.load.class";

    @Inject
    LoadConfig config;

    @Inject
    MeterRegistry metrics;

    void install(@Observes Router router) {
        gate(router, "/api/v1/screenings*", EndpointGuards.INTAKE, config.intake(), false);
        gate(router, "/api/v1/reviews*", EndpointGuards.OFFICERS, config.officers(), false);
        gate(router, "/api/v1/audit/replays*", EndpointGuards.REPLAY, config.replay(), false);
        gate(router, "/console*", EndpointGuards.CONSOLE, config.console(), true);
    }

    private void gate(Router router, String path, String endpointClass, LoadConfig.Bound bound, boolean page) {
        int places = Places.of(bound).total();
        AtomicInteger inFlight = new AtomicInteger();
        metrics.gauge("screening.load.in.flight", io.micrometer.core.instrument.Tags.of("class", endpointClass), inFlight);
        Counter refused = metrics.counter("screening.load.refused", "class", endpointClass);
        router.route(path).order(ORDER).handler(ctx -> {
            if (ctx.normalizedPath().startsWith("/console/assets/")) {
                ctx.next();
                return;
            }
            if (inFlight.incrementAndGet() > places) {
                inFlight.decrementAndGet();
                refused.increment();
                refuse(ctx, page);
                return;
            }
            ctx.put(ADMITTED_AT, System.nanoTime());
            ctx.put(ENDPOINT_CLASS, endpointClass);
            ctx.addEndHandler(done -> inFlight.decrementAndGet());
            ctx.next();
        });
    }

    private void refuse(RoutingContext ctx, boolean page) {
        var response = ctx.response().setStatusCode(503)
                .putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(config.retryAfterSeconds()));
        if (page) {
            response.putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=UTF-8").end(BUSY_PAGE);
        } else {
            response.putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(CanonicalJson.string(LoadShedMappers.overloaded()));
        }
    }

    /** The console's own 503 page is rendered by a worker; before one is given, this one says the same. */
    private static final String BUSY_PAGE = "<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\">"
            + "<title>Even druk / Busy for a moment</title></head><body><main><h1>Even druk</h1>"
            + "<p>De console heeft op dit moment zoveel werk als hij aankan; er is niets gewijzigd. Probeer het over een"
            + " seconde opnieuw.</p><h1 lang=\"en\">Busy for a moment</h1><p lang=\"en\">The console has as much work as"
            + " it can take right now; nothing was changed. Try again in a second.</p></main></body></html>";
}
