package nl.kennisveiligheid.screening.rescreening;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import nl.kennisveiligheid.screening.audit.AuditOutbox;
import nl.kennisveiligheid.screening.cases.CaseLifecycle;
import nl.kennisveiligheid.screening.cases.ScreeningCase;
import nl.kennisveiligheid.screening.common.CanonicalJson;
import nl.kennisveiligheid.screening.common.CaseStatus;
import nl.kennisveiligheid.screening.judgements.JudgementService;
import nl.kennisveiligheid.screening.periods.LegalCalendar;
import nl.kennisveiligheid.screening.policy.CompiledPolicy;
import nl.kennisveiligheid.screening.policy.PolicyService;
import nl.kennisveiligheid.screening.policy.PolicyVersion;
import nl.kennisveiligheid.screening.triage.Assessment;
import nl.kennisveiligheid.screening.triage.Judgements;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Re-screens stored cases when a policy version takes effect: every open case, and every case with a
 * positive decision on a request received within the policy's look-back whose position has not
 * ended. Never changes a decision: a decided case that the new version flags goes back to the
 * officers (RESCREEN_FLAGGED), an open one gains the new indicators.
 *
 * <p>One batch is one transaction, which moves the run's cursor with the cases it re-screened, so a
 * restart neither repeats nor skips a case. A transaction-scoped advisory lock lets one replica work
 * at a time. The assessments of a batch are computed in parallel (they are pure); only the cases where
 * something was raised are written, so a run over cases that do not change writes little but its cursor.
 */
@ApplicationScoped
public class RescreeningJob {

    private static final Logger LOG = Logger.getLogger(RescreeningJob.class);

    /** The advisory lock of re-screening (the relay, publications, retention and the sequencer have their own). */
    static final long LOCK = 8124331L;

    /** The decisions re-screening looks at again: the positive ones; a refusal needs no second look. */
    private static final java.util.Set<CaseStatus> POSITIVE_NOW = java.util.EnumSet.of(CaseStatus.NOT_REQUIRED,
            CaseStatus.CLEARED, CaseStatus.APPROVED, CaseStatus.APPROVED_WITH_CONDITIONS);
    private static final String POSITIVE = CaseStatus.sqlList(POSITIVE_NOW);
    private static final String OPEN = CaseStatus.sqlList(CaseStatus.OPEN.stream()
            .filter(s -> s != CaseStatus.RECEIVED).toList());

    /** The cases a run re-screens, after its cursor; ?1 effectiveFrom, ?2 lookBackFrom, ?3 today, ?4/?5 the cursor. */
    private static final String SELECTION = " from screening_case where received_at < ?1 and erased_at is null"
            + " and (received_at, id) > (?4, ?5)"
            + " and (status in " + OPEN + " or (status in " + POSITIVE + " and received_at >= ?2"
            + " and (position_ends_on is null or position_ends_on > ?3)))";

    @Inject
    Clock clock;

    @Inject
    PolicyService policies;

    @Inject
    CaseLifecycle lifecycle;

    @Inject
    JudgementService judgements;

    @Inject
    AuditOutbox outbox;

    @ConfigProperty(name = "screening.rescreening.batch-size", defaultValue = "500")
    int batchSize;

    @Scheduled(every = "${screening.rescreening.every:2s}", delayed = "${screening.rescreening.delayed:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            runUntilIdle();
        } catch (RuntimeException e) {
            // A batch that meets a concurrent change of one of its cases rolls back whole and is done again.
            LOG.warnf("Re-screening batch rolled back, retried at the next tick: %s", e.getClass().getSimpleName());
        }
    }

    /** Starts the runs of versions now in effect and works until none has cases left; returns how many it did. */
    public long runUntilIdle() {
        long done = 0;
        for (long n = batch(); n >= 0; n = batch()) {
            done += n;
        }
        return done;
    }

    long batch() {
        return batch(batchSize);
    }

    /** One batch of the oldest running run: the number of cases re-screened, or -1 when there is nothing to do. */
    long batch(int size) {
        return QuarkusTransaction.requiringNew().call(() -> {
            EntityManager em = Panache.getEntityManager();
            if (!(Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(" + LOCK + ")").getSingleResult()) {
                return -1L;
            }
            startRunsInEffect(em);
            RescreeningRun run = RescreeningRun.<RescreeningRun>find("status = ?1 order by effectiveFrom",
                    RescreeningRun.RUNNING).firstResult();
            return run == null ? -1L : rescreen(em, run, size);
        });
    }

    private void startRunsInEffect(EntityManager em) {
        Instant now = clock.instant();
        List<PolicyVersion> due = PolicyVersion.list("status = ?1 and effectiveFrom <= ?2 and version not in"
                + " (select r.policyVersion from RescreeningRun r) order by effectiveFrom", PolicyVersion.PUBLISHED, now);
        for (PolicyVersion version : due) {
            CompiledPolicy policy = policies.compiled(version);
            RescreeningRun run = new RescreeningRun();
            run.policyVersion = version.version;
            run.status = RescreeningRun.RUNNING;
            run.effectiveFrom = version.effectiveFrom;
            run.lookBackFrom = version.effectiveFrom.atZone(LegalCalendar.LEGAL_ZONE)
                    .minusMonths(policy.document().lookBackMonths()).toInstant();
            run.afterReceived = Instant.EPOCH;
            run.afterId = new UUID(0, 0);
            run.startedAt = now;
            run.counted = ((Number) selection(em, "select count(*)", run).getSingleResult()).longValue();
            run.persist();
        }
    }

    @SuppressWarnings("unchecked")
    private long rescreen(EntityManager em, RescreeningRun run, int size) {
        CompiledPolicy policy = policies.compiled(PolicyVersion.findById(run.policyVersion));
        List<Object[]> rows = selection(em, "select id, institution, request, assessment, policy_version, received_at",
                run).setMaxResults(size).getResultList();
        if (rows.isEmpty()) {
            complete(run, policy);
            return 0L;
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), LegalCalendar.LEGAL_ZONE);
        List<Judgements.Judgement> active = judgements.activeOn(today);
        PolicyVersion prior = PolicyVersion.<PolicyVersion>find("status = ?1 and effectiveFrom < ?2 order by effectiveFrom"
                + " desc", PolicyVersion.PUBLISHED, run.effectiveFrom).firstResult();
        List<Rescreen.Result> results = rows.parallelStream().map(row -> reassess(new Rescreen.StoredCase(
                (UUID) row[0], (String) row[1], (String) row[2], (String) row[3],
                comparedWith((String) row[4], instant(row[5]), prior)), policy, active, today)).toList();
        for (Rescreen.Result result : results) {
            if (!result.raised().isEmpty()) {
                switch (record(result, policy)) {
                    case ALERT -> run.alerts++;
                    case INDICATORS_ADDED -> run.indicatorsAdded++;
                    case NONE -> { }
                }
            }
        }
        Object[] last = rows.get(rows.size() - 1);
        // Cases with nothing new are not written: a run writes only what it raised, and its cursor.
        run.reassessed += rows.size();
        run.afterReceived = instant(last[5]);
        run.afterId = (UUID) last[0];
        return rows.size();
    }

    /**
     * One case re-assessed; a case that cannot be (a stored request this build no longer reads) is
     * passed over with a warning naming only its id, so that one case never stalls a run.
     */
    private static Rescreen.Result reassess(Rescreen.StoredCase c, CompiledPolicy policy,
            List<Judgements.Judgement> active, LocalDate today) {
        try {
            return Rescreen.of(c, policy.triage(), active, today);
        } catch (RuntimeException e) {
            LOG.warnf("Case %s could not be re-assessed with policy version %s (%s); passed over", c.id(),
                    policy.version(), e.getClass().getSimpleName());
            return new Rescreen.Result(c.id(), c.comparedWith(), List.of(), null, null);
        }
    }

    /**
     * The version a case's assessment was last compared with: the version in effect before this one,
     * which re-screened every case received before it took effect, or else the case's own.
     */
    private static String comparedWith(String ownVersion, Instant receivedAt, PolicyVersion prior) {
        return prior != null && receivedAt.isBefore(prior.effectiveFrom) ? prior.version : ownVersion;
    }

    /** What re-screening did to one case. */
    private enum Recorded { ALERT, INDICATORS_ADDED, NONE }

    /**
     * Records what was raised on one case, as the case stands now: an officer may have decided,
     * withdrawn or reopened it since the batch was read, and then what it is now decides.
     */
    private Recorded record(Rescreen.Result result, CompiledPolicy policy) {
        ScreeningCase c = ScreeningCase.findById(result.caseId());
        boolean decided = POSITIVE_NOW.contains(c.status);
        if (!decided && !c.status.isOpen()) {
            return Recorded.NONE;
        }
        UUID alertId = null;
        if (decided) {
            alertId = UUID.randomUUID();
            Panache.getEntityManager().createNativeQuery("insert into rescreening_alert (id, case_id, policy_version,"
                            + " previous_version, indicators, assessment_hash, raised_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                    .setParameter(1, alertId).setParameter(2, c.id).setParameter(3, policy.version())
                    .setParameter(4, result.previousVersion()).setParameter(5, CanonicalJson.string(alerted(result.raised())))
                    .setParameter(6, result.freshAssessmentHash()).setParameter(7, clock.instant()).executeUpdate();
        }
        CaseLifecycle.Rescreened rescreened = new CaseLifecycle.Rescreened(policy.version(), policy.contentHash(),
                result.previousVersion(), result.raised(), result.mergedAssessmentJson(), result.freshAssessmentHash(),
                alertId);
        if (decided) {
            lifecycle.rescreenFlag(c, rescreened);
            return Recorded.ALERT;
        }
        lifecycle.addRescreenIndicators(c, rescreened);
        return Recorded.INDICATORS_ADDED;
    }

    /** What an alert keeps of the raised indicators: what was found and how strongly, never the matched words. */
    private static List<java.util.Map<String, String>> alerted(List<Assessment.Indicator> raised) {
        return raised.stream().map(i -> {
            java.util.Map<String, String> kept = new java.util.TreeMap<>();
            kept.put("type", i.type().name());
            kept.put("listEntry", i.listEntry());
            kept.put("listEntryName", i.listEntryName());
            kept.put("riskLevel", i.riskLevel());
            kept.put("field", i.field());
            kept.put("score", i.score());
            kept.put("threshold", i.threshold());
            return kept;
        }).toList();
    }

    private void complete(RescreeningRun run, CompiledPolicy policy) {
        Instant now = clock.instant();
        run.status = RescreeningRun.COMPLETED;
        run.finishedAt = now;
        outbox.rescreeningCompleted(run.policyVersion, policy.contentHash(), run.counted, run.reassessed, run.alerts,
                run.indicatorsAdded, now);
        LOG.infof("Re-screening with policy version %s completed: %d counted, %d re-assessed, %d alerts, %d open cases"
                + " with indicators added", run.policyVersion, run.counted, run.reassessed, run.alerts, run.indicatorsAdded);
    }

    private static jakarta.persistence.Query selection(EntityManager em, String select, RescreeningRun run) {
        return bind(em.createNativeQuery(select + SELECTION + (select.startsWith("select count") ? ""
                : " order by received_at, id")), run);
    }

    /** Whether a position has ended is judged on the run's first day, so that every batch selects alike. */
    private static jakarta.persistence.Query bind(jakarta.persistence.Query query, RescreeningRun run) {
        return query.setParameter(1, run.effectiveFrom).setParameter(2, run.lookBackFrom)
                .setParameter(3, LocalDate.ofInstant(run.startedAt, LegalCalendar.LEGAL_ZONE))
                .setParameter(4, run.afterReceived).setParameter(5, run.afterId);
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
