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
import jakarta.ws.rs.core.Response;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import io.quarkus.security.identity.SecurityIdentity;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import nl.kennisveiligheid.screening.common.CaseStatus;
import nl.kennisveiligheid.screening.common.EmptyBody;
import nl.kennisveiligheid.screening.common.InvalidInputException;
import nl.kennisveiligheid.screening.common.PlainText;
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
@io.smallrye.faulttolerance.api.ApplyGuard(nl.kennisveiligheid.screening.load.EndpointGuards.OFFICERS)
@nl.kennisveiligheid.screening.load.WaitLimited
public class ReviewResource {

    @Inject
    ReviewService reviews;

    @Inject
    CallerIdentity caller;

    @Inject
    OfficerDirectory directory;

    @Inject
    SecurityIdentity security;

    @Inject
    nl.kennisveiligheid.screening.judgements.JudgementService judgements;

    @Inject
    nl.kennisveiligheid.screening.common.PublicUrl publicUrl;

    @GET
    @RolesAllowed({Roles.LEGAL_OFFICER, Roles.REVIEW_LEAD})
    @Operation(operationId = "listReviewQueue", summary = "The legal officers' queue and search, oldest deadline first",
            description = "Without `state`: the cases with the officers (FLAGGED, IN_REVIEW, INFORMATION_REQUESTED, "
                    + "REFUSAL_PROPOSED, OBJECTED). With `state`: the cases in that state, final ones included (REFUSED, "
                    + "WITHDRAWN and so on). The other parameters narrow the search. Without `page` and `size` the whole "
                    + "result is returned; with either, one page (size 20 unless given) and `X-Total-Count` says how many "
                    + "match. Overdue cases carry `overdue`; a case waiting for the institution's answer is never overdue.")
    @APIResponse(responseCode = "200", description = "The matching cases",
            headers = @org.eclipse.microprofile.openapi.annotations.headers.Header(name = "X-Total-Count",
                    description = "How many cases match, over all pages", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER)),
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY,
                            implementation = ReviewViews.QueueItem.class)))
    public Response queue(
            @Parameter(description = "Only cases in this state", schema = @Schema(implementation = CaseStatus.class))
            @QueryParam("state") String state,
            @Parameter(description = "Only cases held by the officer with this user name") @QueryParam("assignee")
            @Size(max = 200) @PlainText String assignee,
            @Parameter(description = "Only the case with this reference of its institution") @QueryParam("externalReference")
            @Size(max = 200) @PlainText String externalReference,
            @Parameter(description = "Only cases of this institution") @QueryParam("institution") @Size(max = 200)
            @PlainText String institution,
            @Parameter(description = "Only cases decided with this outcome",
                    schema = @Schema(enumeration = {"NOT_REQUIRED", "CLEARED", "APPROVED", "APPROVED_WITH_CONDITIONS", "REFUSED"}))
            @QueryParam("outcome") String outcome,
            @Parameter(description = "Only cases whose latest decision was on or after this day (YYYY-MM-DD, Amsterdam)")
            @QueryParam("decidedFrom") String decidedFrom,
            @Parameter(description = "Only cases whose latest decision was on or before this day (YYYY-MM-DD, Amsterdam)")
            @QueryParam("decidedTo") String decidedTo,
            @Parameter(description = "Only cases with this sensitive area code") @QueryParam("area") @Size(max = 100) @PlainText String area,
            @Parameter(description = "Only cases with an indicator for this list entry") @QueryParam("listEntry")
            @Size(max = 100) @PlainText String listEntry,
            @Parameter(description = "The page, from 0") @QueryParam("page") @Min(0) @Max(100_000) Integer page,
            @Parameter(description = "Cases per page") @QueryParam("size") @Min(1) @Max(100) Integer size) {
        remember();
        CaseStatus decided = outcome == null || outcome.isBlank() ? null : parse("outcome", outcome, CaseStatus.DECIDED);
        ReviewService.Found found = reviews.search(new ReviewService.Search(
                state == null || state.isBlank() ? null : parse("state", state, EnumSet.complementOf(EnumSet.of(CaseStatus.RECEIVED))),
                assignee, externalReference, institution, decided, day("decidedFrom", decidedFrom), day("decidedTo", decidedTo),
                area, listEntry, page, size));
        return Response.ok(found.items()).header("X-Total-Count", found.total()).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.LEGAL_OFFICER, Roles.REVIEW_LEAD})
    @Operation(operationId = "getReviewCase", summary = "A case in full",
            description = "The request, the assessment with every indicator's explanation, the decisions, the history and "
                    + "the actions the workflow leaves the calling officer now.")
    public ReviewViews.CaseDetail detail(@PathParam("id") UUID id) {
        remember();
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
    @RolesAllowed({Roles.LEGAL_OFFICER, Roles.REVIEW_LEAD})
    @Operation(operationId = "extendDeadline", summary = "Extend the decision deadline once",
            description = "Moves the deadline once per round, counted from the current deadline even when it has passed: "
                    + "by the policy's extension (Awb 4:14), or for an objection by six weeks (Awb 7:10(3)), to the end of "
                    + "the last day after the Algemene termijnenwet. Only the officer who holds the case, or a team lead; "
                    + "never an officer who took part in a decision objected to. The institution sees the new date and "
                    + "the reason.")
    @APIResponse(responseCode = "200", description = "The case with its new deadline")
    @APIResponse(responseCode = "409", description = "Extended once already, decided, or not the caller's to extend")
    public ReviewViews.CaseDetail extend(@PathParam("id") UUID id, @NotNull @Valid ReviewBodies.ExtensionBody body) {
        return reviews.extend(id, officer(), security.hasRole(Roles.REVIEW_LEAD), body);
    }

    @POST
    @Path("/{id}/information-requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "requestInformation", summary = "Ask the institution for information",
            description = "The officer who holds the case asks a question with a reply-by date (Awb 4:5). The case becomes "
                    + "INFORMATION_REQUESTED and its decision period stands still from the day after until the day of the "
                    + "answer, or the reply-by date if it passes unused (Awb 4:15(1)(a)). `replyBy` is required and after today.")
    @APIResponse(responseCode = "200", description = "The case, now INFORMATION_REQUESTED")
    @APIResponse(responseCode = "409", description = "The caller does not hold the case, or it is not in review")
    public ReviewViews.CaseDetail requestInformation(@PathParam("id") UUID id,
            @NotNull @Valid ReviewBodies.InformationRequestBody body) {
        return reviews.requestInformation(id, officer(), body);
    }

    @POST
    @Path("/{id}/late-objection-admission")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "admitLateObjection", summary = "Admit an objection received after its period",
            description = "An officer who took no part in the decision admits a late objection because its lateness is "
                    + "excusable (Awb 6:11), with the reason. The case becomes OBJECTED; the decision on it is due six weeks "
                    + "after the day the objection was received.")
    @APIResponse(responseCode = "200", description = "The case, now OBJECTED")
    @APIResponse(responseCode = "409", description = "No late objection waits, or the caller took part in the decision")
    public ReviewViews.CaseDetail admitLateObjection(@PathParam("id") UUID id,
            @NotNull @Valid ReviewBodies.AdmissionBody body) {
        return reviews.admitLateObjection(id, officer(), body);
    }

    @POST
    @Path("/{id}/reassignment")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.REVIEW_LEAD)
    @Operation(operationId = "reassignCase", summary = "A team lead moves a case to another officer",
            description = "Gives a case (FLAGGED, OBJECTED, IN_REVIEW or INFORMATION_REQUESTED) to the legal officer with "
                    + "the user name `assignee`, or back to the queue with `assignee` null, with a reason the history keeps. "
                    + "An objected case never goes to an officer who took part in the decision objected to. An officer is "
                    + "known to the service from their first sign-in.")
    @APIResponse(responseCode = "200", description = "The case with its new assignee")
    @APIResponse(responseCode = "409", description = "The case cannot be moved now, or not to this officer")
    public ReviewViews.CaseDetail reassign(@PathParam("id") UUID id, @NotNull @Valid ReviewBodies.ReassignmentBody body) {
        return reviews.reassign(id, officer(), body);
    }

    @POST
    @Path("/{id}/indicators/{n}/judgement")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "proposeJudgement", summary = "Propose that a matched entity is not the listed one",
            description = "The officer who holds the case records that indicator `n` (its position in "
                    + "`assessment.indicators`, from 0), a match with a list entry, is not that entity: with reasoning, a "
                    + "scope (INSTITUTION: this institution's cases; ALL: every institution's) and a last day at most the "
                    + "policy's `judgements.maxMonths` ahead. It is PROPOSED until a second officer confirms it; from then "
                    + "on the same normalised text matching the same entry, of the same content, is shown but no longer "
                    + "flags a case on its own. When the entry changes, the judgement lapses.")
    @APIResponse(responseCode = "201", description = "The judgement, PROPOSED; Location names it")
    @APIResponse(responseCode = "404", description = "No such case, or no indicator at that position")
    @APIResponse(responseCode = "409", description = "The caller does not hold the case, it is not in review, or the "
            + "indicator is not a match with a list entry")
    public Response proposeJudgement(@PathParam("id") UUID id, @PathParam("n") @Min(0) @Max(1000) int n,
            @NotNull @Valid nl.kennisveiligheid.screening.judgements.JudgementBodies.JudgementProposal body) {
        var officer = officer();
        var judgement = judgements.propose(id, n, body,
                new nl.kennisveiligheid.screening.judgements.JudgementService.Actor(officer.id(), officer.name()));
        return Response.created(publicUrl.of("/api/v1/judgements/" + judgement.id))
                .entity(nl.kennisveiligheid.screening.judgements.JudgementView.of(judgement, judgement.status)).build();
    }

    private ReviewService.Officer officer() {
        return new ReviewService.Officer(caller.officerId(), caller.userName());
    }

    /** Officers become known by user name at their first request, so that a lead can assign them cases. */
    private void remember() {
        if (security.hasRole(Roles.LEGAL_OFFICER)) {
            directory.remember(officer());
        }
    }

    private static CaseStatus parse(String field, String value, java.util.Collection<CaseStatus> allowed) {
        return allowed.stream().filter(s -> s.name().equals(value)).findFirst()
                .orElseThrow(() -> new InvalidInputException(field, "must be one of " + CaseStatus.names(allowed)));
    }

    private static LocalDate day(String field, String value) {
        return nl.kennisveiligheid.screening.common.QueryValues.date(field, value);
    }

}
