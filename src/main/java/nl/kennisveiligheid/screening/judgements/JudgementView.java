package nl.kennisveiligheid.screening.judgements;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A judgement as staff see it, with the officers' user names; institutions never see judgements. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "An officers' judgement that a matched text is not the listed entity")
public record JudgementView(
        UUID id,
        @Schema(description = "PROPOSED, ACTIVE, REJECTED or REVOKED as recorded; an active one shows LAPSED once its "
                + "list entry changed or left the list in the version in effect, and EXPIRED after validUntil")
        String status,
        String verdict,
        @Schema(description = "INSTITUTION (that institution's cases only) or ALL") String scope,
        String institution,
        UUID caseId,
        @Schema(description = "The indicator's position in the case's assessment.indicators, from 0") int indicator,
        String listEntry,
        @Schema(description = "SHA-256 of the list entry's canonical JSON when judged") String entityHash,
        @Schema(description = "The matched text as matching normalises it: what the judgement covers") String normalizedText,
        String policyVersion,
        LocalDate validUntil,
        String reasoning,
        String proposedBy,
        Instant proposedAt,
        String confirmedBy,
        Instant confirmedAt,
        String confirmationReasoning,
        String revokedBy,
        Instant revokedAt,
        String revocationReasoning) {

    public static JudgementView of(OfficerJudgement j, String status) {
        return new JudgementView(j.id, status, j.verdict, j.scope, j.institution, j.caseId, j.indicatorIndex, j.entityId,
                j.entityHash, j.normalizedText, j.policyVersion, j.validUntil, j.reasoning, j.proposedByName, j.proposedAt,
                j.confirmedByName, j.confirmedAt, j.confirmationReasoning, j.revokedByName, j.revokedAt,
                j.revocationReasoning);
    }
}
