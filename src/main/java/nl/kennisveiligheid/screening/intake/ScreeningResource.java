package nl.kennisveiligheid.screening.intake;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import nl.kennisveiligheid.screening.common.CaseStatus;
import nl.kennisveiligheid.screening.common.EmptyBody;
import nl.kennisveiligheid.screening.common.InvalidInputException;
import nl.kennisveiligheid.screening.common.PublicUrl;
import nl.kennisveiligheid.screening.common.QueryValues;
import nl.kennisveiligheid.screening.security.CallerInstitution;
import nl.kennisveiligheid.screening.security.Roles;
import nl.kennisveiligheid.screening.triage.Assessment;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The HR-facing API: screening requests of the caller's own institution. */
@Path("/api/v1/screenings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "screenings", description = "Screening requests of the caller's institution")
@io.smallrye.faulttolerance.api.ApplyGuard(nl.kennisveiligheid.screening.load.EndpointGuards.INTAKE)
@nl.kennisveiligheid.screening.load.WaitLimited
public class ScreeningResource {

    @Inject
    PublicUrl publicUrl;

    @Inject
    IntakeService intake;

    @Inject
    ObjectionService objections;

    @Inject
    CallerInstitution caller;

    @Inject
    BatchIntake batch;

    @Inject
    nl.kennisveiligheid.screening.common.BodyReader reader;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.HR_SYSTEM)
    @Operation(operationId = "submitScreening", summary = "Submit a screening request",
            description = "Stores the request, triages it in the same transaction and answers with the case. NOT_REQUIRED "
                    + "and CLEARED are binding decisions at once; FLAGGED goes to the legal officers' queue. Idempotent on "
                    + "(institution, externalReference): the same body again gives 200 with the same case; a different "
                    + "body under a reference already used is a 409 and changes nothing.")
    @APIResponse(responseCode = "201", description = "A new case; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseView.class)))
    @APIResponse(responseCode = "200", description = "The same request was sent before: the case it created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseView.class)))
    @APIResponse(responseCode = "409", description = "The externalReference is taken by a different request")
    public Response submit(@org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScreeningRequest.class)))
            JsonNode body) {
        IntakeService.Submitted submitted = intake.submit(caller.require(), read(body));
        if (submitted.created()) {
            return Response.created(publicUrl.of("/api/v1/screenings/" + submitted.view().id()))
                    .entity(submitted.view()).build();
        }
        return Response.ok(submitted.view()).build();
    }

    @POST
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.HR_SYSTEM)
    @Operation(operationId = "submitScreeningBatch", summary = "Submit up to 100 screening requests at once",
            description = "Each item is handled as a single submission, in a transaction of its own, so one bad item never "
                    + "blocks the others. The answer is 207 with one result per item, in the items' order: `status` 201 "
                    + "with the new `case`, 200 with the case an identical earlier request created, or a 4xx with a "
                    + "`problem` naming the item's fields (paths inside the item).")
    @APIResponse(responseCode = "207", description = "One result per item",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchIntake.Results.class)))
    public Response submitBatch(@org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchDocument.class)))
            @NotNull @Valid BatchBody body) {
        return Response.status(207).entity(batch.submit(caller.require(), body.requests())).build();
    }

    /** A batch as it is read: the items stay JSON until each is read on its own. */
    public record BatchBody(@NotNull @jakarta.validation.constraints.Size(min = 1, max = BatchIntake.MAX_ITEMS)
            List<@NotNull JsonNode> requests) {}

    /** A batch as the contract shows it. */
    @Schema(name = "ScreeningBatch")
    public record BatchDocument(@Schema(minItems = 1, maxItems = BatchIntake.MAX_ITEMS) List<ScreeningRequest> requests) {}

    /** The body as a request, with every unknown field, wrong value and invalid field reported at once. */
    private ScreeningRequest read(JsonNode body) {
        nl.kennisveiligheid.screening.common.BodyReader.Read<ScreeningRequest> read = reader.read(body, ScreeningRequest.class);
        if (!read.valid()) {
            throw new InvalidInputException(read.errors());
        }
        return read.value();
    }

    @POST
    @Path("/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.HR_SYSTEM, Roles.LEGAL_OFFICER})
    @Operation(operationId = "previewScreening", summary = "Non-binding pre-check of a request",
            description = "Runs the same triage as a submission against the policy in effect now and answers with the "
                    + "assessment it would get. Nothing is stored, nothing is published, and the answer binds no one.")
    public Assessment preview(@org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScreeningRequest.class)))
            JsonNode body) {
        return intake.preview(caller.orNull(), read(body));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.HR_SYSTEM)
    @Operation(operationId = "getScreening", summary = "One case of the caller's institution",
            description = "The case with its status, deadlines, assessment and decision. Another institution's case is a "
                    + "404, exactly like a case that does not exist.")
    public CaseView get(@PathParam("id") UUID id) {
        return intake.get(caller.require(), id);
    }

    @Inject
    nl.kennisveiligheid.screening.audit.Checkpoints checkpoints;

    /** A decision as it is on the log with its C2SP tlog-proof: what an institution keeps to prove it offline. */
    public record DecisionProof(String record, long sequence, String proof) {}

    /** The latest decision's proof, and every decision of the case in log order. */
    public record DecisionProofs(String record, long sequence, String proof, List<DecisionProof> decisions) {}

    @GET
    @Path("/{id}/decision-proof")
    @RolesAllowed(Roles.HR_SYSTEM)
    @Operation(operationId = "getDecisionProof", summary = "The case's decision as it is on the log, with proof",
            description = "`record` is the decision's record exactly as on the log's topic, `sequence` its place, and "
                    + "`proof` a C2SP tlog-proof: the RFC 9162 inclusion proof of the record in a signed checkpoint. "
                    + "Kept with the key of `/api/v1/audit/public-key`, it proves the decision offline, years later, "
                    + "without this service. A case with several decisions (after an objection) lists them all in "
                    + "`decisions`; the top-level fields are the latest. 404 while the case has no decision on the log; "
                    + "409 `proof-pending` with Retry-After for the second or so until a checkpoint covers it.")
    public DecisionProofs decisionProof(@PathParam("id") UUID id) throws java.sql.SQLException {
        intake.get(caller.require(), id);
        List<DecisionProof> decisions = checkpoints.decisionsOf(id).stream()
                .map(d -> new DecisionProof(d.record(), d.sequence(), d.proof())).toList();
        if (decisions.isEmpty()) {
            throw nl.kennisveiligheid.screening.common.ProblemException.notFound("A decision of this case on the log");
        }
        DecisionProof latest = decisions.get(decisions.size() - 1);
        if (latest.proof() == null) {
            throw nl.kennisveiligheid.screening.common.ProblemException.notYet("proof-pending",
                    "The decision is on the log; the checkpoint that covers it follows within seconds.", 1);
        }
        return new DecisionProofs(latest.record(), latest.sequence(), latest.proof(), decisions);
    }

    @GET
    @RolesAllowed(Roles.HR_SYSTEM)
    @Operation(operationId = "listScreenings", summary = "The caller's cases, newest first",
            description = "A page of the institution's cases, newest first, narrowed by status, by the time of their last "
                    + "change (`updatedSince`, inclusive) or by `externalReference`. An unknown parameter is a 400.")
    public CaseView.Page list(@Parameter(description = "Only cases in this status",
                    schema = @Schema(implementation = CaseStatus.class)) @QueryParam("status") String status,
            @Parameter(description = "Only cases changed at or after this instant (ISO-8601, e.g. 2027-01-15T00:00:00Z)")
            @QueryParam("updatedSince") String updatedSince,
            @Parameter(description = "Only the case with this reference") @QueryParam("externalReference")
            @jakarta.validation.constraints.Size(max = 100) @nl.kennisveiligheid.screening.common.PlainText String externalReference,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return intake.list(caller.require(), new IntakeService.ListFilter(parseStatus(status),
                QueryValues.instant("updatedSince", updatedSince), externalReference), page, size);
    }

    @GET
    @Path("/changes")
    @RolesAllowed(Roles.HR_SYSTEM)
    @Operation(operationId = "listChanges", summary = "The institution's case events in order, for systems without webhooks",
            description = "The institution's events with a sequence greater than `after`, in sequence order (1, 2, 3, ... "
                    + "without gaps), at most `limit`. Pass `next` as `after` to read on; an empty page means nothing new "
                    + "yet. An event appears here within about a second of the change it reports.")
    public ChangeFeed changes(@QueryParam("after") @DefaultValue("0") @Min(0) long after,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        List<nl.kennisveiligheid.screening.cases.CaseEvent> events = intake.changes(caller.require(), after, limit);
        return new ChangeFeed(events, events.isEmpty() ? after : events.get(events.size() - 1).sequence());
    }

    /** A page of the change feed and where the next one starts. */
    public record ChangeFeed(List<nl.kennisveiligheid.screening.cases.CaseEvent> events,
            @Schema(description = "The sequence to pass as `after` for the next page") long next) {}

    @POST
    @Path("/{id}/withdrawal")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.HR_SYSTEM)
    @Operation(operationId = "withdrawScreening", summary = "Withdraw an open case",
            description = "Ends a case that is not yet decided (FLAGGED, IN_REVIEW, INFORMATION_REQUESTED, REFUSAL_PROPOSED). "
                    + "A decided or already withdrawn case is a 409, and so is a case under objection: its decision still "
                    + "stands, so withdraw the objection instead. The body is an empty object.")
    @APIResponse(responseCode = "200", description = "The withdrawn case")
    @APIResponse(responseCode = "409", description = "The case is decided, under objection or withdrawn already")
    public CaseView withdraw(@PathParam("id") UUID id, EmptyBody body) {
        return intake.withdraw(caller.require(), id);
    }

    @POST
    @Path("/{id}/objections")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.HR_SYSTEM)
    @Operation(operationId = "lodgeObjection", summary = "Lodge an objection (bezwaar) against the decision",
            description = "Objects to the case's decision within the objection period: six weeks (Awb 6:7) from the day "
                    + "after the decision was announced (6:8) to the end of the last day in Europe/Amsterdam, moved past "
                    + "weekends and holidays by the Algemene termijnenwet (6:9). The case becomes OBJECTED and goes to an "
                    + "officer who took no part in the decision. A decision that grants all that was asked (NOT_REQUIRED, "
                    + "CLEARED, APPROVED) cannot be objected to. A late objection is refused with `periodEnd`, the "
                    + "period's last day, and kept with the case for an officer to admit if its lateness is excusable (6:11).")
    @APIResponse(responseCode = "200", description = "The case, now OBJECTED")
    @APIResponse(responseCode = "409", description = "No decision to object to, no interest, objected already, or the period has ended")
    public CaseView object(@PathParam("id") UUID id, @NotNull @Valid ObjectionBody body) {
        return objections.object(caller.require(), id, body.grounds());
    }

    @POST
    @Path("/{id}/objection-withdrawal")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.HR_SYSTEM)
    @Operation(operationId = "withdrawObjection", summary = "Withdraw the objection",
            description = "Withdraws the objection being handled (Awb 6:21); the decision it was against stands again and "
                    + "the case returns to that decided state. The body is an empty object.")
    @APIResponse(responseCode = "200", description = "The case, decided again")
    @APIResponse(responseCode = "409", description = "No objection is being handled")
    public CaseView withdrawObjection(@PathParam("id") UUID id, EmptyBody body) {
        return objections.withdrawObjection(caller.require(), id);
    }

    @POST
    @Path("/{id}/information")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.HR_SYSTEM)
    @Operation(operationId = "answerInformationRequest", summary = "Answer the officers' open question",
            description = "Answers the question in `openQuestions`. The case returns to the officer who asked, and the "
                    + "decision period runs again: its end moves by the days it stood still, from the day after the "
                    + "question to the day of the answer (or the reply-by date, if that came first), to the end of the "
                    + "last day after the Algemene termijnenwet.")
    @APIResponse(responseCode = "200", description = "The case, back with the officers and with its new deadline")
    @APIResponse(responseCode = "409", description = "The case has no open question")
    public CaseView answer(@PathParam("id") UUID id, @NotNull @Valid AnswerBody body) {
        return intake.answer(caller.require(), id, body.answer());
    }

    /** The institution's answer to an open question: text (attachments are not taken). */
    public record AnswerBody(@jakarta.validation.constraints.NotBlank
            @jakarta.validation.constraints.Size(max = 20_000) @nl.kennisveiligheid.screening.common.PlainText String answer) {}

    /** The grounds of an objection. */
    public record ObjectionBody(@jakarta.validation.constraints.NotBlank
            @jakarta.validation.constraints.Size(max = 10_000) @nl.kennisveiligheid.screening.common.PlainText String grounds) {}

    private static CaseStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return CaseStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status", "must be one of " + Arrays.toString(CaseStatus.values()));
        }
    }
}
