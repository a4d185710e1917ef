package nl.kennisveiligheid.screening.cases;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An event of a case as its institution receives it, in the change feed and as a webhook's body.
 * Members a type does not carry are absent. It never names an officer.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A change of one of the institution's cases")
public record CaseEvent(
        @Schema(description = "case.received, case.in_review, case.information_requested, case.information_received, "
                + "case.deadline_extended, case.decided, case.withdrawn, case.objection_received, case.objection_withdrawn, "
                + "case.objection_decided, case.rescreen_flagged, case.rescreened, case.rescreening_decided or "
                + "case.personal_data_erased") String type,
        @Schema(description = "Unique; the webhook-id of its deliveries, so a receiver drops a repeat") UUID eventId,
        @Schema(description = "1, 2, 3, ... per institution, without gaps") long sequence,
        UUID caseId,
        String externalReference,
        @Schema(description = "The case's status after the change") String status,
        Instant occurredAt,
        @Schema(description = "case.received: the triage outcome (NOT_REQUIRED, CLEARED, FLAGGED); case.decided, "
                + "case.objection_decided, case.objection_withdrawn, case.rescreening_decided: the decision that stands")
        String outcome,
        @Schema(description = "case.decided, case.objection_decided, case.rescreening_decided: the conditions of the "
                + "decision") List<String> conditions,
        @Schema(description = "The end of the decision period after the change, where it moved") Instant decisionDue,
        LocalDate decisionDueDate,
        @Schema(description = "case.deadline_extended: why (Awb 4:14(3))") String reason,
        @Schema(description = "case.information_requested, case.information_received: the question") UUID questionId,
        @Schema(description = "case.information_requested: what the officers ask") String question,
        @Schema(description = "case.information_requested: the date an answer is due") LocalDate replyBy,
        @Schema(description = "case.information_received: ANSWERED or LAPSED") String state,
        @Schema(description = "case.rescreen_flagged, case.rescreened: the policy version that re-screened the case")
        String policyVersion,
        @Schema(description = "case.rescreen_flagged, case.rescreened: the version it was compared with")
        String previousPolicyVersion) {}
