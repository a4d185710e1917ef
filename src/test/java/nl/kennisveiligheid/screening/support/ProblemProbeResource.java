package nl.kennisveiligheid.screening.support;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A test-only endpoint that raises each kind of framework error on demand, so that the mapping to
 * problem+json is tested independently of any feature. Hidden from the OpenAPI contract.
 */
@Path("/test-support/problem-probe")
public class ProblemProbeResource {

    public record Item(@Min(0) Integer count) {}

    public record Body(@NotBlank String name, List<@Valid Item> items) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Body echo(@Valid Body body) {
        return body;
    }

    @GET
    @Path("/fault")
    @Operation(hidden = true)
    public String fault() {
        throw new IllegalStateException("Secret Person was here");
    }
}
