package nl.kennisveiligheid.screening.audit;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import nl.kennisveiligheid.screening.security.CallerIdentity;
import nl.kennisveiligheid.screening.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Auditors replay and verify the log; anyone may fetch the key that verifies its signatures. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit", description = "Replay and verification of the decision log")
public class AuditResource {

    @Inject
    ReplayService replays;

    @Inject
    AuditKeys keys;

    @Inject
    CallerIdentity caller;

    @POST
    @Path("/replays")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "Start a replay of the log from offset 0; 202 with the job, whose report fills in when done")
    public Response start(Map<String, Object> body) {
        ReplayReport report = replays.start(caller.officerId());
        return Response.accepted(report).location(URI.create("/api/v1/audit/replays/" + report.id())).build();
    }

    @GET
    @Path("/replays/{id}")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "A replay's report: chain, signatures, policy versions rebuilt, decisions re-derived, erasures")
    public ReplayReport report(@PathParam("id") UUID id) {
        return replays.find(id);
    }

    @GET
    @Path("/public-key")
    @PermitAll
    @Operation(summary = "The Ed25519 key (JWK) that verifies the log's signatures")
    public Map<String, String> publicKey() {
        return Ed25519Jwk.toJwk(keys.publicKey());
    }
}
