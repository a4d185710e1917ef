package nl.kennisveiligheid.screening.load;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import nl.kennisveiligheid.screening.common.Problem;
import nl.kennisveiligheid.screening.common.Problems;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A request refused by a full bulkhead: 503 problem+json with Retry-After, nothing started. */
public class LoadShedMappers {

    @Inject
    LoadConfig config;

    @ServerExceptionMapper
    public Response full(BulkheadException e) {
        return Response.status(503).type(Problem.MEDIA_TYPE).entity(overloaded())
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(config.retryAfterSeconds())).build();
    }

    /** The problem document of a refusal for load, also written by the {@link AdmissionGate}. */
    static Object overloaded() {
        return Problems.response(503, "overloaded", "Service Unavailable",
                "The service is at its limit for this kind of request; nothing was stored. Try again shortly.").getEntity();
    }
}
