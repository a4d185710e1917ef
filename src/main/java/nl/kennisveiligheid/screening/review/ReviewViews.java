package nl.kennisveiligheid.screening.review;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import nl.kennisveiligheid.screening.cases.CaseAction;
import nl.kennisveiligheid.screening.cases.CaseHistory;
import nl.kennisveiligheid.screening.cases.InformationRequest;
import nl.kennisveiligheid.screening.cases.ScreeningCase;
import nl.kennisveiligheid.screening.common.CanonicalJson;
import nl.kennisveiligheid.screening.judgements.OfficerJudgement;
import nl.kennisveiligheid.screening.common.CaseStatus;
import nl.kennisveiligheid.screening.decision.Decision;
import nl.kennisveiligheid.screening.periods.LegalCalendar;
import nl.kennisveiligheid.screening.intake.ScreeningRequest;
import nl.kennisveiligheid.screening.triage.Assessment;

/** What legal officers see of cases: the queue and a case in full, with its history. */
public final class ReviewViews {

    private ReviewViews() {}

    /**
     * A line of the queue: the deadline (the instant it ends and its last day in Amsterdam), whether
     * it passed, and the risk in brief.
     */
    public record QueueItem(UUID id, String externalReference, CaseStatus status, Instant receivedAt,
            Instant decisionDue, boolean overdue,
            String assignee, boolean extended, boolean objection, List<String> indicators, List<String> areas,
            String institution, LocalDate decisionDueDate, List<RiskItem> riskSummary, List<AreaItem> areaSummary,
            boolean erased) {}

    /** An indicator in words: what kind, which list entry by name and risk level, and whether an officer judged it. */
    public record RiskItem(Assessment.IndicatorType type, String listEntry, String listEntryName, String riskLevel, boolean judged) {}

    /** A sensitive area the request touches, with its name. */
    public record AreaItem(String code, String name) {}

    /** An officer's question to the institution and its answer; the period stood still for suspendedDays. */
    public record QuestionEntry(UUID id, String question, LocalDate replyBy, String askedBy, Instant askedAt,
            String state, String answer, Instant closedAt, Integer suspendedDays) {

        static QuestionEntry of(InformationRequest q) {
            return new QuestionEntry(q.id, q.question, q.replyBy, q.askedByName, q.askedAt, q.state, q.answer, q.closedAt,
                    q.suspendedDays);
        }
    }

    /** An objection received after its period, waiting for an officer to admit it (Awb 6:11). */
    public record LateObjection(String grounds, Instant receivedAt) {}

    public record HistoryEntry(Instant at, String actor, String actorName, CaseAction action, CaseStatus fromStatus,
            CaseStatus toStatus, String reasoning) {}

    /** A decision; officers see the deciding officers' user names beside their ids (institutions never do). */
    public record DecisionEntry(UUID id, String kind, String outcome, String reasoning, List<String> conditions,
            String decidedBy, String confirmedBy, Instant decidedAt, String policyVersion, UUID supersedes,
            String decidedByName, String confirmedByName) {}

    /**
     * An officers' judgement that bears on the case: one its assessment applied (by reference), or one
     * proposed on it; with the officers' user names, which officers see and institutions never do.
     */
    public record JudgementNote(String reference, int indicator, String status, String listEntry, String proposedBy,
            String confirmedBy, Instant confirmedAt, LocalDate validUntil, String reasoning) {}

    public record CaseDetail(UUID id, String institution, String externalReference, CaseStatus status,
            Instant receivedAt, Instant decisionDue, boolean overdue, String assignee, String assigneeName,
            boolean extended, String proposedBy, String proposalReasoning, int objections, String objectionGrounds,
            String policyVersion, String policyHash, ScreeningRequest request, Assessment assessment,
            List<DecisionEntry> decisions, List<HistoryEntry> history, LocalDate decisionDueDate, String extensionReason,
            Instant objectionReceivedAt, LateObjection lateObjection, List<QuestionEntry> questions,
            List<JudgementNote> judgements) {}

    /** Past its deadline and not waiting for the institution (a suspended period does not run). */
    static boolean overdue(ScreeningCase c, Instant now) {
        return c.status.isOpen() && c.status != CaseStatus.INFORMATION_REQUESTED && now.isAfter(c.decisionDue);
    }

    static QueueItem item(ScreeningCase c, Instant now) {
        Assessment a = CanonicalJson.read(c.assessment, new TypeReference<>() {});
        return new QueueItem(c.id, c.externalReference, c.status, c.receivedAt, c.decisionDue,
                overdue(c, now), c.assigneeName,
                c.extended, c.objectionCount > 0,
                a.indicators().stream().map(i -> i.listEntry() == null ? i.type().name() : i.type() + ":" + i.listEntry()).toList(),
                a.sensitiveAreas().stream().map(Assessment.SensitiveAreaFinding::code).toList(),
                c.institution, LegalCalendar.lastDayEndingAt(c.decisionDue),
                a.indicators().stream().map(i -> new RiskItem(i.type(), i.listEntry(), i.listEntryName(),
                        i.riskLevel(), i.judgement() != null)).toList(),
                a.sensitiveAreas().stream().map(f -> new AreaItem(f.code(), f.name())).toList(), c.erasedAt != null);
    }

    static CaseDetail detail(ScreeningCase c, Instant now) {
        List<CaseHistory> entries = CaseHistory.of(c.id);
        // The history names every officer who acted on the case, so it names those who decided it.
        java.util.Map<String, String> names = new java.util.HashMap<>();
        entries.stream().filter(h -> h.actorName != null).forEach(h -> names.put(h.actor, h.actorName));
        List<DecisionEntry> decisions = Decision.<Decision>list("caseId = ?1 order by decidedAt", c.id).stream()
                .map(d -> new DecisionEntry(d.id, d.kind, d.outcome, d.reasoning, CanonicalJson.read(d.conditions, new TypeReference<>() {}),
                        d.decidedBy, d.confirmedBy, d.decidedAt, d.policyVersion, d.supersedes,
                        d.decidedBy == null ? null : names.get(d.decidedBy),
                        d.confirmedBy == null ? null : names.get(d.confirmedBy)))
                .toList();
        List<HistoryEntry> history = entries.stream()
                .map(h -> new HistoryEntry(h.at, h.actor, h.actorName, h.action, h.fromStatus, h.toStatus, h.reasoning))
                .toList();
        Assessment assessment = CanonicalJson.read(c.assessment, new TypeReference<>() {});
        return new CaseDetail(c.id, c.institution, c.externalReference, c.status, c.receivedAt, c.decisionDue,
                overdue(c, now), c.assignee, c.assigneeName, c.extended, c.proposedBy,
                c.proposalReasoning, c.objectionCount, c.objectionGrounds, c.policyVersion, c.policyHash,
                CanonicalJson.read(c.request, new TypeReference<>() {}), assessment,
                decisions, history, LegalCalendar.lastDayEndingAt(c.decisionDue), c.extensionReason,
                c.objectionReceivedAt,
                c.lateObjectionReceivedAt == null ? null : new LateObjection(c.lateObjectionGrounds, c.lateObjectionReceivedAt),
                InformationRequest.of(c.id).stream().map(QuestionEntry::of).toList(), judgements(c.id, assessment));
    }

    /** The judgements the assessment applied, by the indicator they judged, and those proposed on the case. */
    private static List<JudgementNote> judgements(UUID caseId, Assessment assessment) {
        java.util.Map<UUID, Integer> applied = new java.util.LinkedHashMap<>();
        for (int n = 0; n < assessment.indicators().size(); n++) {
            Assessment.Judged judged = assessment.indicators().get(n).judgement();
            if (judged != null) {
                applied.put(UUID.fromString(judged.reference()), n);
            }
        }
        List<OfficerJudgement> found = applied.isEmpty()
                ? OfficerJudgement.list("caseId = ?1 order by proposedAt", caseId)
                : OfficerJudgement.list("caseId = ?1 or id in ?2 order by proposedAt", caseId, applied.keySet());
        return found.stream().map(j -> new JudgementNote(j.id.toString(),
                applied.getOrDefault(j.id, j.caseId.equals(caseId) ? j.indicatorIndex : -1), j.status, j.entityId,
                j.proposedByName, j.confirmedByName, j.confirmedAt, j.validUntil, j.reasoning)).toList();
    }
}
