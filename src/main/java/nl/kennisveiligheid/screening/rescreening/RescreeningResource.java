package nl.kennisveiligheid.screening.rescreening;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import nl.kennisveiligheid.screening.common.ProblemException;
import nl.kennisveiligheid.screening.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** How far the re-screening with a published version is. */
@Path("/api/v1/policies/{version}/rescreening")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "policies")
public class RescreeningResource {

    /** A run's progress; {@code finishedAt} is absent while it runs. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record RescreeningProgress(
            String policyVersion,
            @Schema(enumeration = {"RUNNING", "COMPLETED"}) String status,
            @Schema(description = "The cases the run re-screens, counted when it started") long counted,
            @Schema(description = "The cases re-assessed so far") long reassessed,
            @Schema(description = "Decided cases sent back to the officers as RESCREEN_FLAGGED") long alerts,
            @Schema(description = "Open cases that gained indicators") long indicatorsAdded,
            @Schema(description = "Decided cases received before this were outside the look-back") Instant lookBackFrom,
            Instant startedAt,
            Instant finishedAt) {}

    @GET
    @RolesAllowed({Roles.POLICY_ADMIN, Roles.LEGAL_OFFICER, Roles.REVIEW_LEAD, Roles.AUDITOR})
    @Operation(operationId = "getRescreening", summary = "The re-screening with a version",
            description = "When a published version takes effect, every open case and every case with a positive decision "
                    + "on a request received within the policy's `rescreening.lookBackMonths` (default 24) whose position "
                    + "has not ended is assessed again with it. 404 until the version has taken effect and its run started.")
    @APIResponse(responseCode = "200", description = "The run's progress")
    @APIResponse(responseCode = "404", description = "No run for this version (yet)")
    public RescreeningProgress get(@PathParam("version") @nl.kennisveiligheid.screening.policy.VersionId String version) {
        RescreeningRun run = RescreeningRun.findById(version);
        if (run == null) {
            throw ProblemException.notFound("Re-screening with policy version " + version);
        }
        return new RescreeningProgress(run.policyVersion, run.status, run.counted, run.reassessed, run.alerts, run.indicatorsAdded,
                run.lookBackFrom, run.startedAt, run.finishedAt);
    }
}
