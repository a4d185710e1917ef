package nl.kennisveiligheid.screening.judgements;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import nl.kennisveiligheid.screening.common.InvalidInputException;
import nl.kennisveiligheid.screening.policy.PolicyService;
import nl.kennisveiligheid.screening.security.CallerIdentity;
import nl.kennisveiligheid.screening.security.Roles;
import nl.kennisveiligheid.screening.triage.TriagePolicy;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Officers' judgements: confirmed by a second officer, listed for staff, revoked by a lead or a policy administrator. */
@Path("/api/v1/judgements")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "judgements", description = "Officers' judgements that a match is not the listed entity")
@io.smallrye.faulttolerance.api.ApplyGuard(nl.kennisveiligheid.screening.load.EndpointGuards.OFFICERS)
@nl.kennisveiligheid.screening.load.WaitLimited
public class JudgementResource {

    private static final Set<String> STATUSES = Set.of(OfficerJudgement.PROPOSED, OfficerJudgement.ACTIVE,
            OfficerJudgement.REJECTED, OfficerJudgement.REVOKED);

    @Inject
    JudgementService judgements;

    @Inject
    PolicyService policies;

    @Inject
    CallerIdentity caller;

    @GET
    @RolesAllowed({Roles.LEGAL_OFFICER, Roles.REVIEW_LEAD, Roles.POLICY_ADMIN, Roles.AUDITOR})
    @Operation(operationId = "listJudgements", summary = "Officers' judgements, newest first",
            description = "Every judgement with who proposed, confirmed or revoked it and why. `status` narrows by the "
                    + "recorded status; an active judgement whose list entry changed in the version in effect shows as "
                    + "LAPSED, and one past its `validUntil` as EXPIRED.")
    public List<JudgementView> list(
            @Parameter(description = "PROPOSED, ACTIVE, REJECTED or REVOKED") @QueryParam("status") String status,
            @Parameter(description = "Only judgements on this list entry") @QueryParam("listEntry")
            @jakarta.validation.constraints.Size(max = 100) @nl.kennisveiligheid.screening.common.PlainText String listEntry) {
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidInputException("status", "must be one of " + STATUSES.stream().sorted().toList());
        }
        TriagePolicy current = policies.current().triage();
        LocalDate today = judgements.today();
        return judgements.list(status, listEntry == null || listEntry.isBlank() ? null : listEntry).stream()
                .map(j -> JudgementView.of(j, judgements.effectiveStatus(j, current, today))).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.LEGAL_OFFICER, Roles.REVIEW_LEAD, Roles.POLICY_ADMIN, Roles.AUDITOR})
    @Operation(operationId = "getJudgement", summary = "One judgement")
    public JudgementView get(@PathParam("id") UUID id) {
        return view(judgements.load(id));
    }

    @POST
    @Path("/{id}/confirmation")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.LEGAL_OFFICER)
    @Operation(operationId = "confirmJudgement", summary = "Confirm or reject a proposed judgement",
            description = "A second legal officer, never the proposer, agrees (the judgement becomes ACTIVE and applies "
                    + "to every later assessment within its scope) or disagrees (REJECTED), with reasoning.")
    @APIResponse(responseCode = "200", description = "The judgement, ACTIVE or REJECTED")
    @APIResponse(responseCode = "409", description = "Not proposed, or the caller proposed it")
    public JudgementView confirm(@PathParam("id") UUID id, @NotNull @Valid JudgementBodies.JudgementConfirmation body) {
        return view(judgements.confirm(id, body, actor()));
    }

    @POST
    @Path("/{id}/revocation")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.REVIEW_LEAD, Roles.POLICY_ADMIN})
    @Operation(operationId = "revokeJudgement", summary = "Revoke a judgement",
            description = "A team lead or a policy administrator revokes a proposed or active judgement, with reasoning; "
                    + "from then on its matches flag cases again.")
    @APIResponse(responseCode = "200", description = "The judgement, REVOKED")
    @APIResponse(responseCode = "409", description = "Rejected or revoked already")
    public JudgementView revoke(@PathParam("id") UUID id, @NotNull @Valid JudgementBodies.JudgementRevocation body) {
        return view(judgements.revoke(id, body, actor()));
    }

    private JudgementView view(OfficerJudgement j) {
        return JudgementView.of(j, judgements.effectiveStatus(j, policies.current().triage(), judgements.today()));
    }

    private JudgementService.Actor actor() {
        return new JudgementService.Actor(caller.officerId(), caller.userName());
    }
}
