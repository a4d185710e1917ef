package nl.kennisveiligheid.screening.review;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import nl.kennisveiligheid.screening.cases.CaseLifecycle;
import nl.kennisveiligheid.screening.cases.OfficerActions;
import nl.kennisveiligheid.screening.cases.ScreeningCase;
import nl.kennisveiligheid.screening.common.CaseStatus;
import nl.kennisveiligheid.screening.common.InvalidInputException;

/**
 * The legal officers' workflow: the queue, and the officers' actions, each one transaction around a
 * transition of {@link CaseLifecycle}, which holds the rules (only the assignee decides, a refusal
 * needs a second officer, one extension per round, objections to uninvolved officers).
 */
@ApplicationScoped
public class ReviewService {

    @Inject
    Clock clock;

    @Inject
    CaseLifecycle lifecycle;

    /** The API's words for the two condition rules; the console translates them by these constants. */
    public static final String CONDITIONS_REQUIRED = "at least one condition is required for APPROVED_WITH_CONDITIONS";
    public static final String CONDITIONS_NOT_ALLOWED = "only APPROVED_WITH_CONDITIONS carries conditions";

    /** An officer as the records know them. */
    public record Officer(String id, String name) {

        CaseLifecycle.Actor actor() {
            return new CaseLifecycle.Actor(id, name);
        }
    }

    public List<ReviewViews.QueueItem> queue(CaseStatus state, String assigneeName) {
        StringBuilder query = new StringBuilder("status in ?1");
        List<Object> params = new ArrayList<>();
        params.add(state == null ? CaseStatus.IN_QUEUE : Set.of(state));
        if (assigneeName != null && !assigneeName.isBlank()) {
            query.append(" and assigneeName = ?2");
            params.add(assigneeName);
        }
        Instant now = clock.instant();
        return ScreeningCase.<ScreeningCase>list(query + " order by decisionDue, id", params.toArray()).stream()
                .map(c -> ReviewViews.item(c, now)).toList();
    }

    public ReviewViews.CaseDetail detail(UUID id) {
        return ReviewViews.detail(CaseLifecycle.load(id), clock.instant());
    }

    /** A case in full together with the actions the workflow leaves this officer now. */
    public record OfficerView(ReviewViews.CaseDetail detail, Set<OfficerActions.Action> actions) {}

    public OfficerView detailFor(UUID id, Officer officer) {
        ScreeningCase c = CaseLifecycle.load(id);
        return new OfficerView(ReviewViews.detail(c, clock.instant()), lifecycle.actionsFor(c, officer.actor()));
    }

    @Transactional
    public ReviewViews.CaseDetail assign(UUID id, Officer officer) {
        return view(lifecycle.take(id, officer.actor()));
    }

    @Transactional
    public ReviewViews.CaseDetail release(UUID id, Officer officer) {
        return view(lifecycle.release(id, officer.actor()));
    }

    @Transactional
    public ReviewViews.CaseDetail decide(UUID id, Officer officer, ReviewBodies.DecisionBody body) {
        checkConditions(body);
        if (body.outcome().equals("REFUSED")) {
            return view(lifecycle.proposeRefusal(id, officer.actor(), body.reasoning()));
        }
        return view(lifecycle.approve(id, officer.actor(), CaseStatus.valueOf(body.outcome()), body.reasoning(),
                body.conditions()));
    }

    @Transactional
    public ReviewViews.CaseDetail confirm(UUID id, Officer officer, ReviewBodies.ConfirmationBody body) {
        return view(Boolean.TRUE.equals(body.agree())
                ? lifecycle.confirmRefusal(id, officer.actor(), body.reasoning())
                : lifecycle.sendBack(id, officer.actor(), body.reasoning()));
    }

    @Transactional
    public ReviewViews.CaseDetail extend(UUID id, Officer officer, ReviewBodies.ExtensionBody body) {
        return view(lifecycle.extend(id, officer.actor(), body.reason()));
    }

    private ReviewViews.CaseDetail view(ScreeningCase c) {
        return ReviewViews.detail(c, clock.instant());
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
}
