package nl.kennisveiligheid.screening.intake;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import nl.kennisveiligheid.screening.cases.InformationRequest;
import nl.kennisveiligheid.screening.cases.ScreeningCase;
import nl.kennisveiligheid.screening.common.CanonicalJson;
import nl.kennisveiligheid.screening.common.CaseStatus;
import nl.kennisveiligheid.screening.decision.Decision;
import nl.kennisveiligheid.screening.periods.LegalCalendar;
import nl.kennisveiligheid.screening.triage.Assessment;

/** A case as its institution sees it: the request, the assessment, the status and the decision. */
public record CaseView(
        UUID id,
        String externalReference,
        String institution,
        CaseStatus status,
        Instant receivedAt,
        Instant decisionDue,
        String policyVersion,
        String policyHash,
        Assessment assessment,
        DecisionView decision,
        ScreeningRequest request,
        LocalDate decisionDueDate,
        String extensionReason,
        List<OpenQuestion> openQuestions) {

    /** A question of the officers that waits for the institution's answer; the period stands still meanwhile. */
    public record OpenQuestion(UUID id, String question, LocalDate replyBy, Instant askedAt) {}

    /** The binding decision: outcome, reasoning, conditions, when, by whom and under which policy. */
    public record DecisionView(String outcome, String reasoning, List<String> conditions, Instant decidedAt,
            String decidedBy, String policyVersion) {

        static DecisionView of(Decision d) {
            return d == null ? null : new DecisionView(d.outcome, d.reasoning, CanonicalJson.read(d.conditions, new TypeReference<>() {}),
                    d.decidedAt, d.decidedBy, d.policyVersion);
        }
    }

    /** A line of a case list: no personal data. */
    public record Summary(UUID id, String externalReference, CaseStatus status, Instant receivedAt, Instant decisionDue,
            String policyVersion) {}

    public record Page(List<Summary> items, int page, int size, long totalItems, int totalPages) {}

    static CaseView of(ScreeningCase c, Decision decision) {
        return of(c, decision, CanonicalJson.read(c.request, new TypeReference<ScreeningRequest>() {}),
                CanonicalJson.read(c.assessment, new TypeReference<Assessment>() {}));
    }

    /** For a case just written: the request and assessment in hand are what was stored. */
    static CaseView of(ScreeningCase c, Decision decision, ScreeningRequest request, Assessment assessment) {
        InformationRequest q = c.status == CaseStatus.INFORMATION_REQUESTED ? InformationRequest.openOf(c.id) : null;
        List<OpenQuestion> open = q == null ? List.of() : List.of(new OpenQuestion(q.id, q.question, q.replyBy, q.askedAt));
        return new CaseView(c.id, c.externalReference, c.institution, c.status, c.receivedAt, c.decisionDue,
                c.policyVersion, c.policyHash, assessment, DecisionView.of(decision), request,
                LegalCalendar.lastDayEndingAt(c.decisionDue), c.extensionReason, open);
    }

    static Summary summary(ScreeningCase c) {
        return new Summary(c.id, c.externalReference, c.status, c.receivedAt, c.decisionDue, c.policyVersion);
    }
}
