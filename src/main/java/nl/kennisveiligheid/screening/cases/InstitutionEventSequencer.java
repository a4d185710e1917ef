package nl.kennisveiligheid.screening.cases;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives committed institution events their place in each institution's sequence: 1, 2, 3, ... with
 * no gaps. One replica at a time does it (a transaction-scoped advisory lock), so intake never waits
 * on a per-institution counter; events of one case are numbered in the order they were written.
 */
@ApplicationScoped
public class InstitutionEventSequencer {

    /** The advisory lock of the sequencer (the relay, publications and retention have their own). */
    static final long LOCK = 8124305L;
    private static final int BATCH = 2000;

    @Scheduled(every = "${screening.events.sequence-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        sequenceAll();
    }

    /** Numbers every event waiting; returns how many. */
    public int sequenceAll() {
        int total = 0;
        for (int n = sequenceBatch(); n > 0; n = n == BATCH ? sequenceBatch() : 0) {
            total += n;
        }
        return total;
    }

    @SuppressWarnings("unchecked")
    private int sequenceBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            var em = Panache.getEntityManager();
            if (!(Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(" + LOCK + ")").getSingleResult()) {
                return 0;
            }
            List<Object[]> waiting = em.createNativeQuery("select id, institution from institution_event"
                    + " where sequence is null order by id limit " + BATCH).getResultList();
            Map<String, Long> last = new HashMap<>();
            for (Object[] row : waiting) {
                String institution = (String) row[1];
                long next = last.computeIfAbsent(institution, i -> ((Number) em.createNativeQuery(
                        "select coalesce(max(sequence), 0) from institution_event where institution = ?1")
                        .setParameter(1, i).getSingleResult()).longValue()) + 1;
                em.createNativeQuery("update institution_event set sequence = ?2 where id = ?1")
                        .setParameter(1, ((Number) row[0]).longValue()).setParameter(2, next).executeUpdate();
                last.put(institution, next);
            }
            return waiting.size();
        });
    }
}
