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
        List<OpenQuestion> openQuestions,
        Instant updatedAt,
        List<DecisionRecord> decisions) {

    /**
     * One binding decision of the case, superseded ones included: the automated one, the officers',
     * and the decision on an objection with the objection it answers. Officers appear by role.
     */
    public record DecisionRecord(UUID id, String kind, String outcome, String reasoning, List<String> conditions,
            Instant decidedAt, String decidedBy, UUID supersedes, boolean current, ObjectionRecord objection) {}

    /** The institution's objection a decision answers. */
    public record ObjectionRecord(Instant receivedAt, String grounds) {}

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
            String policyVersion, Instant updatedAt) {}

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
                LegalCalendar.lastDayEndingAt(c.decisionDue), c.extensionReason, open, c.updatedAt, history(c, decision));
    }

    private static List<DecisionRecord> history(ScreeningCase c, Decision latest) {
        if (latest == null) {
            return List.of();
        }
        List<Decision> all = Decision.list("caseId = ?1 order by decidedAt", c.id);
        return all.stream().map(d -> new DecisionRecord(d.id, d.kind, d.outcome, d.reasoning,
                CanonicalJson.read(d.conditions, new TypeReference<List<String>>() {}), d.decidedAt,
                Decision.KIND_AUTOMATED.equals(d.kind) ? "automated" : "legal-officer", d.supersedes,
                d.id.equals(latest.id),
                Decision.KIND_OBJECTION.equals(d.kind) && c.objectionReceivedAt != null
                        ? new ObjectionRecord(c.objectionReceivedAt, c.objectionGrounds) : null)).toList();
    }

    static Summary summary(ScreeningCase c) {
        return new Summary(c.id, c.externalReference, c.status, c.receivedAt, c.decisionDue, c.policyVersion, c.updatedAt);
    }
}
