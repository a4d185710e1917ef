package nl.kennisveiligheid.screening.review;

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
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import nl.kennisveiligheid.screening.common.CaseStatus;
import nl.kennisveiligheid.screening.common.EmptyBody;
import nl.kennisveiligheid.screening.common.InvalidInputException;
import nl.kennisveiligheid.screening.security.CallerIdentity;
import nl.kennisveiligheid.screening.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Legal officers work the queue of flagged cases and decide them. */
@Path("/api/v1/reviews")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.LEGAL_OFFICER)
@Tag(name = "reviews", description = "The legal officers' queue and decisions")
public class ReviewResource {

    @Inject
    ReviewService reviews;

    @Inject
    CallerIdentity caller;

    @GET
    @Operation(operationId = "listReviewQueue", summary = "The legal officers' queue, oldest deadline first",
            description = "Cases that wait for an officer: FLAGGED, IN_REVIEW, REFUSAL_PROPOSED and OBJECTED. `state` keeps "
                    + "one of those states, `assignee` one officer's user name. Overdue cases carry `overdue`.")
    public List<ReviewViews.QueueItem> queue(
            @Parameter(description = "Only cases in this queue state: FLAGGED, IN_REVIEW, REFUSAL_PROPOSED or OBJECTED",
                    schema = @Schema(implementation = CaseStatus.class)) @QueryParam("state") String state,
            @Parameter(description = "Only cases held by the officer with this user name") @QueryParam("assignee")
            String assignee) {
        return reviews.queue(parseState(state), assignee);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getReviewCase", summary = "A case in full",
            description = "The request, the assessment with every indicator's explanation, the decisions, the history and "
                    + "the actions the workflow leaves the calling officer now.")
    public ReviewViews.CaseDetail detail(@PathParam("id") UUID id) {
        return reviews.detail(id);
    }

    @POST
    @Path("/{id}/assignment")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "takeCase", summary = "Take a case",
            description = "Assigns a flagged or objected case to the calling officer; it becomes IN_REVIEW. A case another "
                    + "officer holds, or an objection to a decision the caller took part in, is a 409.")
    @APIResponse(responseCode = "200", description = "The case, now IN_REVIEW with the caller")
    @APIResponse(responseCode = "409", description = "Taken already, or the workflow does not allow this officer to take it")
    public ReviewViews.CaseDetail assign(@PathParam("id") UUID id, EmptyBody body) {
        return reviews.assign(id, officer());
    }

    @POST
    @Path("/{id}/release")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "releaseCase", summary = "Give a taken case back to the queue",
            description = "The calling officer gives up a case they hold; it goes back to the queue in the state it came from.")
    @APIResponse(responseCode = "200", description = "The case, back in the queue")
    @APIResponse(responseCode = "409", description = "The case is not held by the calling officer")
    public ReviewViews.CaseDetail release(@PathParam("id") UUID id, EmptyBody body) {
        return reviews.release(id, officer());
    }

    @POST
    @Path("/{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "decideCase", summary = "Decide a case the caller holds",
            description = "APPROVED and APPROVED_WITH_CONDITIONS are binding at once and recorded on the decision log. "
                    + "REFUSED becomes REFUSAL_PROPOSED: a second officer must confirm it (four eyes). Reasoning is "
                    + "required; conditions only, and then at least one, with APPROVED_WITH_CONDITIONS.")
    @APIResponse(responseCode = "200", description = "The case, decided or with a refusal proposed")
    @APIResponse(responseCode = "409", description = "The case is not held by the calling officer, or not open to a decision")
    public ReviewViews.CaseDetail decide(@PathParam("id") UUID id, @NotNull @Valid ReviewBodies.DecisionBody body) {
        return reviews.decide(id, officer(), body);
    }

    @POST
    @Path("/{id}/confirmation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "confirmRefusal", summary = "Confirm a proposed refusal, or send it back",
            description = "A second officer, never the proposer, agrees (the refusal becomes binding) or disagrees with "
                    + "reasoning (the case returns to IN_REVIEW with the proposer).")
    @APIResponse(responseCode = "200", description = "The case, REFUSED or back IN_REVIEW")
    @APIResponse(responseCode = "409", description = "No refusal proposed, or the caller proposed it")
    public ReviewViews.CaseDetail confirm(@PathParam("id") UUID id, @NotNull @Valid ReviewBodies.ConfirmationBody body) {
        return reviews.confirm(id, officer(), body);
    }

    @POST
    @Path("/{id}/extension")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "extendDeadline", summary = "Extend the decision deadline once",
            description = "Moves the deadline by the policy's extension period, once per case, with a reason that the "
                    + "history keeps.")
    @APIResponse(responseCode = "200", description = "The case with its new deadline")
    @APIResponse(responseCode = "409", description = "Extended once already, or the case is not open")
    public ReviewViews.CaseDetail extend(@PathParam("id") UUID id, @NotNull @Valid ReviewBodies.ExtensionBody body) {
        return reviews.extend(id, officer(), body);
    }

    private ReviewService.Officer officer() {
        return new ReviewService.Officer(caller.officerId(), caller.userName());
    }

    private static CaseStatus parseState(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        return Arrays.stream(CaseStatus.values())
                .filter(s -> s.name().equals(state) && s.isInQueue()).findFirst()
                .orElseThrow(() -> new InvalidInputException("state", "must be one of "
                        + CaseStatus.names(CaseStatus.IN_QUEUE)));
    }
}
