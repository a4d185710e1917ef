package nl.kennisveiligheid.screening.privacy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import nl.kennisveiligheid.screening.cases.CaseLifecycle;
import org.jboss.logging.Logger;

/**
 * Erases the personal data of every case whose retention period has ended, whatever its kind
 * (decided, refused, withdrawn). One replica at a time runs it, under an advisory lock of its own;
 * each case is erased in a transaction of its own under its row lock, so an erasure on request at the
 * same moment still leaves exactly one PERSONAL_DATA_ERASED event.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);
    /** The transaction-scoped advisory lock of the retention job (the relay and publications have their own). */
    static final long LOCK = 8124304L;
    private static final int BATCH = 1000;

    @Inject
    Clock clock;

    @Inject
    CaseErasure erasure;

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        int erased = eraseDue(clock.instant());
        if (erased > 0) {
            LOG.infof("Erased the personal data of %d case(s) at the end of their retention period", erased);
        }
    }

    /** Erases every case whose retention period ended at or before {@code now}; returns how many. */
    public int eraseDue(Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var em = Panache.getEntityManager();
            if (!(Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(" + LOCK + ")").getSingleResult()) {
                return 0;
            }
            int erased = 0;
            for (List<UUID> due = due(now); !due.isEmpty(); due = due(now)) {
                for (UUID caseId : due) {
                    if (QuarkusTransaction.requiringNew().call(() -> eraseIfDue(caseId, now))) {
                        erased++;
                    }
                }
                if (due.size() < BATCH) {
                    break;
                }
            }
            return erased;
        });
    }

    @SuppressWarnings("unchecked")
    private static List<UUID> due(Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager().createNativeQuery(
                        "select id from screening_case where erased_at is null and retention_ends_at <= ?1"
                                + " order by retention_ends_at, id limit " + BATCH)
                .setParameter(1, now).getResultList());
    }

    /** Re-checked under the row lock: the case may have been erased, or reopened by an admitted objection. */
    private boolean eraseIfDue(UUID caseId, Instant now) {
        CaseErasure.Locked c = erasure.lock(caseId);
        if (c == null || c.retentionEndsAt() == null || c.retentionEndsAt().isAfter(now)) {
            return false;
        }
        ObjectNode reasons = JsonNodeFactory.instance.objectNode();
        reasons.put("basis", "RETENTION_ENDED");
        reasons.put("retentionEndedAt", c.retentionEndsAt().toString());
        return erasure.erase(c, CaseLifecycle.Actor.AUTOMATED, reasons,
                "The retention period ended on " + c.retentionEndsAt() + ".", now);
    }
}
