package nl.kennisveiligheid.screening.cases;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import nl.kennisveiligheid.screening.periods.LegalCalendar;
import org.jboss.logging.Logger;

/**
 * Ends the suspension of information requests whose reply-by date has passed unused (Awb 4:15(1)(a)):
 * the case returns to its officer with the period moved by the days it stood still. Each request in
 * a transaction of its own, so one that loses a race with the institution's answer is simply skipped.
 */
@ApplicationScoped
public class LapsedQuestions {

    private static final Logger LOG = Logger.getLogger(LapsedQuestions.class);

    @Inject
    Clock clock;

    @Inject
    CaseLifecycle lifecycle;

    @Scheduled(every = "10m", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        int lapsed = closeLapsed();
        if (lapsed > 0) {
            LOG.infof("%d information request(s) lapsed unanswered; their cases are back with the officers", lapsed);
        }
    }

    /** Closes every open request whose reply-by date is before today; returns how many. */
    public int closeLapsed() {
        List<UUID> due = QuarkusTransaction.requiringNew().call(() -> InformationRequest
                .lapsedBefore(LegalCalendar.dayOf(clock.instant())).stream().map(q -> q.id).toList());
        int closed = 0;
        for (UUID id : due) {
            try {
                if (QuarkusTransaction.requiringNew().call(() -> lifecycle.lapse(id)) != null) {
                    closed++;
                }
            } catch (RuntimeException raced) {
                LOG.debugf("Information request %s changed meanwhile; the next run looks again", id);
            }
        }
        return closed;
    }
}
