package nl.kennisveiligheid.screening.load;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;

/**
 * Runs inside the endpoint class's bulkhead (SmallRye Fault Tolerance's interceptor has priority
 * 4010), when the request has its place and before any work: a request that waited longer than
 * {@code screening.load.max-queue-wait} since {@link AdmissionGate} counted it is refused as past the
 * bound (503 {@code overloaded}), so a stall of the service turns into refusals at once instead of
 * answers many seconds late. Counted as {@code screening_load_expired_total} per class.
 */
@WaitLimited
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER + 20)
public class WaitLimitInterceptor {

    @Inject
    LoadConfig config;

    @Inject
    CurrentVertxRequest request;

    @Inject
    MeterRegistry metrics;

    @AroundInvoke
    Object startOrRefuse(InvocationContext invocation) throws Exception {
        RoutingContext context = request.getCurrent();
        Long admittedAt = context == null ? null : context.get(AdmissionGate.ADMITTED_AT);
        String endpointClass = context == null ? null : context.get(AdmissionGate.ENDPOINT_CLASS);
        if (admittedAt != null && System.nanoTime() - admittedAt > config.maxQueueWait().toNanos()) {
            metrics.counter("screening.load.expired", "class", endpointClass).increment();
            throw new BulkheadException("waited longer than screening.load.max-queue-wait for a place");
        }
        return invocation.proceed();
    }
}
