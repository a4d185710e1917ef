package nl.kennisveiligheid.screening.replay;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import nl.kennisveiligheid.screening.common.Problem;
import nl.kennisveiligheid.screening.common.PublicUrl;
import nl.kennisveiligheid.screening.security.CallerIdentity;
import nl.kennisveiligheid.screening.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Auditors replay and verify the log. */
@Path("/api/v1/audit/replays")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit", description = "Replay and verification of the decision log")
@io.smallrye.faulttolerance.api.ApplyGuard(nl.kennisveiligheid.screening.load.EndpointGuards.REPLAY)
@nl.kennisveiligheid.screening.load.WaitLimited
public class ReplayResource {

    /** What an auditor may give a replay: a checkpoint they kept and trust (a C2SP signed note), or nothing. */
    public record ReplayRequest(@jakarta.validation.constraints.Size(max = 4096) String checkpoint) {}

    @Inject
    PublicUrl publicUrl;

    @Inject
    ReplayService replays;

    @Inject
    CallerIdentity caller;

    @POST
    @RolesAllowed(Roles.AUDITOR)
    @Operation(operationId = "startReplay", summary = "Replay and verify the decision log",
            description = "Starts a job that reads the log from offset 0: it checks the hash chain and the signatures, "
                    + "that every record is exactly canonical and every redelivery byte-identical, rebuilds the Merkle "
                    + "tree and holds every checkpoint on the topic and a trusted checkpoint against it, rebuilds every "
                    + "policy version and re-derives every automated decision. The trusted checkpoint is `checkpoint` "
                    + "(a signed note the auditor kept) or, without it, the service's latest. Answers at once with the "
                    + "job; its report fills in when it is done. Unknown fields are refused.")
    @APIResponse(responseCode = "202", description = "The replay started; Location names its report",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReplayReport.class)))
    @APIResponse(responseCode = "429", description = "A replay of yours is still running, or as many as the service "
            + "runs at once; Retry-After says when to try again",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Response start(ReplayRequest request) throws java.sql.SQLException {
        ReplayReport report = replays.start(caller.officerId(), request == null ? null : request.checkpoint());
        return Response.accepted(report).location(publicUrl.of("/api/v1/audit/replays/" + report.id())).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(operationId = "getReplayReport", summary = "A replay's report",
            description = "Events read, whether the chain is intact (or its first broken sequence), whether every "
                    + "signature is valid, the policy versions rebuilt, the decisions re-derived and any mismatches, and "
                    + "the cases erased by retention.")
    public ReplayReport report(@PathParam("id") UUID id) {
        return replays.find(id);
    }
}
