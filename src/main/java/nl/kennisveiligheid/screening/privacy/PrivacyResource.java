package nl.kennisveiligheid.screening.privacy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import java.util.UUID;
import nl.kennisveiligheid.screening.cases.CaseLifecycle;
import nl.kennisveiligheid.screening.common.InvalidInputException;
import nl.kennisveiligheid.screening.common.PlainText;
import nl.kennisveiligheid.screening.common.QueryValues;
import nl.kennisveiligheid.screening.security.CallerIdentity;
import nl.kennisveiligheid.screening.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The data subject's rights under the GDPR, for the privacy officer. */
@Path("/api/v1/privacy")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PRIVACY_OFFICER)
@Tag(name = "privacy", description = "A data subject's rights: access (GDPR art. 15) and erasure (art. 17)")
public class PrivacyResource {

    @Inject
    PrivacyService privacy;

    @Inject
    CallerIdentity caller;

    /** A request to erase a case before its retention period ends. */
    public record ErasureBody(
            @NotNull @Schema(description = "The ground of GDPR art. 17(1): NO_LONGER_NECESSARY (a), CONSENT_WITHDRAWN (b), "
                    + "OBJECTION_UPHELD (c), UNLAWFULLY_PROCESSED (d), LEGAL_OBLIGATION (e)")
            PrivacyService.LegalGround legalGround,
            @NotBlank @Size(max = 2000) @PlainText @Schema(description = "Why, for the case's history; it is kept after the "
                    + "erasure as its record, so it must not name the person") String reason) {}

    /** The cases found of a person. */
    public record SubjectCases(List<PrivacyService.SubjectCase> cases) {}

    @GET
    @Path("/subjects")
    @Operation(operationId = "findSubjectCases", summary = "Find the cases of a person",
            description = "The cases held of the person with this full name and date of birth (the name compared without "
                    + "regard to case, spacing or Unicode form), whose personal data is not erased. Each case found is "
                    + "recorded in its history and as PERSONAL_DATA_ACCESSED on the log. The query string is never "
                    + "written to the access log.")
    @APIResponse(responseCode = "200", description = "The person's cases, oldest first; empty when none are held")
    public SubjectCases subject(
            @Parameter(description = "The full name as the request gave it", required = true) @QueryParam("fullName")
            @NotBlank @Size(max = 200) @PlainText String fullName,
            @Parameter(description = "YYYY-MM-DD", required = true) @QueryParam("dateOfBirth") String dateOfBirth) {
        LocalDate born = QueryValues.date("dateOfBirth", dateOfBirth);
        if (born == null) {
            throw new InvalidInputException("dateOfBirth", "is required, as YYYY-MM-DD");
        }
        return new SubjectCases(privacy.subject(fullName, born, officer()));
    }

    @GET
    @Path("/cases/{id}/export")
    @Operation(operationId = "exportCase", summary = "Everything held on a case, for an answer under GDPR art. 15",
            description = "The case, the request as submitted, the assessment, every decision, the history, the questions "
                    + "and answers, and the case's events on the log with their payloads decrypted while the case key "
                    + "lives; with the information art. 15(1) requires (purposes, recipients, storage period, rights, "
                    + "source, automated decision-making). Officers appear by role. The export is recorded in the history "
                    + "and as PERSONAL_DATA_ACCESSED on the log.")
    @APIResponse(responseCode = "200", description = "The export", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT, description = "Members: exportedAt; case (id, institution, "
                    + "externalReference, status, receivedAt, decisionDue, updatedAt, policyVersion, extensionReason, "
                    + "objectionGrounds, objectionReceivedAt, lateObjectionGrounds, lateObjectionReceivedAt, retentionKind, "
                    + "retentionEndsAt, erasedAt); request (as submitted, null once erased); assessment; decisions[] (id, kind, "
                    + "outcome, decidedAt, decidedBy as a role, reasoning, conditions, policyVersion, supersedes); history[] "
                    + "(at, action, by as a role, fromStatus, toStatus, reasoning); informationRequests[] (question, replyBy, "
                    + "askedAt, answer, closedAt, state); logEvents[] (the case's events, payload decrypted while the case "
                    + "key lives); information (purposes, categories, recipients, storagePeriod, rights, source, "
                    + "automatedDecisionMaking).")))
    @APIResponse(responseCode = "404", description = "No such case")
    public ObjectNode export(@PathParam("id") UUID id) {
        return privacy.export(id, officer());
    }

    @POST
    @Path("/cases/{id}/erasure")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "eraseCase", summary = "Erase a case's personal data before its retention ends (GDPR art. 17)",
            description = "Erases the case as the retention job does (the case key is shredded, the request and free texts "
                    + "go, the decisions' facts stay) and logs PERSONAL_DATA_ERASED with the legal ground. Refused (409) "
                    + "while the case is open, while a late objection awaits admission, and while the decision can still "
                    + "be objected to or appealed (Awb 6:7): the problem's `periodEnd` says until when.")
    @APIResponse(responseCode = "200", description = "The case was erased")
    @APIResponse(responseCode = "404", description = "No such case")
    @APIResponse(responseCode = "409", description = "Open, erased already, or a period to challenge the decision runs")
    public PrivacyService.ErasureDone erase(@PathParam("id") UUID id, @NotNull @Valid ErasureBody body) {
        return privacy.eraseOnRequest(id, officer(), body.legalGround(), body.reason());
    }

    private CaseLifecycle.Actor officer() {
        return new CaseLifecycle.Actor(caller.officerId(), caller.userName());
    }
}
