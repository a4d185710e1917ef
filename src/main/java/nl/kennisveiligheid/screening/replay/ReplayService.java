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
import org.eclipse.microprofile.config.inject.ConfigProperty;
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

    @Inject
    nl.kennisveiligheid.screening.audit.Checkpoints checkpoints;

    @Inject
    nl.kennisveiligheid.screening.audit.TreeProofs proofs;

    @Inject
    nl.kennisveiligheid.screening.audit.SigningKeys signingKeys;

    private static final int RETRY_AFTER_SECONDS = 10;

    @ConfigProperty(name = "screening.replay.max-running", defaultValue = "4")
    int maxRunning;

    @ConfigProperty(name = "screening.replay.stale-after", defaultValue = "PT1H")
    java.time.Duration staleAfter;

    private final ExecutorService jobs = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "audit-replay");
        t.setDaemon(true);
        return t;
    });

    @PreDestroy
    void shutdown() {
        jobs.shutdownNow();
    }

    /**
     * Starts a replay for {@code requestedBy}: one running replay per auditor (the database's unique
     * index decides, on every replica alike) and at most {@code screening.replay.max-running} in all;
     * beyond either, 429 at once rather than a queue that grows. A replay left RUNNING by a process
     * that died is marked FAILED once it is older than {@code screening.replay.stale-after}.
     */
    public ReplayReport start(String requestedBy, String trustedCheckpoint) throws java.sql.SQLException {
        String trusted = trustedCheckpoint != null ? trustedCheckpoint : latestCheckpoint();
        // The auditor's own checkpoint must be the log's; the service's latest is checked by the replay itself.
        if (trustedCheckpoint != null) {
            try {
                nl.kennisveiligheid.screening.audit.tree.SignedNote.open(trusted, signingKeys.noteKeys());
            } catch (nl.kennisveiligheid.screening.audit.tree.SignedNote.Refused | IllegalArgumentException e) {
                throw new nl.kennisveiligheid.screening.common.InvalidInputException("checkpoint",
                        "must be a checkpoint of this log signed with its key (C2SP signed note)");
            }
        }
        UUID id = UUID.randomUUID();
        Instant started = clock.instant();
        ReplayReport running = ReplayReport.withoutVerdict(id, "RUNNING", started, null);
        QuarkusTransaction.requiringNew().run(() -> {
            var em = Panache.getEntityManager();
            @SuppressWarnings("unchecked")
            List<Object[]> stale = em.createNativeQuery("select id, (extract(epoch from started_at) * 1000)::bigint from replay_job where status = 'RUNNING'"
                            + " and started_at < ?1 for update skip locked")
                    .setParameter(1, started.minus(staleAfter)).getResultList();
            for (Object[] row : stale) {
                UUID staleId = (UUID) row[0];
                Instant staleStart = Instant.ofEpochMilli(((Number) row[1]).longValue());
                em.createNativeQuery("update replay_job set status = 'FAILED', finished_at = ?2, report = ?3 where id = ?1")
                        .setParameter(1, staleId).setParameter(2, started)
                        .setParameter(3, CanonicalJson.string(failed(staleId, staleStart, started))).executeUpdate();
            }
            Number runningNow = (Number) em.createNativeQuery(
                    "select count(*) from replay_job where status = 'RUNNING'").getSingleResult();
            if (runningNow.intValue() >= maxRunning) {
                throw ProblemException.tooManyRequests("replay-queue-full", "As many replays as the service runs at "
                        + "once are running; start this one when one of them has finished.", RETRY_AFTER_SECONDS);
            }
            int inserted = em.createNativeQuery("insert into replay_job (id, status, requested_by, started_at, report)"
                            + " values (?1, 'RUNNING', ?2, ?3, ?4) on conflict do nothing")
                    .setParameter(1, id).setParameter(2, requestedBy).setParameter(3, started)
                    .setParameter(4, CanonicalJson.string(running)).executeUpdate();
            if (inserted == 0) {
                throw ProblemException.tooManyRequests("replay-already-running", "A replay you started is still "
                        + "running; wait for its report, then start the next.", RETRY_AFTER_SECONDS);
            }
        });
        jobs.submit(() -> run(id, started, trusted));
        return running;
    }

    private static ReplayReport failed(UUID id, Instant started, Instant finished) {
        return ReplayReport.withoutVerdict(id, "FAILED", started, finished);
    }

    /** A replay in a list: who started it, and its report as it stands. */
    public record PastReplay(String requestedBy, ReplayReport report) {}

    /** The latest replays, newest first, with their reports (the running ones without a verdict yet). */
    public List<PastReplay> recent(int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = Panache.getEntityManager().createNativeQuery(
                    "select requested_by, report from replay_job order by started_at desc, id limit ?1")
                    .setParameter(1, limit).getResultList();
            return rows.stream().map(r -> new PastReplay((String) r[0], CanonicalJson.read((String) r[1],
                    new com.fasterxml.jackson.core.type.TypeReference<ReplayReport>() {}))).toList();
        });
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

    /** Every case the database knows, with its status. */
    private Map<String, nl.kennisveiligheid.screening.common.CaseStatus> casesInDatabase() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, nl.kennisveiligheid.screening.common.CaseStatus> cases = new java.util.HashMap<>();
            @SuppressWarnings("unchecked")
            java.util.stream.Stream<Object[]> rows = Panache.getEntityManager()
                    .createNativeQuery("select id::text, status from screening_case").getResultStream();
            rows.forEach(row -> cases.put((String) row[0], nl.kennisveiligheid.screening.common.CaseStatus.valueOf((String) row[1])));
            return cases;
        });
    }

    /** Cases with an event that was not on the topic when the replay began: the replay could not see it. */
    private java.util.Set<String> inFlight(Instant started) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object> keys = Panache.getEntityManager().createNativeQuery("select distinct record_key from outbox_event"
                    + " where sent_at is null or sent_at >= ?1").setParameter(1, started).getResultList();
            java.util.Set<String> ids = new java.util.HashSet<>();
            keys.forEach(k -> ids.add((String) k));
            return ids;
        });
    }

    /**
     * Whether the service's consistency proof leads from the trusted checkpoint to its latest one
     * (null without a trusted checkpoint): a service whose log is shorter than what the auditor kept,
     * or whose tree has another root at that size, cannot give one.
     */
    private Boolean consistencyWithLatest(String trustedCheckpoint) throws java.sql.SQLException {
        if (trustedCheckpoint == null) {
            return null;
        }
        var trusted = nl.kennisveiligheid.screening.audit.tree.Checkpoint.parse(
                nl.kennisveiligheid.screening.audit.tree.SignedNote.unverifiedText(trustedCheckpoint));
        String latestNote = latestCheckpoint();
        if (latestNote == null) {
            return false;
        }
        var latest = nl.kennisveiligheid.screening.audit.tree.Checkpoint.parse(
                nl.kennisveiligheid.screening.audit.tree.SignedNote.unverifiedText(latestNote));
        if (latest.size() < trusted.size() || trusted.size() > proofs.treeSize()) {
            return false;
        }
        return nl.kennisveiligheid.screening.audit.tree.MerkleTree.verifyConsistency(trusted.size(), latest.size(),
                trusted.rootHash(), latest.rootHash(), proofs.consistencyProof(trusted.size(), latest.size()));
    }

    private String latestCheckpoint() throws java.sql.SQLException {
        return checkpoints.latest().map(nl.kennisveiligheid.screening.audit.Checkpoints.Signed::note).orElse(null);
    }

    private void run(UUID id, Instant started, String trustedCheckpoint) {
        ReplayReport report;
        try {
            // The log's first key: the verifier follows the rotations the log itself records.
            Replay replay = new Replay(signingKeys.first().orElse(keys.publicKey()), caseId -> QuarkusTransaction.requiringNew()
                    .call(() -> caseKeys.find(caseId)));
            if (trustedCheckpoint != null) {
                replay.trusting(trustedCheckpoint);
            }
            LogReader.readBatches(kafka.with(Map.of()), kafka.bootstrap(), kafka.topic(), replay::acceptRecords);
            report = replay.report(id, started, clock.instant(), casesInDatabase(), inFlight(started))
                    .withConsistency(consistencyWithLatest(trustedCheckpoint));
        } catch (Exception e) {
            LOG.errorf("Replay %s failed: %s", id, SafeThrowable.describe(e));
            report = failed(id, started, clock.instant());
        }
        ReplayReport finished = report;
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager().createNativeQuery(
                        "update replay_job set status = ?2, finished_at = ?3, report = ?4 where id = ?1")
                .setParameter(1, id).setParameter(2, finished.status()).setParameter(3, finished.finishedAt())
                .setParameter(4, CanonicalJson.string(finished)).executeUpdate());
    }

}
