package nl.kennisveiligheid.screening.cases;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.kennisveiligheid.screening.audit.AuditOutbox;
import nl.kennisveiligheid.screening.common.CaseStatus;
import nl.kennisveiligheid.screening.common.InvalidInputException;
import nl.kennisveiligheid.screening.common.ProblemException;
import nl.kennisveiligheid.screening.decision.CaseSnapshot;
import nl.kennisveiligheid.screening.decision.Decision;
import nl.kennisveiligheid.screening.decision.DecisionRecorder.Binding;
import nl.kennisveiligheid.screening.decision.DecisionRecorder;
import nl.kennisveiligheid.screening.periods.LegalCalendar;
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
            + " request, status, policy_version, policy_hash, assessment, received_at, decision_due, due_nominal, updated_at,"
            + " row_version, retention_kind, retention_starts_at, retention_ends_at, screened_version, position_ends_on,"
            + " triaged_as, area_codes)"
            + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?10, 0, ?13, ?14, ?15, ?7, ?16, ?6,"
            // The figures count areas from a column, so the database reads them out of the assessment once.
            + " array(select jsonb_array_elements(cast(?9 as jsonb) -> 'sensitiveAreas') ->> 'code'))"
            + " on conflict (institution, external_reference) do nothing";

    @Inject
    Clock clock;

    @Inject
    DecisionRecorder decisions;

    @Inject
    PolicyService policies;

    @Inject
    AuditOutbox outbox;

    @Inject
    InstitutionEvents events;

    /** Who acts on a case, as its history records them. */
    public record Actor(String id, String name) {

        public static final Actor AUTOMATED = new Actor(Decision.AUTOMATED, null);

        public static Actor institution(String institution) {
            return new Actor("institution:" + institution, null);
        }
    }

    /** A team lead acting on a case: not a reviewer (DESIGN.md section 11). */
    public record Lead(String id, String name) {

        Actor actor() {
            return new Actor(id, name);
        }
    }

    /**
     * A request as intake assessed it, ready to be stored; the lifecycle sets its deadline from the
     * deadlines of the policy it was assessed with.
     */
    public record Received(UUID id, String institution, String externalReference, String requestHash,
            String requestJson, CaseStatus status, String policyVersion, String policyHash, String assessmentJson,
            Instant receivedAt, PolicyDocument.Deadlines deadlines, LegalCalendar calendar, LocalDate positionEndsOn) {}

    /** An objection as received: accepted, or late and kept for an officer to admit. */
    public record Objection(ScreeningCase c, LegalCalendar.Deadline period, boolean late) {}

    // ------------------------------------------------------------------------------------------ receipt

    /**
     * Stores a new case with its RECEIVED history; empty when the institution used the reference
     * before (the database's unique constraint decides, so concurrent duplicates cannot both insert).
     * The decision period runs from the day after receipt (Awb 4:13 with the policy's weeks).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<ScreeningCase> receive(Received r) {
        LegalCalendar.Deadline due = r.calendar().weeksAfter(r.receivedAt(), r.deadlines().decisionWeeks());
        // Triage's decision is taken at receipt: a case it decides is final, and its retention known, from the start.
        Retention retention = retention(r.status(), 0, r.policyVersion(), r.receivedAt(), r.receivedAt());
        int inserted = Panache.getEntityManager().createNativeQuery(INSERT)
                .setParameter(1, r.id()).setParameter(2, r.institution()).setParameter(3, r.externalReference())
                .setParameter(4, r.requestHash()).setParameter(5, r.requestJson()).setParameter(6, r.status().name())
                .setParameter(7, r.policyVersion()).setParameter(8, r.policyHash())
                .setParameter(9, r.assessmentJson()).setParameter(10, r.receivedAt())
                .setParameter(11, due.endsAt()).setParameter(12, due.nominalLastDay())
                .setParameter(13, retention == null ? null : retention.kind().name())
                .setParameter(14, retention == null ? null : retention.startsAt())
                .setParameter(15, retention == null ? null : retention.endsAt())
                .setParameter(16, r.positionEndsOn())
                .executeUpdate();
        if (inserted == 0) {
            return Optional.empty();
        }
        ScreeningCase stored = ScreeningCase.findById(r.id());
        CaseHistory.append(stored, r.receivedAt(), Actor.institution(r.institution()), CaseAction.RECEIVED,
                CaseStatus.RECEIVED, null);
        events.emit(stored, InstitutionEvents.RECEIVED, r.receivedAt(), e -> {
            e.put("outcome", r.status().name());
            e.put("decisionDue", stored.decisionDue.toString());
        });
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

    /** An open case ends; an objected one does not, since its decision still stands (withdraw the objection). */
    @Transactional(Transactional.TxType.MANDATORY)
    public ScreeningCase withdraw(UUID id, String institution) {
        ScreeningCase c = own(id, institution);
        if (c.status.isOpen() && c.objectionCount > 0) {
            throw ProblemException.conflict("objection-pending", "Case " + id + " carries a binding decision and an "
                    + "objection against it; withdraw the objection, not the case.");
        }
        if (c.rescreenAlertId != null) {
            throw ProblemException.conflict("rescreening-pending", "Case " + id + " carries a binding decision that "
                    + "re-screening flagged; the officers decide whether it stands, and it cannot be withdrawn meanwhile.");
        }
        if (!c.status.isOpen()) {
            throw ProblemException.conflict("case-closed", "Case " + id + " is " + c.status
                    + "; only an open case can be withdrawn.");
        }
        CaseStatus from = c.status;
        c.status = CaseStatus.WITHDRAWN;
        unassign(c);
        closeOpenQuestion(c, InformationRequest.LAPSED);
        events.emit(c, InstitutionEvents.WITHDRAWN, clock.instant(), e -> { });
        logTransition(c, AuditOutbox.CASE_WITHDRAWN, Actor.institution(institution), from);
        return done(c, Actor.institution(institution), CaseAction.WITHDRAWN, from, null);
    }

    /**
     * An objection (bezwaar, Awb 6:7): six weeks from the day after the decision was announced (6:8),
     * to the end of the last day after the Atw (6:9). In time, the case is OBJECTED and the decision on
     * it is due six weeks after the objection period ended (7:10(1)). Late, it is kept, unchanged
     * otherwise, for an officer to admit (6:11); the caller refuses it with the period's end.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Objection object(UUID id, String institution, String grounds) {
        ScreeningCase c = own(id, institution);
        if (c.status.isOpen() && c.objectionCount > 0) {
            throw ProblemException.conflict("objection-pending", "An objection against case " + id
                    + " is being handled.");
        }
        if (!c.status.isDecided()) {
            throw ProblemException.conflict("not-decided", "Case " + id + " is " + c.status
                    + "; an objection is lodged against a decision.");
        }
        if (c.erasedAt != null) {
            throw ProblemException.conflict("personal-data-erased", "The personal data of case " + id
                    + " was erased; an objection can no longer be handled here.");
        }
        if (c.objectionCount > 0) {
            throw ProblemException.conflict("objection-decided", "The objection against this case was decided; "
                    + "the next step is an appeal to the administrative court.");
        }
        Decision decision = Decision.latestFor(c.id);
        if (isWhollyFavourable(decision)) {
            throw ProblemException.conflict("no-interest", "The decision on case " + id + " is " + decision.outcome
                    + " without conditions: it grants all that was asked, so there is no interest to object to it.");
        }
        PolicyDocument.Deadlines deadlines = deadlinesOf(c);
        LegalCalendar calendar = calendar();
        LegalCalendar.Deadline period = calendar.weeksAfter(decision.decidedAt, deadlines.objectionPeriodWeeks());
        Instant now = clock.instant();
        if (!period.isMetBy(now)) {
            c.lateObjectionGrounds = grounds;
            c.lateObjectionReceivedAt = now;
            return new Objection(done(c, Actor.institution(institution), CaseAction.LATE_OBJECTION_RECEIVED, c.status,
                    grounds), period, true);
        }
        CaseStatus from = c.status;
        openObjection(c, grounds, now, calendar.weeksAfter(period.lastDay(), deadlines.objectionDecisionWeeks()));
        objectionReceived(c, now, grounds, Actor.institution(institution).id());
        return new Objection(done(c, Actor.institution(institution), CaseAction.OBJECTED, from, grounds), period, false);
    }

    /** The institution withdraws its objection (Awb 6:21): the decision it was against stands again. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ScreeningCase withdrawObjection(UUID id, String institution) {
        ScreeningCase c = own(id, institution);
        if (!(c.status.isOpen() && c.objectionCount > 0)) {
            throw ProblemException.conflict("no-objection", "Case " + id + " has no objection being handled.");
        }
        CaseStatus from = c.status;
        c.status = CaseStatus.valueOf(Decision.latestFor(c.id).outcome);
        c.objectionCount = 0;
        unassign(c);
        clearProposal(c);
        closeOpenQuestion(c, InformationRequest.LAPSED);
        events.emit(c, InstitutionEvents.OBJECTION_WITHDRAWN, clock.instant(), e -> e.put("outcome", c.status.name()));
        logTransition(c, AuditOutbox.OBJECTION_WITHDRAWN, Actor.institution(institution), from);
        return done(c, Actor.institution(institution), CaseAction.OBJECTION_WITHDRAWN, from, null);
    }

    /** The institution answers the open question: the period runs again and the case returns to its officer. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ScreeningCase answer(UUID id, String institution, String answer) {
        ScreeningCase c = own(id, institution);
        InformationRequest question = c.status == CaseStatus.INFORMATION_REQUESTED ? InformationRequest.openOf(c.id) : null;
        if (question == null) {
            throw ProblemException.conflict("no-open-question", "Case " + id + " has no open question to answer.");
        }
        Instant now = clock.instant();
        LocalDate today = LegalCalendar.dayOf(now);
        LocalDate end = today.isAfter(question.replyBy) ? question.replyBy : today;
        question.answer = answer;
        return resume(c, question, InformationRequest.ANSWERED, end, now, Actor.institution(institution), answer);
    }

    // ------------------------------------------------------------------------------------ re-screening

    /**
     * What re-screening with a newer version found on one case: the indicators it raised, the case's
     * assessment with them added, the hash of the fresh assessment, and (for a decided case) the alert.
     */
    public record Rescreened(String version, String versionHash, String previousVersion,
            List<nl.kennisveiligheid.screening.triage.Assessment.Indicator> raised, String mergedAssessmentJson,
            String freshAssessmentHash, UUID alertId) {}

    /**
     * A newer version raised indicators on a case with a positive decision. The decision stands (only
     * officers revoke it, through a decision of their own); the case goes back to the queue. No
     * statutory period runs for a review the authority starts itself, so the policy's decision weeks
     * from today are the team's target, which is what the queue sorts by.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void rescreenFlag(ScreeningCase c, Rescreened r) {
        CaseStatus from = c.status;
        Instant now = clock.instant();
        c.status = CaseStatus.RESCREEN_FLAGGED;
        c.rescreenAlertId = r.alertId();
        c.extended = false;
        c.extensionReason = null;
        setDue(c, calendar().weeksAfter(now, policies.documentOf(r.version()).deadlines().decisionWeeks()));
        rescreened(c, r, from, InstitutionEvents.RESCREEN_FLAGGED, CaseAction.RESCREEN_FLAGGED, now);
    }

    /** A newer version raised indicators on an open case: they join its assessment, marked with that version. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void addRescreenIndicators(ScreeningCase c, Rescreened r) {
        rescreened(c, r, c.status, InstitutionEvents.RESCREENED, CaseAction.RESCREEN_INDICATORS_ADDED, clock.instant());
    }

    private void rescreened(ScreeningCase c, Rescreened r, CaseStatus from, String eventType, CaseAction action,
            Instant now) {
        c.assessment = r.mergedAssessmentJson();
        c.screenedVersion = r.version();
        events.emit(c, eventType, now, e -> {
            e.put("policyVersion", r.version());
            e.put("previousPolicyVersion", r.previousVersion());
            if (r.alertId() != null) {
                e.put("decisionDue", c.decisionDue.toString());
                e.put("decisionDueDate", LegalCalendar.lastDayEndingAt(c.decisionDue).toString());
            }
        });
        ObjectNode reasons = AuditOutbox.reasons(r.raised().stream().map(i -> new AuditOutbox.IndicatorReason(
                i.type().name(), i.listEntry(), i.score(), i.threshold())).toList(), List.of(), null, false);
        reasons.remove("areas");
        reasons.put("previousVersion", r.previousVersion());
        reasons.put("assessmentHash", r.freshAssessmentHash());
        reasons.put("alert", r.alertId() != null);
        reasons.put("from", from.name());
        reasons.put("to", c.status.name());
        outbox.caseTransition(AuditOutbox.RESCREENED, new AuditOutbox.CaseRecord(c.id, c.institution, r.version(),
                r.versionHash()), Actor.AUTOMATED.id(), reasons, now);
        done(c, Actor.AUTOMATED, action, from, "Policy version " + r.version() + " raised " + r.raised().stream()
                .map(i -> i.type() + (i.listEntry() == null ? "" : " (" + i.listEntry() + ")"))
                .collect(java.util.stream.Collectors.joining(", ")) + " that version " + r.previousVersion()
                + " did not.");
    }

    // ---------------------------------------------------------------------------------------- officers

    @Transactional(Transactional.TxType.MANDATORY)
    public ScreeningCase take(UUID id, Actor officer) {
        ScreeningCase c = checked(OfficerActions.Action.TAKE, id, officer, false);
        CaseStatus from = c.status;
        c.status = CaseStatus.IN_REVIEW;
        assign(c, officer);
        events.emit(c, InstitutionEvents.IN_REVIEW, clock.instant(), e -> { });
        return done(c, officer, CaseAction.ASSIGNED, from, null);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public ScreeningCase release(UUID id, Actor officer) {
        ScreeningCase c = checked(OfficerActions.Action.RELEASE, id, officer, false);
        CaseStatus from = c.status;
        c.status = waitingState(c);
        unassign(c);
        return done(c, officer, CaseAction.RELEASED, from, null);
    }

    /** APPROVED or APPROVED_WITH_CONDITIONS by the officer who holds the case: binding at once. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ScreeningCase approve(UUID id, Actor officer, CaseStatus outcome, String reasoning, List<String> conditions) {
        if (outcome != CaseStatus.APPROVED && outcome != CaseStatus.APPROVED_WITH_CONDITIONS) {
            throw new IllegalArgumentException("an approval is APPROVED or APPROVED_WITH_CONDITIONS");
        }
        ScreeningCase c = checked(OfficerActions.Action.DECIDE, id, officer, false);
        CaseStatus from = c.status;
        c.status = outcome;
        bind(c, reasoning, conditions, officer.id(), null);
        decided(c, conditions);
        return done(c, officer, CaseAction.DECIDED, from, reasoning);
    }

    /** A refusal is only proposed: a second officer confirms it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ScreeningCase proposeRefusal(UUID id, Actor officer, String reasoning) {
        ScreeningCase c = checked(OfficerActions.Action.DECIDE, id, officer, false);
        CaseStatus from = c.status;
        c.status = CaseStatus.REFUSAL_PROPOSED;
        c.proposedBy = officer.id();
        c.proposalReasoning = reasoning;
        return done(c, officer, CaseAction.REFUSAL_PROPOSED, from, reasoning);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public ScreeningCase confirmRefusal(UUID id, Actor officer, String reasoning) {
        ScreeningCase c = checked(OfficerActions.Action.CONFIRM, id, officer, false);
        CaseStatus from = c.status;
        c.status = CaseStatus.REFUSED;
        bind(c, c.proposalReasoning + "\n\nConfirmed: " + reasoning, List.of(), c.proposedBy, officer.id());
        clearProposal(c);
        decided(c, List.of());
        return done(c, officer, CaseAction.REFUSAL_CONFIRMED, from, reasoning);
    }

    /** The second officer disagrees: the case goes back to review with its proposer. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ScreeningCase sendBack(UUID id, Actor officer, String reasoning) {
        ScreeningCase c = checked(OfficerActions.Action.CONFIRM, id, officer, false);
        CaseStatus from = c.status;
        c.status = CaseStatus.IN_REVIEW;
        clearProposal(c);
        return done(c, officer, CaseAction.SENT_BACK, from, reasoning);
    }

    /**
     * Moves the deadline once per round, from the current one even when it has passed (Awb 4:14 for a
     * first decision by the policy's extension, 7:10(3) for an objection by six weeks). The assignee
     * or a team lead extends; never an officer who took part in a decision objected to.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public ScreeningCase extend(UUID id, Actor caller, boolean lead, String reason) {
        ScreeningCase c = checked(OfficerActions.Action.EXTEND, id, caller, lead);
        PolicyDocument.Deadlines deadlines = deadlinesOf(c);
        int weeks = c.objectionCount > 0 ? deadlines.objectionDecisionWeeks() : deadlines.extensionWeeks();
        setDue(c, calendar().extended(currentDeadline(c), weeks));
        c.extended = true;
        c.extensionReason = reason;
        events.emit(c, InstitutionEvents.DEADLINE_EXTENDED, clock.instant(), e -> {
            e.put("decisionDue", c.decisionDue.toString());
            e.put("decisionDueDate", LegalCalendar.lastDayEndingAt(c.decisionDue).toString());
            e.put("reason", reason);
        });
        ObjectNode reasons = JsonNodeFactory.instance.objectNode();
        reasons.put("status", c.status.name());
        reasons.put("decisionDue", c.decisionDue.toString());
        outbox.correspondence(new AuditOutbox.CorrespondenceEvent(AuditOutbox.DEADLINE_EXTENDED, c.id, c.institution,
                caller.id(), c.policyVersion, c.policyHash, reasons, reason, clock.instant()));
        return done(c, caller, CaseAction.EXTENDED, c.status, reason);
    }

    /**
     * The officer who holds the case asks the institution for information (Awb 4:5). The decision
     * period stands still from the day after until the answer or the reply-by date (4:15(1)(a)).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public ScreeningCase requestInformation(UUID id, Actor officer, String question, LocalDate replyBy) {
        ScreeningCase c = checked(OfficerActions.Action.REQUEST_INFORMATION, id, officer, false);
        Instant now = clock.instant();
        if (!replyBy.isAfter(LegalCalendar.dayOf(now))) {
            throw new InvalidInputException("replyBy", "must be a date after today, Europe/Amsterdam");
        }
        InformationRequest request = new InformationRequest();
        request.id = UUID.randomUUID();
        request.caseId = c.id;
        request.question = question;
        request.replyBy = replyBy;
        request.askedBy = officer.id();
        request.askedByName = officer.name();
        request.askedAt = now;
        request.state = InformationRequest.OPEN;
        request.persist();
        CaseStatus from = c.status;
        c.status = CaseStatus.INFORMATION_REQUESTED;
        events.emit(c, InstitutionEvents.INFORMATION_REQUESTED, now, e -> {
            e.put("questionId", request.id.toString());
            e.put("question", question);
            e.put("replyBy", replyBy.toString());
        });
        ObjectNode reasons = JsonNodeFactory.instance.objectNode();
        reasons.put("requestId", request.id.toString());
        reasons.put("replyBy", replyBy.toString());
        outbox.correspondence(new AuditOutbox.CorrespondenceEvent(AuditOutbox.INFORMATION_REQUESTED, c.id,
                c.institution, officer.id(), c.policyVersion, c.policyHash, reasons, question, now));
        return done(c, officer, CaseAction.INFORMATION_REQUESTED, from, question);
    }

    /** The reply-by date passed unused: the suspension ends with it and the period runs again. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ScreeningCase lapse(UUID requestId) {
        InformationRequest question = InformationRequest.findById(requestId);
        Instant now = clock.instant();
        if (question == null || !InformationRequest.OPEN.equals(question.state)
                || !LegalCalendar.dayOf(now).isAfter(question.replyBy)) {
            return null;
        }
        return resume(load(question.caseId), question, InformationRequest.LAPSED, question.replyBy, now, Actor.AUTOMATED,
                "");
    }

    /** An officer admits an objection received after its period, with the reason it is excusable (Awb 6:11). */
    @Transactional(Transactional.TxType.MANDATORY)
    public ScreeningCase admitLateObjection(UUID id, Actor officer, String reason) {
        ScreeningCase c = checked(OfficerActions.Action.ADMIT_LATE_OBJECTION, id, officer, false);
        CaseStatus from = c.status;
        // The period for deciding counts from the late objection's receipt: the one that ended is of no use.
        openObjection(c, c.lateObjectionGrounds, c.lateObjectionReceivedAt,
                calendar().weeksAfter(c.lateObjectionReceivedAt, deadlinesOf(c).objectionDecisionWeeks()));
        objectionReceived(c, clock.instant(), c.lateObjectionGrounds, officer.id());
        return done(c, officer, CaseAction.LATE_OBJECTION_ADMITTED, from, reason);
    }

    // -------------------------------------------------------------------------------------- team leads

    /**
     * A team lead gives a case to another officer, or back to the queue ({@code officer} null). An
     * objected case never goes to an officer who took part in the decision objected to.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public ScreeningCase reassign(UUID id, Lead lead, Actor officer, String reason) {
        ScreeningCase c = checked(OfficerActions.Action.REASSIGN, id, lead.actor(), true);
        CaseStatus from = c.status;
        if (officer == null) {
            if (c.assignee == null) {
                throw ProblemException.conflict("not-assigned", "Case " + id + " is with no officer; nothing to release.");
            }
            unassign(c);
            if (c.status == CaseStatus.IN_REVIEW) {
                c.status = waitingState(c);
            }
            return done(c, lead.actor(), CaseAction.REASSIGNED, from, "Released to the queue. " + reason);
        }
        if (c.objectionCount > 0 && CaseHistory.tookPartBeforeObjection(c.id, officer.id())) {
            throw ProblemException.conflict("officer-involved", "The officer took part in the decision objected to; "
                    + "an objection goes to an officer who did not.");
        }
        assign(c, officer);
        if (c.status != CaseStatus.INFORMATION_REQUESTED) {
            c.status = CaseStatus.IN_REVIEW;
        }
        if (from != c.status) {
            events.emit(c, InstitutionEvents.IN_REVIEW, clock.instant(), e -> { });
        }
        return done(c, lead.actor(), CaseAction.REASSIGNED, from, "Assigned to " + officer.name() + ". " + reason);
    }

    // ---------------------------------------------------------------------------------- personal data

    /**
     * Records an act on the case's personal data (read by a privacy officer, or erased) in its history;
     * the case's state and dates do not change.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordPersonalDataAct(UUID id, Actor actor, CaseAction action, String reasoning) {
        ScreeningCase c = load(id);
        CaseHistory.append(c, clock.instant(), actor, action, c.status, reasoning);
    }

    /** The actions the workflow leaves this officer (or lead) on this case now. */
    public Set<OfficerActions.Action> actionsFor(ScreeningCase c, Actor caller, boolean lead) {
        return OfficerActions.available(facts(c), new OfficerActions.Caller(caller.id(), lead),
                () -> CaseHistory.tookPartBeforeObjection(c.id, caller.id()));
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

    private static ScreeningCase checked(OfficerActions.Action action, UUID id, Actor caller, boolean lead) {
        ScreeningCase c = load(id);
        OfficerActions.refusal(action, facts(c), new OfficerActions.Caller(caller.id(), lead),
                        () -> CaseHistory.tookPartBeforeObjection(c.id, caller.id()))
                .ifPresent(refusal -> {
                    throw ProblemException.conflict(refusal.slug(), refusal.detail());
                });
        return c;
    }

    /** The holidays are the newest policy's (a day equated with one applies to running periods too). */
    private LegalCalendar calendar() {
        return policies.current().calendar();
    }

    /** The lengths of periods are those of the policy the case was received under. */
    private PolicyDocument.Deadlines deadlinesOf(ScreeningCase c) {
        return policies.documentOf(c.policyVersion).deadlines();
    }

    private static LegalCalendar.Deadline currentDeadline(ScreeningCase c) {
        return new LegalCalendar.Deadline(c.dueNominal, LegalCalendar.lastDayEndingAt(c.decisionDue), c.decisionDue);
    }

    private static void setDue(ScreeningCase c, LegalCalendar.Deadline due) {
        c.decisionDue = due.endsAt();
        c.dueNominal = due.nominalLastDay();
    }

    private static boolean isWhollyFavourable(Decision decision) {
        CaseStatus outcome = CaseStatus.valueOf(decision.outcome);
        return outcome == CaseStatus.NOT_REQUIRED || outcome == CaseStatus.CLEARED || outcome == CaseStatus.APPROVED;
    }

    private static void openObjection(ScreeningCase c, String grounds, Instant receivedAt, LegalCalendar.Deadline due) {
        c.status = CaseStatus.OBJECTED;
        c.objectionCount++;
        c.objectionGrounds = grounds;
        c.objectionReceivedAt = receivedAt;
        c.lateObjectionGrounds = null;
        c.lateObjectionReceivedAt = null;
        c.extended = false;
        c.extensionReason = null;
        setDue(c, due);
    }

    /** Ends the suspension of an information request: the period's end moves by the days it stood still. */
    private ScreeningCase resume(ScreeningCase c, InformationRequest question, String state, LocalDate lastSuspendedDay,
            Instant now, Actor actor, String text) {
        long days = LegalCalendar.suspendedDays(LegalCalendar.dayOf(question.askedAt), lastSuspendedDay);
        question.state = state;
        question.closedAt = now;
        question.suspendedDays = (int) days;
        setDue(c, calendar().suspended(currentDeadline(c), days));
        CaseStatus from = c.status;
        c.status = c.assignee != null ? CaseStatus.IN_REVIEW : waitingState(c);
        ObjectNode reasons = JsonNodeFactory.instance.objectNode();
        reasons.put("requestId", question.id.toString());
        reasons.put("state", state);
        reasons.put("suspendedDays", days);
        reasons.put("decisionDue", c.decisionDue.toString());
        outbox.correspondence(new AuditOutbox.CorrespondenceEvent(AuditOutbox.INFORMATION_RECEIVED, c.id, c.institution,
                actor.id(), c.policyVersion, c.policyHash, reasons, text, now));
        events.emit(c, InstitutionEvents.INFORMATION_RECEIVED, now, e -> {
            e.put("questionId", question.id.toString());
            e.put("state", state);
            e.put("decisionDue", c.decisionDue.toString());
            e.put("decisionDueDate", LegalCalendar.lastDayEndingAt(c.decisionDue).toString());
        });
        CaseAction action = InformationRequest.LAPSED.equals(state) ? CaseAction.INFORMATION_LAPSED
                : CaseAction.INFORMATION_RECEIVED;
        return done(c, actor, action, from, text.isEmpty() ? null : text);
    }

    /** A case that leaves the workflow closes its open question without moving any period. */
    private void closeOpenQuestion(ScreeningCase c, String state) {
        InformationRequest open = InformationRequest.openOf(c.id);
        if (open != null) {
            open.state = state;
            open.closedAt = clock.instant();
        }
    }

    /** A binding decision by officers, on the request or on an objection, as the institution learns of it. */
    private void decided(ScreeningCase c, List<String> conditions) {
        String type = c.rescreenAlertId != null ? InstitutionEvents.RESCREENING_DECIDED
                : c.objectionCount > 0 ? InstitutionEvents.OBJECTION_DECIDED : InstitutionEvents.DECIDED;
        events.emit(c, type,
                clock.instant(), e -> {
                    e.put("outcome", c.status.name());
                    conditions.forEach(e.putArray("conditions")::add);
                });
        if (c.rescreenAlertId != null) {
            Panache.getEntityManager().createNativeQuery("update rescreening_alert set resolved_at = ?1, decision_id = ?2"
                    + " where id = ?3").setParameter(1, clock.instant()).setParameter(2, Decision.latestFor(c.id).id)
                    .setParameter(3, c.rescreenAlertId).executeUpdate();
            c.rescreenAlertId = null;
        }
    }

    private void objectionReceived(ScreeningCase c, Instant at, String grounds, String actor) {
        events.emit(c, InstitutionEvents.OBJECTION_RECEIVED, at, e -> {
            e.put("decisionDue", c.decisionDue.toString());
            e.put("decisionDueDate", LegalCalendar.lastDayEndingAt(c.decisionDue).toString());
        });
        ObjectNode reasons = JsonNodeFactory.instance.objectNode();
        reasons.put("status", c.status.name());
        reasons.put("decisionDue", c.decisionDue.toString());
        outbox.correspondence(new AuditOutbox.CorrespondenceEvent(AuditOutbox.OBJECTION_LODGED, c.id, c.institution,
                actor, c.policyVersion, c.policyHash, reasons, grounds == null ? "" : grounds, at));
    }

    /** A transition without a text of its own on the log: the states before and after. */
    private void logTransition(ScreeningCase c, String type, Actor actor, CaseStatus from) {
        ObjectNode reasons = JsonNodeFactory.instance.objectNode();
        reasons.put("from", from.name());
        reasons.put("to", c.status.name());
        outbox.caseTransition(type, new AuditOutbox.CaseRecord(c.id, c.institution, c.policyVersion, c.policyHash),
                actor.id(), reasons, clock.instant());
    }

    /** Where an unassigned case waits: with the re-screened, the objections, or the flagged. */
    private static CaseStatus waitingState(ScreeningCase c) {
        return c.rescreenAlertId != null ? CaseStatus.RESCREEN_FLAGGED
                : c.objectionCount > 0 ? CaseStatus.OBJECTED : CaseStatus.FLAGGED;
    }

    private void bind(ScreeningCase c, String reasoning, List<String> conditions, String decidedBy,
            String confirmedBy) {
        Instant now = clock.instant();
        String outcome = c.status.name();
        Binding binding = c.rescreenAlertId != null
                ? rescreeningBinding(c, outcome, reasoning, conditions, decidedBy, confirmedBy, now)
                : c.objectionCount > 0
                ? Binding.onObjection(c.id, outcome, reasoning, conditions, decidedBy, confirmedBy, supersededId(c), now,
                        c.receivedAt, c.policyVersion, c.policyHash, facts(c.institution, c))
                : Binding.byOfficers(c.id, outcome, reasoning, conditions, decidedBy, confirmedBy, now, c.receivedAt,
                        c.policyVersion, c.policyHash, facts(c.institution, c));
        decisions.record(binding);
        unassign(c);
    }

    /** Under the version that flagged the case; the alert is resolved by the decision, which the caller clears. */
    private Binding rescreeningBinding(ScreeningCase c, String outcome, String reasoning, List<String> conditions,
            String decidedBy, String confirmedBy, Instant now) {
        String version = c.screenedVersion;
        String hash = policies.find(version).orElseThrow().contentHash;
        return Binding.onRescreening(c.id, outcome, reasoning, conditions, decidedBy, confirmedBy, supersededId(c), now,
                c.receivedAt, version, hash, facts(c.institution, c));
    }

    private static UUID supersededId(ScreeningCase c) {
        Decision earlier = Decision.latestFor(c.id);
        return earlier == null ? null : earlier.id;
    }

    private ScreeningCase done(ScreeningCase c, Actor actor, CaseAction action, CaseStatus from, String reasoning) {
        Instant now = clock.instant();
        c.updatedAt = now;
        CaseHistory.append(c, now, actor, action, from, reasoning);
        Decision latest = c.status.isDecided() ? Decision.latestFor(c.id) : null;
        setRetention(c, now, latest == null ? null : latest.decidedAt);
        Panache.getEntityManager().flush();
        return c;
    }

    /** When a final case's personal data is erased, and which of the policy's periods applies. */
    record Retention(PolicyDocument.Retention.Kind kind, Instant startsAt, Instant endsAt) {}

    private void setRetention(ScreeningCase c, Instant now, Instant decidedAt) {
        Retention retention = retention(c.status, c.objectionCount, c.policyVersion, now, decidedAt);
        c.retentionKind = retention == null ? null : retention.kind().name();
        c.retentionStartsAt = retention == null ? null : retention.startsAt();
        c.retentionEndsAt = retention == null ? null : retention.endsAt();
    }

    /**
     * The retention of a case in {@code status} after an event at {@code now}, counted from its last
     * event that counts: a withdrawal; a decision on an objection; for a decision that can still be
     * objected to, the end of its objection period, or a later withdrawal of the objection. The period
     * of the case's kind in the policy it was received under runs from there. Null for an open case.
     */
    private Retention retention(CaseStatus status, int objectionCount, String policyVersion, Instant now,
            Instant decidedAt) {
        if (!CaseStatus.FINAL.contains(status)) {
            return null;
        }
        PolicyDocument document = policies.documentOf(policyVersion);
        PolicyDocument.Retention.Kind kind = status == CaseStatus.WITHDRAWN ? PolicyDocument.Retention.Kind.WITHDRAWN
                : status == CaseStatus.REFUSED ? PolicyDocument.Retention.Kind.REFUSED
                : PolicyDocument.Retention.Kind.DECIDED;
        Instant start = now;
        if (status.isDecided() && objectionCount == 0) {
            Instant periodEnd = calendar().weeksAfter(decidedAt, document.deadlines().objectionPeriodWeeks()).endsAt();
            start = periodEnd.isAfter(now) ? periodEnd : now;
        }
        return new Retention(kind, start, calendar().yearsAfter(start, document.retention().yearsFor(kind)).endsAt());
    }

    private static void assign(ScreeningCase c, Actor officer) {
        c.assignee = officer.id();
        c.assigneeName = officer.name();
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
    private static CaseSnapshot facts(String institution, ScreeningCase c) {
        return CaseSnapshot.stored(institution, c.request, c.assessment);
    }

    private static OfficerActions.CaseFacts facts(ScreeningCase c) {
        return new OfficerActions.CaseFacts(c.id, c.status, c.assignee, c.proposedBy, c.extended, c.objectionCount > 0,
                c.lateObjectionReceivedAt != null);
    }
}
