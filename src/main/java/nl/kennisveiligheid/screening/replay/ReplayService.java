package nl.kennisveiligheid.screening.replay;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import nl.kennisveiligheid.screening.audit.AuditKeys;
import nl.kennisveiligheid.screening.audit.CaseKeys;
import nl.kennisveiligheid.screening.audit.KafkaSettings;
import nl.kennisveiligheid.screening.audit.LogReader;
import nl.kennisveiligheid.screening.common.CanonicalJson;
import nl.kennisveiligheid.screening.common.ProblemException;
import nl.kennisveiligheid.screening.common.SafeThrowable;
import org.jboss.logging.Logger;

/** Runs auditors' replays as background jobs and keeps their reports. */
@ApplicationScoped
public class ReplayService {

    private static final Logger LOG = Logger.getLogger(ReplayService.class);

    @Inject
    AuditKeys keys;

    @Inject
    CaseKeys caseKeys;

    @Inject
    Clock clock;

    @Inject
    KafkaSettings kafka;

    private final ExecutorService jobs = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "audit-replay");
        t.setDaemon(true);
        return t;
    });

    @PreDestroy
    void shutdown() {
        jobs.shutdownNow();
    }

    public ReplayReport start(String requestedBy) {
        UUID id = UUID.randomUUID();
        Instant started = clock.instant();
        ReplayReport running = new ReplayReport(id, "RUNNING", 0, 0, false, null, false, List.of(), 0, List.of(), 0, 0,
                started, null);
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager().createNativeQuery(
                        "insert into replay_job (id, status, requested_by, started_at, report) values (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, id).setParameter(2, "RUNNING").setParameter(3, requestedBy).setParameter(4, started)
                .setParameter(5, CanonicalJson.string(running)).executeUpdate());
        jobs.submit(() -> run(id, started));
        return running;
    }

    public ReplayReport find(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object> rows = Panache.getEntityManager().createNativeQuery("select report from replay_job where id = ?1")
                    .setParameter(1, id).getResultList();
            if (rows.isEmpty()) {
                throw ProblemException.notFound("Replay " + id);
            }
            return CanonicalJson.read((String) rows.get(0), new com.fasterxml.jackson.core.type.TypeReference<ReplayReport>() {});
        });
    }

    private void run(UUID id, Instant started) {
        ReplayReport report;
        try {
            Replay replay = new Replay(keys.publicKey(), caseId -> QuarkusTransaction.requiringNew()
                    .call(() -> caseKeys.find(caseId)));
            LogReader.readBatches(kafka.with(Map.of()), kafka.bootstrap(), kafka.topic(), replay::acceptRecords);
            report = replay.report(id, started, clock.instant());
        } catch (Exception e) {
            LOG.errorf("Replay %s failed: %s", id, SafeThrowable.describe(e));
            report = new ReplayReport(id, "FAILED", 0, 0, false, null, false, List.of(), 0, List.of(), 0, 0, started,
                    clock.instant());
        }
        ReplayReport finished = report;
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager().createNativeQuery(
                        "update replay_job set status = ?2, finished_at = ?3, report = ?4 where id = ?1")
                .setParameter(1, id).setParameter(2, finished.status()).setParameter(3, finished.finishedAt())
                .setParameter(4, CanonicalJson.string(finished)).executeUpdate());
    }

}
