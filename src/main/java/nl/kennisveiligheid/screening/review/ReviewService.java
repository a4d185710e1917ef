package nl.kennisveiligheid.screening.review;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import nl.kennisveiligheid.screening.common.CaseStatus;
import nl.kennisveiligheid.screening.common.InvalidInputException;
import nl.kennisveiligheid.screening.common.ProblemException;
import nl.kennisveiligheid.screening.decision.Decision;
import nl.kennisveiligheid.screening.decision.DecisionRecorder;
import nl.kennisveiligheid.screening.intake.CaseAction;
import nl.kennisveiligheid.screening.intake.CaseHistory;
import nl.kennisveiligheid.screening.intake.ScreeningCase;
import nl.kennisveiligheid.screening.policy.PolicyDocument;
import nl.kennisveiligheid.screening.policy.PolicyService;

/**
 * The legal officers' workflow (DESIGN.md section 3). It makes the wrong thing impossible: only the
 * assignee decides, a refusal needs a second officer who did not propose it, the deadline moves
 * once per round, and an objection goes to an officer who took no part in the earlier decision.
 * Every action lands in the case's history; two officers acting at once cannot both succeed.
 */
@ApplicationScoped
public class ReviewService {

    static final Set<CaseStatus> QUEUE = Set.of(CaseStatus.FLAGGED, CaseStatus.IN_REVIEW, CaseStatus.REFUSAL_PROPOSED,
            CaseStatus.OBJECTED);
    private static final Set<CaseAction> TAKING_PART = Set.of(CaseAction.DECIDED, CaseAction.REFUSAL_PROPOSED,
            CaseAction.REFUSAL_CONFIRMED, CaseAction.SENT_BACK);

    @Inject
    Clock clock;

    @Inject
    DecisionRecorder decisions;

    @Inject
    PolicyService policies;

    /** The API's words for the two condition rules; the console translates them by these constants. */
    public static final String CONDITIONS_REQUIRED = "at least one condition is required for APPROVED_WITH_CONDITIONS";
    public static final String CONDITIONS_NOT_ALLOWED = "only APPROVED_WITH_CONDITIONS carries conditions";

    /** An officer as the records know them. */
    public record Officer(String id, String name) {}

    public List<ReviewViews.QueueItem> queue(CaseStatus state, String assigneeName) {
        StringBuilder query = new StringBuilder("status in ?1");
        List<Object> params = new ArrayList<>();
        params.add(state == null ? QUEUE : Set.of(state));
        if (assigneeName != null && !assigneeName.isBlank()) {
            query.append(" and assigneeName = ?2");
            params.add(assigneeName);
        }
        Instant now = clock.instant();
        return ScreeningCase.<ScreeningCase>list(query + " order by decisionDue, id", params.toArray()).stream()
                .map(c -> ReviewViews.item(c, now)).toList();
    }

    public ReviewViews.CaseDetail detail(UUID id) {
        return ReviewViews.detail(load(id), clock.instant());
    }

    /** A case in full together with the actions the workflow leaves this officer now. */
    public record OfficerView(ReviewViews.CaseDetail detail, Set<OfficerActions.Action> actions) {}

    public OfficerView detailFor(UUID id, Officer officer) {
        ScreeningCase c = load(id);
        return new OfficerView(ReviewViews.detail(c, clock.instant()),
                OfficerActions.available(facts(c), officer.id(), () -> tookPartBeforeObjection(c, officer)));
    }

    @Transactional
    public ReviewViews.CaseDetail assign(UUID id, Officer officer) {
        ScreeningCase c = load(id);
        check(OfficerActions.Action.TAKE, c, officer);
        CaseStatus from = c.status;
        c.status = CaseStatus.IN_REVIEW;
        c.assignee = officer.id();
        c.assigneeName = officer.name();
        return done(c, officer, CaseAction.ASSIGNED, from, null);
    }

    @Transactional
    public ReviewViews.CaseDetail release(UUID id, Officer officer) {
        ScreeningCase c = load(id);
        check(OfficerActions.Action.RELEASE, c, officer);
        CaseStatus from = c.status;
        c.status = c.objectionCount > 0 ? CaseStatus.OBJECTED : CaseStatus.FLAGGED;
        c.assignee = null;
        c.assigneeName = null;
        return done(c, officer, CaseAction.RELEASED, from, null);
    }

    @Transactional
    public ReviewViews.CaseDetail decide(UUID id, Officer officer, ReviewBodies.DecisionBody body) {
        checkConditions(body);
        ScreeningCase c = load(id);
        check(OfficerActions.Action.DECIDE, c, officer);
        CaseStatus from = c.status;
        if (body.outcome().equals("REFUSED")) {
            c.status = CaseStatus.REFUSAL_PROPOSED;
            c.proposedBy = officer.id();
            c.proposalReasoning = body.reasoning();
            return done(c, officer, CaseAction.REFUSAL_PROPOSED, from, body.reasoning());
        }
        c.status = CaseStatus.valueOf(body.outcome());
        bind(c, body.outcome(), body.reasoning(), body.conditions(), officer.id(), null);
        return done(c, officer, CaseAction.DECIDED, from, body.reasoning());
    }

    @Transactional
    public ReviewViews.CaseDetail confirm(UUID id, Officer officer, ReviewBodies.ConfirmationBody body) {
        ScreeningCase c = load(id);
        check(OfficerActions.Action.CONFIRM, c, officer);
        CaseStatus from = c.status;
        if (Boolean.TRUE.equals(body.agree())) {
            c.status = CaseStatus.REFUSED;
            bind(c, "REFUSED", c.proposalReasoning + "\n\nConfirmed: " + body.reasoning(), List.of(), c.proposedBy,
                    officer.id());
            c.proposedBy = null;
            c.proposalReasoning = null;
            return done(c, officer, CaseAction.REFUSAL_CONFIRMED, from, body.reasoning());
        }
        c.status = CaseStatus.IN_REVIEW;
        c.proposedBy = null;
        c.proposalReasoning = null;
        return done(c, officer, CaseAction.SENT_BACK, from, body.reasoning());
    }

    @Transactional
    public ReviewViews.CaseDetail extend(UUID id, Officer officer, ReviewBodies.ExtensionBody body) {
        ScreeningCase c = load(id);
        check(OfficerActions.Action.EXTEND, c, officer);
        PolicyDocument policy = policies.compiled(policies.find(c.policyVersion).orElseThrow()).document();
        c.decisionDue = c.decisionDue.plus(Duration.ofDays(7L * policy.deadlines().extensionWeeks()));
        c.extended = true;
        return done(c, officer, CaseAction.EXTENDED, c.status, body.reason());
    }

    private void bind(ScreeningCase c, String outcome, String reasoning, List<String> conditions, String decidedBy,
            String confirmedBy) {
        Decision earlier = Decision.latestFor(c.id);
        boolean onObjection = c.objectionCount > 0;
        decisions.record(new DecisionRecorder.Binding(c.id, outcome, reasoning, conditions,
                onObjection ? Decision.KIND_OBJECTION : Decision.KIND_OFFICER, decidedBy, confirmedBy,
                onObjection && earlier != null ? earlier.id : null, clock.instant(), c.receivedAt, c.policyVersion,
                c.policyHash, new DecisionRecorder.CaseFacts(c.institution, c.request, c.assessment)));
        c.assignee = null;
        c.assigneeName = null;
    }

    private ReviewViews.CaseDetail done(ScreeningCase c, Officer officer, CaseAction action, CaseStatus from,
            String reasoning) {
        Instant now = clock.instant();
        c.updatedAt = now;
        CaseHistory.append(c, now, officer.id(), officer.name(), action, from, reasoning);
        // Flush here so that a concurrent change fails this request with a 409, not the commit after it.
        Panache.getEntityManager().flush();
        return ReviewViews.detail(c, now);
    }

    private boolean tookPartBeforeObjection(ScreeningCase c, Officer officer) {
        Number count = (Number) Panache.getEntityManager().createNativeQuery(
                "select count(*) from case_history h where h.case_id = ?1 and h.actor = ?2 and h.action in ?3"
                        + " and h.id < (select max(o.id) from case_history o where o.case_id = ?1 and o.action = 'OBJECTED')")
                .setParameter(1, c.id).setParameter(2, officer.id())
                .setParameter(3, TAKING_PART.stream().map(Enum::name).toList())
                .getSingleResult();
        return count.longValue() > 0;
    }

    private static void checkConditions(ReviewBodies.DecisionBody body) {
        boolean withConditions = body.outcome().equals("APPROVED_WITH_CONDITIONS");
        if (withConditions && body.conditions().isEmpty()) {
            throw new InvalidInputException("conditions", CONDITIONS_REQUIRED);
        }
        if (!withConditions && !body.conditions().isEmpty()) {
            throw new InvalidInputException("conditions", CONDITIONS_NOT_ALLOWED);
        }
    }

    private static ScreeningCase load(UUID id) {
        ScreeningCase c = ScreeningCase.findById(id);
        if (c == null) {
            throw ProblemException.notFound("Case " + id);
        }
        return c;
    }

    private void check(OfficerActions.Action action, ScreeningCase c, Officer officer) {
        OfficerActions.refusal(action, facts(c), officer.id(), () -> tookPartBeforeObjection(c, officer))
                .ifPresent(refusal -> {
                    throw ProblemException.conflict(refusal.slug(), refusal.detail());
                });
    }

    private static OfficerActions.CaseFacts facts(ScreeningCase c) {
        return new OfficerActions.CaseFacts(c.id, c.status, c.assignee, c.proposedBy, c.extended, c.objectionCount > 0);
    }
}
