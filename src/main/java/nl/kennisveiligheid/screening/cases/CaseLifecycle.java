package nl.kennisveiligheid.screening.cases;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.kennisveiligheid.screening.common.CaseStatus;
import nl.kennisveiligheid.screening.common.ProblemException;
import nl.kennisveiligheid.screening.decision.CaseSnapshot;
import nl.kennisveiligheid.screening.decision.Decision;
import nl.kennisveiligheid.screening.decision.DecisionRecorder.Binding;
import nl.kennisveiligheid.screening.decision.DecisionRecorder;
import nl.kennisveiligheid.screening.policy.PolicyDocument;
import nl.kennisveiligheid.screening.policy.PolicyService;

/**
 * The one owner of a case's state: every change of a {@link ScreeningCase} is one of these
 * transitions. Each checks its rule ({@link OfficerActions} for officers), sets the status, appends
 * the history and flushes, so that a concurrent change of the same case fails this request with a
 * 409 before commit rather than the commit after it. Transitions join the caller's transaction.
 */
@ApplicationScoped
public class CaseLifecycle {

    private static final String INSERT = "insert into screening_case (id, institution, external_reference, request_hash,"
            + " request, status, policy_version, policy_hash, assessment, received_at, decision_due, updated_at, row_version)"
            + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?10, 0)"
            + " on conflict (institution, external_reference) do nothing";

    @Inject
    Clock clock;

    @Inject
    DecisionRecorder decisions;

    @Inject
    PolicyService policies;

    /** Who acts on a case, as its history records them. */
    public record Actor(String id, String name) {

        public static final Actor AUTOMATED = new Actor(Decision.AUTOMATED, null);

        public static Actor institution(String institution) {
            return new Actor("institution:" + institution, null);
        }
    }

    /**
     * A request as intake assessed it, ready to be stored; the lifecycle sets its deadline from the
     * deadlines of the policy it was assessed with.
     */
    public record Received(UUID id, String institution, String externalReference, String requestHash,
            String requestJson, CaseStatus status, String policyVersion, String policyHash, String assessmentJson,
            Instant receivedAt, PolicyDocument.Deadlines deadlines) {}

    // ------------------------------------------------------------------------------------------ receipt

    /**
     * Stores a new case with its RECEIVED history; empty when the institution used the reference
     * before (the database's unique constraint decides, so concurrent duplicates cannot both insert).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<ScreeningCase> receive(Received r) {
        int inserted = Panache.getEntityManager().createNativeQuery(INSERT)
                .setParameter(1, r.id()).setParameter(2, r.institution()).setParameter(3, r.externalReference())
                .setParameter(4, r.requestHash()).setParameter(5, r.requestJson()).setParameter(6, r.status().name())
                .setParameter(7, r.policyVersion()).setParameter(8, r.policyHash())
                .setParameter(9, r.assessmentJson()).setParameter(10, r.receivedAt())
                .setParameter(11, r.receivedAt().plus(weeks(r.deadlines().decisionWeeks())))
                .executeUpdate();
        if (inserted == 0) {
            return Optional.empty();
        }
        ScreeningCase stored = ScreeningCase.findById(r.id());
        CaseHistory.append(stored, r.receivedAt(), Actor.institution(r.institution()), CaseAction.RECEIVED,
                CaseStatus.RECEIVED, null);
        return Optional.of(stored);
    }

    /** Records triage's binding decision on a case it did not flag. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Decision decideAutomatically(ScreeningCase c, String reasoning, CaseSnapshot snapshot) {
        Decision decision = decisions.record(Binding.automated(c.id, c.status.name(), reasoning, c.receivedAt,
                c.policyVersion, c.policyHash, snapshot));
        CaseHistory.append(c, c.receivedAt, Actor.AUTOMATED, CaseAction.DECIDED_AUTOMATICALLY, CaseStatus.RECEIVED,
                decision.reasoning);
        return decision;
    }

    // ------------------------------------------------------------------------------------ institutions

    @Transactional(Transactional.TxType.MANDATORY)
    public ScreeningCase withdraw(UUID id, String institution) {
        ScreeningCase c = own(id, institution);
        if (!c.status.isOpen()) {
            throw ProblemException.conflict("case-closed", "Case " + id + " is " + c.status
                    + "; only an open case can be withdrawn.");
        }
        CaseStatus from = c.status;
        c.status = CaseStatus.WITHDRAWN;
        unassign(c);
        return done(c, Actor.institution(institution), CaseAction.WITHDRAWN, from, null);
    }

    /** An objection (bezwaar, Awb art. 6:7) within the policy's period after the decision, once. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ScreeningCase object(UUID id, String institution, String grounds) {
        ScreeningCase c = own(id, institution);
        if (!c.status.isDecided()) {
            throw ProblemException.conflict("not-decided", "Case " + id + " is " + c.status
                    + "; an objection is lodged against a decision.");
        }
        if (c.objectionCount > 0) {
            throw ProblemException.conflict("objection-decided", "The objection against this case was decided; "
                    + "the next step is an appeal to the administrative court.");
        }
        Decision decision = Decision.latestFor(c.id);
        PolicyDocument.Deadlines deadlines = policies.documentOf(c.policyVersion).deadlines();
        Instant now = clock.instant();
        Instant periodEnd = decision.decidedAt.plus(weeks(deadlines.objectionPeriodWeeks()));
        if (now.isAfter(periodEnd)) {
            throw ProblemException.conflict("objection-period-ended", "The objection period of "
                    + deadlines.objectionPeriodWeeks() + " weeks after the decision of " + decision.decidedAt
                    + " ended on " + periodEnd + ".");
        }
        CaseStatus from = c.status;
        c.status = CaseStatus.OBJECTED;
        c.objectionCount++;
        c.objectionGrounds = grounds;
        c.extended = false;
        c.decisionDue = now.plus(weeks(deadlines.objectionDecisionWeeks()));
        return done(c, Actor.institution(institution), CaseAction.OBJECTED, from, grounds);
    }

    // ---------------------------------------------------------------------------------------- officers

    @Transactional(Transactional.TxType.MANDATORY)
    public ScreeningCase take(UUID id, Actor officer) {
        ScreeningCase c = checked(OfficerActions.Action.TAKE, id, officer);
        CaseStatus from = c.status;
        c.status = CaseStatus.IN_REVIEW;
        c.assignee = officer.id();
        c.assigneeName = officer.name();
        return done(c, officer, CaseAction.ASSIGNED, from, null);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public ScreeningCase release(UUID id, Actor officer) {
        ScreeningCase c = checked(OfficerActions.Action.RELEASE, id, officer);
        CaseStatus from = c.status;
        c.status = c.objectionCount > 0 ? CaseStatus.OBJECTED : CaseStatus.FLAGGED;
        unassign(c);
        return done(c, officer, CaseAction.RELEASED, from, null);
    }

    /** APPROVED or APPROVED_WITH_CONDITIONS by the officer who holds the case: binding at once. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ScreeningCase approve(UUID id, Actor officer, CaseStatus outcome, String reasoning, List<String> conditions) {
        if (outcome != CaseStatus.APPROVED && outcome != CaseStatus.APPROVED_WITH_CONDITIONS) {
            throw new IllegalArgumentException("an approval is APPROVED or APPROVED_WITH_CONDITIONS");
        }
        ScreeningCase c = checked(OfficerActions.Action.DECIDE, id, officer);
        CaseStatus from = c.status;
        c.status = outcome;
        bind(c, reasoning, conditions, officer.id(), null);
        return done(c, officer, CaseAction.DECIDED, from, reasoning);
    }

    /** A refusal is only proposed: a second officer confirms it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ScreeningCase proposeRefusal(UUID id, Actor officer, String reasoning) {
        ScreeningCase c = checked(OfficerActions.Action.DECIDE, id, officer);
        CaseStatus from = c.status;
        c.status = CaseStatus.REFUSAL_PROPOSED;
        c.proposedBy = officer.id();
        c.proposalReasoning = reasoning;
        return done(c, officer, CaseAction.REFUSAL_PROPOSED, from, reasoning);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public ScreeningCase confirmRefusal(UUID id, Actor officer, String reasoning) {
        ScreeningCase c = checked(OfficerActions.Action.CONFIRM, id, officer);
        CaseStatus from = c.status;
        c.status = CaseStatus.REFUSED;
        bind(c, c.proposalReasoning + "\n\nConfirmed: " + reasoning, List.of(), c.proposedBy, officer.id());
        clearProposal(c);
        return done(c, officer, CaseAction.REFUSAL_CONFIRMED, from, reasoning);
    }

    /** The second officer disagrees: the case goes back to review with its proposer. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ScreeningCase sendBack(UUID id, Actor officer, String reasoning) {
        ScreeningCase c = checked(OfficerActions.Action.CONFIRM, id, officer);
        CaseStatus from = c.status;
        c.status = CaseStatus.IN_REVIEW;
        clearProposal(c);
        return done(c, officer, CaseAction.SENT_BACK, from, reasoning);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public ScreeningCase extend(UUID id, Actor officer, String reason) {
        ScreeningCase c = checked(OfficerActions.Action.EXTEND, id, officer);
        c.decisionDue = c.decisionDue.plus(weeks(policies.documentOf(c.policyVersion).deadlines().extensionWeeks()));
        c.extended = true;
        return done(c, officer, CaseAction.EXTENDED, c.status, reason);
    }

    /** The actions the workflow leaves this officer on this case now. */
    public Set<OfficerActions.Action> actionsFor(ScreeningCase c, Actor officer) {
        return OfficerActions.available(facts(c, officer), officer.id(),
                () -> CaseHistory.tookPartBeforeObjection(c.id, officer.id()));
    }

    // ----------------------------------------------------------------------------------------- helpers

    public static ScreeningCase load(UUID id) {
        ScreeningCase c = ScreeningCase.findById(id);
        if (c == null) {
            throw ProblemException.notFound("Case " + id);
        }
        return c;
    }

    private static ScreeningCase own(UUID id, String institution) {
        ScreeningCase c = ScreeningCase.findOwn(id, institution);
        if (c == null) {
            throw ProblemException.notFound("Case " + id);
        }
        return c;
    }

    private static ScreeningCase checked(OfficerActions.Action action, UUID id, Actor officer) {
        ScreeningCase c = load(id);
        OfficerActions.refusal(action, facts(c, officer), officer.id(),
                        () -> CaseHistory.tookPartBeforeObjection(c.id, officer.id()))
                .ifPresent(refusal -> {
                    throw ProblemException.conflict(refusal.slug(), refusal.detail());
                });
        return c;
    }

    private void bind(ScreeningCase c, String reasoning, List<String> conditions, String decidedBy,
            String confirmedBy) {
        Instant now = clock.instant();
        String outcome = c.status.name();
        Binding binding = c.objectionCount > 0
                ? Binding.onObjection(c.id, outcome, reasoning, conditions, decidedBy, confirmedBy, supersededId(c), now,
                        c.receivedAt, c.policyVersion, c.policyHash, facts(c))
                : Binding.byOfficers(c.id, outcome, reasoning, conditions, decidedBy, confirmedBy, now, c.receivedAt,
                        c.policyVersion, c.policyHash, facts(c));
        decisions.record(binding);
        unassign(c);
    }

    private static UUID supersededId(ScreeningCase c) {
        Decision earlier = Decision.latestFor(c.id);
        return earlier == null ? null : earlier.id;
    }

    private ScreeningCase done(ScreeningCase c, Actor actor, CaseAction action, CaseStatus from, String reasoning) {
        Instant now = clock.instant();
        c.updatedAt = now;
        CaseHistory.append(c, now, actor, action, from, reasoning);
        Panache.getEntityManager().flush();
        return c;
    }

    private static void unassign(ScreeningCase c) {
        c.assignee = null;
        c.assigneeName = null;
    }

    private static void clearProposal(ScreeningCase c) {
        c.proposedBy = null;
        c.proposalReasoning = null;
    }

    /** Officers decide stored cases: their request and assessment are read back once, for the log. */
    private static CaseSnapshot facts(ScreeningCase c) {
        return CaseSnapshot.stored(c.institution, c.request, c.assessment);
    }

    private static OfficerActions.CaseFacts facts(ScreeningCase c, Actor officer) {
        return new OfficerActions.CaseFacts(c.id, c.status, c.assignee, c.proposedBy, c.extended, c.objectionCount > 0);
    }

    private static Duration weeks(int weeks) {
        return Duration.ofDays(7L * weeks);
    }
}
