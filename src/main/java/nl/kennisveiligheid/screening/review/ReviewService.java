package nl.kennisveiligheid.screening.review;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import nl.kennisveiligheid.screening.cases.CaseLifecycle;
import nl.kennisveiligheid.screening.cases.OfficerActions;
import nl.kennisveiligheid.screening.cases.ScreeningCase;
import nl.kennisveiligheid.screening.common.CaseStatus;
import nl.kennisveiligheid.screening.common.InvalidInputException;
import nl.kennisveiligheid.screening.periods.LegalCalendar;

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

    @Inject
    OfficerDirectory directory;

    @Inject
    nl.kennisveiligheid.screening.policy.PolicyService policies;

    /** The API's words for the two condition rules; the console translates them by these constants. */
    public static final String CONDITIONS_REQUIRED = "at least one condition is required for APPROVED_WITH_CONDITIONS";
    public static final String CONDITIONS_NOT_ALLOWED = "only APPROVED_WITH_CONDITIONS carries conditions";

    /** An officer as the records know them. */
    public record Officer(String id, String name) {

        CaseLifecycle.Actor actor() {
            return new CaseLifecycle.Actor(id, name);
        }
    }

    /** The order of a search's result: nearest deadline, newest received, or highest listed risk first. */
    public enum Order { DEADLINE, RECEIVED, RISK }

    /**
     * What officers look for: without a state the cases with the officers (the queue), with one any
     * state, decided ones included; {@code states} widens that to a group (the console's archive);
     * {@code text} is one search box over reference, institution, list entry, area and, when
     * {@code namesAllowed}, the start of the candidate's name; every other criterion narrows. Page and
     * size are absent for the whole queue, as before paging.
     */
    public record Search(CaseStatus state, String assigneeName, String externalReference, String institution,
            CaseStatus outcome, LocalDate decidedFrom, LocalDate decidedTo, String area, String listEntry,
            Integer page, Integer size, Set<CaseStatus> states, String text, boolean namesAllowed, Order order) {

        public Search(CaseStatus state, String assigneeName, String externalReference, String institution,
                CaseStatus outcome, LocalDate decidedFrom, LocalDate decidedTo, String area, String listEntry,
                Integer page, Integer size) {
            this(state, assigneeName, externalReference, institution, outcome, decidedFrom, decidedTo, area, listEntry,
                    page, size, null, null, false, Order.DEADLINE);
        }
    }

    /** A page of the search and how many cases match in all. */
    public record Found(List<ReviewViews.QueueItem> items, long total) {}

    public Found search(Search s) {
        // Native SQL: every criterion is a column with an index (V16 generates the list entries, the
        // risk rank and the candidate's name from the stored JSON), which HQL cannot reach for arrays.
        StringBuilder where = new StringBuilder(" where c.status = any(string_to_array(?1, ','))");
        List<Object> params = new ArrayList<>();
        params.add(String.join(",", (s.state() != null ? List.of(s.state()) : s.states() != null
                ? List.copyOf(s.states()) : CaseStatus.IN_QUEUE).stream().map(Enum::name).toList()));
        filter(where, params, "c.assignee_name = ?", s.assigneeName());
        filter(where, params, "c.external_reference = ?", s.externalReference());
        filter(where, params, "c.institution = ?", s.institution());
        filter(where, params, "c.status = ?", s.outcome() == null ? null : s.outcome().name());
        String decidedAt = "(select max(d.decided_at) from decision d where d.case_id = c.id)";
        filter(where, params, decidedAt + " >= ?", s.decidedFrom() == null ? null
                : java.sql.Timestamp.from(s.decidedFrom().atStartOfDay(LegalCalendar.LEGAL_ZONE).toInstant()));
        filter(where, params, decidedAt + " < ?", s.decidedTo() == null ? null
                : java.sql.Timestamp.from(LegalCalendar.endOf(s.decidedTo())));
        filter(where, params, "c.area_codes @> array[cast(? as text)]", s.area());
        filter(where, params, "c.list_entries @> array[cast(? as text)]", s.listEntry());
        if (s.text() != null && !s.text().isBlank()) {
            anyOf(where, params, s.text().strip(), s.namesAllowed());
        }
        var em = ScreeningCase.getEntityManager();
        Instant now = clock.instant();
        String select = "select c.* from screening_case c" + where + " order by " + orderBy(s.order());
        if (s.page() == null && s.size() == null) {
            List<ReviewViews.QueueItem> all = cases(bind(em.createNativeQuery(select, ScreeningCase.class), params))
                    .stream().map(c -> ReviewViews.item(c, now)).toList();
            return new Found(all, all.size());
        }
        int size = s.size() == null ? 20 : s.size();
        long total = ((Number) bind(em.createNativeQuery("select count(*) from screening_case c" + where), params)
                .getSingleResult()).longValue();
        var page = bind(em.createNativeQuery(select, ScreeningCase.class), params)
                .setFirstResult((s.page() == null ? 0 : s.page()) * size).setMaxResults(size);
        return new Found(cases(page).stream().map(c -> ReviewViews.item(c, now)).toList(), total);
    }

    private static jakarta.persistence.Query bind(jakarta.persistence.Query query, List<Object> params) {
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        return query;
    }

    @SuppressWarnings("unchecked")
    private static List<ScreeningCase> cases(jakarta.persistence.Query query) {
        return query.getResultList();
    }

    /**
     * One search box, any of: the exact reference, the institution, a list entry by its id or by the
     * start of its name or an alias in any version that has been in effect, an area code, and (officers only) the
     * start of the candidate's name; all without regard to case, each an indexed column.
     */
    private void anyOf(StringBuilder where, List<Object> params, String text, boolean namesAllowed) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        List<String> alternatives = new ArrayList<>();
        params.add(text);
        alternatives.add("c.external_reference = ?" + params.size());
        params.add(lower);
        alternatives.add("c.institution = ?" + params.size());
        params.add(String.join("\u001f", entriesNamed(lower)));
        alternatives.add("c.list_entries && string_to_array(?" + params.size() + ", chr(31))");
        params.add(text.toUpperCase(java.util.Locale.ROOT));
        alternatives.add("c.area_codes @> array[cast(?" + params.size() + " as text)]");
        if (namesAllowed) {
            params.add(likeLiteral(lower) + "%");
            alternatives.add("c.candidate_name like ?" + params.size() + " escape '!'");
        }
        where.append(" and (").append(String.join(" or ", alternatives)).append(")");
    }

    /**
     * The text as a list entry id, and the ids of the entries whose name or an alias starts with it in
     * any version that has been in effect: a case stays findable by the name it matched after the
     * entry has left the list.
     */
    private List<String> entriesNamed(String lower) {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        ids.add(lower);
        for (var entity : policies.entriesEverInEffect()) {
            boolean named = entity.name().toLowerCase(java.util.Locale.ROOT).startsWith(lower)
                    || entity.aliases().stream().anyMatch(a -> a.toLowerCase(java.util.Locale.ROOT).startsWith(lower));
            if (named) {
                ids.add(entity.id());
            }
        }
        return List.copyOf(ids);
    }

    /** Risk first: a very high listed risk, then high, then any indicator, then areas alone (V16's risk_rank). */
    private static String orderBy(Order order) {
        return switch (order == null ? Order.DEADLINE : order) {
            case DEADLINE -> "c.decision_due, c.received_at, c.id";
            case RECEIVED -> "c.received_at desc, c.id";
            case RISK -> "c.risk_rank, c.decision_due, c.id";
        };
    }

    /** The open question of each of these cases that waits for its institution's answer. */
    public java.util.Map<UUID, ReviewViews.QuestionEntry> openQuestions(List<UUID> caseIds) {
        if (caseIds.isEmpty()) {
            return java.util.Map.of();
        }
        return nl.kennisveiligheid.screening.cases.InformationRequest.<nl.kennisveiligheid.screening.cases.InformationRequest>list(
                        "caseId in ?1 and state = ?2 order by askedAt", caseIds,
                        nl.kennisveiligheid.screening.cases.InformationRequest.OPEN).stream()
                .collect(java.util.stream.Collectors.toMap(q -> q.caseId, ReviewViews.QuestionEntry::of, (first, later) -> first));
    }

    private static void filter(StringBuilder where, List<Object> params, String condition, Object value) {
        if (value == null || (value instanceof String text && text.isBlank())) {
            return;
        }
        params.add(value);
        where.append(" and ").append(condition.replace("?", "?" + params.size()));
    }

    private static String likeLiteral(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_").replace("\"", "");
    }

    public ReviewViews.CaseDetail detail(UUID id) {
        return ReviewViews.detail(CaseLifecycle.load(id), clock.instant());
    }

    /** A case in full together with the actions the workflow leaves this officer now. */
    public record OfficerView(ReviewViews.CaseDetail detail, Set<OfficerActions.Action> actions) {}

    public OfficerView detailFor(UUID id, Officer officer) {
        ScreeningCase c = CaseLifecycle.load(id);
        return new OfficerView(ReviewViews.detail(c, clock.instant()), lifecycle.actionsFor(c, officer.actor(), false));
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
    public ReviewViews.CaseDetail extend(UUID id, Officer caller, boolean lead, ReviewBodies.ExtensionBody body) {
        return view(lifecycle.extend(id, caller.actor(), lead, body.reason()));
    }

    @Transactional
    public ReviewViews.CaseDetail requestInformation(UUID id, Officer officer, ReviewBodies.InformationRequestBody body) {
        return view(lifecycle.requestInformation(id, officer.actor(), body.question(), body.replyByDate()));
    }

    @Transactional
    public ReviewViews.CaseDetail admitLateObjection(UUID id, Officer officer, ReviewBodies.AdmissionBody body) {
        return view(lifecycle.admitLateObjection(id, officer.actor(), body.reason()));
    }

    /** A team lead moves a case to the officer with this user name, or back to the queue. */
    @Transactional
    public ReviewViews.CaseDetail reassign(UUID id, Officer lead, ReviewBodies.ReassignmentBody body) {
        CaseLifecycle.load(id);
        Officer to = body.assignee() == null ? null : directory.byUserName(body.assignee())
                .orElseThrow(() -> new InvalidInputException("assignee", "is not a legal officer known to the service; "
                        + "an officer becomes known at their first sign-in"));
        return view(lifecycle.reassign(id, new CaseLifecycle.Lead(lead.id(), lead.name()),
                to == null ? null : to.actor(), body.reason()));
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
