package nl.kennisveiligheid.screening.audit;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import nl.kennisveiligheid.screening.common.DedicatedConnections;
import nl.kennisveiligheid.screening.common.SessionLock;
import nl.kennisveiligheid.screening.common.SafeThrowable;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox to Kafka in one order. Exactly one relay is active across replicas: the
 * holder of its {@link SessionLock}. The active relay first gives waiting events their place in the
 * chain ({@link ChainSequencer}) and stores them, then the {@link OutboxPublisher} sends them and
 * marks them sent. A crash between send and mark resends the same stored event, which consumers drop
 * by eventId; it never gets a second sequence number. When Kafka is away, decisions keep committing
 * and the relay retries with backoff. On becoming active and then periodically, a {@link TopicWatch}
 * restores what the topic lacks from the outbox. An event that cannot be sealed or that Kafka refuses
 * for good halts the relay at that event with a {@link LogAlarm} (never skipped: the chain stays
 * whole), which readiness and the {@code screening.audit.relay.halted} gauge report until it clears.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;
    private static final int TREE_CATCH_UP = 5_000;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuditKeys keys;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    @Inject
    KafkaSettings kafka;

    @Inject
    AuditConfig config;

    @Inject
    DedicatedConnections connections;

    @Inject
    Checkpoints checkpoints;

    @Inject
    SigningKeys signingKeys;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean active;
    private Thread worker;
    /** The session advisory lock whose holder is the one active relay. */
    static final long RELAY_LOCK = 8124303L;

    private SessionLock lock;
    private OutboxPublisher publisher;
    private TopicWatch topicWatch;
    private volatile LogAlarm alarm;
    private long nextTopicCheck;
    /** Whether events reached the topic that no checkpoint covers yet (or this replica just became active). */
    private boolean uncheckpointed;
    private long lastCheckpointAt;
    /**
     * What this replica found in the database since it became active, so that the loop does not ask
     * again every 100 ms: that the tree holds every sealed event (each seal then appends to it), and
     * which key the key history says signs the log now.
     */
    private volatile boolean treeInStep;
    private volatile String historySigningKid;

    void onStart(@Observes StartupEvent event) {
        metrics.gauge("screening.audit.relay.active", this, r -> r.active ? 1 : 0);
        metrics.gauge("screening.audit.outbox.backlog", this, r -> r.unsent("count(*)"));
        metrics.gauge("screening.audit.relay.halted", this, r -> r.alarm == null ? 0 : 1);
        metrics.gauge("screening.audit.outbox.oldest.seconds", this,
                r -> r.unsent("coalesce(extract(epoch from now() - min(created_at)), 0)"));
        metrics.gauge("screening.audit.checkpoint.behind", this, OutboxRelay::eventsWithoutCheckpoint);
        try {
            checkpoints.ensureFirst();
        } catch (SQLException e) {
            LOG.warnf("The empty log's checkpoint could not be signed yet (the relay signs one with its first events): %s",
                    SafeThrowable.describe(e).lines().findFirst().orElse(""));
        }
        if (config.relay().enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    public synchronized void start() {
        if (running.getAndSet(true)) {
            return;
        }
        lock = new SessionLock(connections, RELAY_LOCK);
        publisher = new OutboxPublisher(dataSource, kafka, clock, BATCH, metrics.counter("screening.audit.events.sent"));
        topicWatch = new TopicWatch(dataSource, kafka, config.topicReplication());
        worker = new Thread(this::loop, "audit-outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    /** Stops relaying and gives up the lock (as a killed process would). */
    public synchronized void stop() {
        running.set(false);
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        active = false;
        if (lock != null) {
            lock.release();
        }
        if (publisher != null) {
            publisher.close();
        }
    }

    /** Whether this replica holds the relay lock now. */
    public boolean isActive() {
        return active;
    }

    /** Why the relay stands still at one event, if it does: the outbox row and the kind of failure. */
    public java.util.Optional<String> alarm() {
        LogAlarm current = alarm;
        return current == null ? java.util.Optional.empty() : java.util.Optional.of(current.getMessage());
    }

    private void loop() {
        long backoffMillis = 250;
        try {
            while (running.get()) {
                try {
                    if (!lock.held()) {
                        active = lock.tryAcquire();
                        if (!active) {
                            Thread.sleep(1_000);
                            continue;
                        }
                        LOG.info("This replica is now the active audit relay");
                        nextTopicCheck = System.nanoTime();
                        uncheckpointed = true;
                        treeInStep = false;
                        historySigningKid = null;
                    }
                    if (System.nanoTime() - nextTopicCheck >= 0) {
                        if (topicWatch.check() > 0) {
                            publisher.close();
                        }
                        nextTopicCheck = System.nanoTime() + config.relay().topicCheckInterval().toNanos();
                    }
                    int sequenced = sequenceWaiting();
                    int sent = publisher.sendSequenced(topicWatch.maxMessageBytes());
                    uncheckpointed |= sent > 0;
                    if (uncheckpointed) {
                        checkpointIfDue(sequenced == 0 && sent == 0);
                    }
                    backoffMillis = 250;
                    if (alarm != null) {
                        LOG.infof("Audit relay alarm cleared: %s", alarm.getMessage());
                        alarm = null;
                    }
                    if (sequenced == 0 && sent == 0) {
                        Thread.sleep(100);
                    }
                } catch (LogAlarm e) {
                    alarm = e;
                    LOG.errorf("AUDIT RELAY HALTED at %s. The chain cannot skip an event: repair the cause (see the"
                            + " README's runbook); the relay tries again every %s", e.getMessage(),
                            config.relay().haltedRetryInterval());
                    publisher.close();
                    nextTopicCheck = System.nanoTime();
                    Thread.sleep(config.relay().haltedRetryInterval().toMillis());
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    if (!running.get()) {
                        return;
                    }
                    active = lock.held();
                    LOG.warnf("Audit relay cannot proceed, retrying in %d ms: %s", backoffMillis,
                            SafeThrowable.describe(e).lines().findFirst().orElse(""));
                    publisher.close();
                    Thread.sleep(backoffMillis);
                    backoffMillis = Math.min(backoffMillis * 2, 30_000);
                } catch (Error e) {
                    // The state of this thread is unknown after an Error: give the log to another replica
                    // (or to this one, fresh) rather than hold the lock without relaying.
                    LOG.errorf("Audit relay failed (%s); releasing the relay lock and starting over in %d ms",
                            e.getClass().getName(), backoffMillis);
                    active = false;
                    lock.release();
                    publisher.close();
                    Thread.sleep(backoffMillis);
                    backoffMillis = Math.min(backoffMillis * 2, 30_000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            active = false;
            lock.release();
        }
    }

    /**
     * Signs a checkpoint over the events the topic holds when the last one is older than the
     * checkpoint interval, or at once when the relay has nothing more to send.
     */
    private void checkpointIfDue(boolean idle) throws SQLException {
        long now = System.nanoTime();
        if (!idle && now - lastCheckpointAt < config.checkpointInterval().toNanos()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select coalesce((select min(sequence) - 1 from outbox_event"
                        + " where sequence is not null and sent_at is null),"
                        + " (select coalesce(max(sequence), 0) from outbox_event where sequence is not null))")) {
            rs.next();
            long size = Math.min(rs.getLong(1), MerkleStore.size(c));
            if (size > Checkpoints.latestSize(c)) {
                checkpoints.issue(c, size);
            }
        }
        lastCheckpointAt = now;
        uncheckpointed = !idle;
    }

    /**
     * Gives every waiting event its place in the chain and adds it to the tree, in one transaction.
     * Events sealed before the tree existed are added to it first, a batch at a time.
     */
    int sequenceWaiting() throws SQLException, LogAlarm {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                ChainSequencer.Head head;
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("select sequence, hash from audit_chain_head where id = 1 for update")) {
                    rs.next();
                    head = new ChainSequencer.Head(rs.getLong(1), rs.getString(2));
                }
                if (!treeInStep) {
                    if (MerkleStore.size(c) < head.sequence()) {
                        int added = MerkleStore.catchUp(c, TREE_CATCH_UP);
                        c.commit();
                        return added;
                    }
                    treeInStep = true;
                }
                if (handOverSigningKey(c, head)) {
                    c.commit();
                    return 1;
                }
                List<Long> ids = new ArrayList<>();
                List<String> bodies = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement(
                        "select id, body from outbox_event where sequence is null order by id limit " + BATCH);
                        ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                        bodies.add(rs.getString(2));
                    }
                }
                if (ids.isEmpty()) {
                    c.rollback();
                    return 0;
                }
                ChainSequencer.Result result = ChainSequencer.seal(head, bodies, keys.signingKey());
                try (PreparedStatement update = c.prepareStatement(
                        "update outbox_event set sequence = ?, hash = ?, event = ? where id = ?")) {
                    for (int i = 0; i < result.events().size(); i++) {
                        ChainSequencer.Sealed sealed = result.events().get(i);
                        update.setLong(1, sealed.sequence());
                        update.setString(2, sealed.hash());
                        update.setString(3, sealed.canonicalEvent());
                        update.setLong(4, ids.get(i));
                        update.addBatch();
                    }
                    update.executeBatch();
                }
                MerkleStore.append(c, head.sequence(),
                        result.events().stream().map(ChainSequencer.Sealed::canonicalEvent).toList());
                try (PreparedStatement update = c.prepareStatement(
                        "update audit_chain_head set sequence = ?, hash = ? where id = 1")) {
                    update.setLong(1, result.head().sequence());
                    update.setString(2, result.head().hash());
                    update.executeUpdate();
                }
                c.commit();
                if (result.stoppedAt() != null) {
                    throw new LogAlarm(ids.get(result.stoppedAt().index()), null,
                            "the event cannot be sealed (" + result.stoppedAt().failure() + ")");
                }
                return result.events().size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e instanceof SQLException sql ? sql : new SQLException("sequencing failed", e);
            }
        }
    }

    /**
     * Records the log's first key, or, when the configured signing key is not the one that signs the
     * log, seals a {@code KEY_ROTATED} event with the old key naming the new one and the next sequence
     * (the key rotation an operator starts by configuring the new key and the old one as previous).
     * Returns whether it changed the key history, to be committed.
     */
    private boolean handOverSigningKey(Connection c, ChainSequencer.Head head) throws SQLException, LogAlarm {
        java.security.PublicKey configured = keys.publicKey();
        if (KeySchedule.kid(configured).equals(historySigningKid)) {
            return false;
        }
        java.util.Optional<KeySchedule.Entry> signing = SigningKeys.current(c);
        if (signing.isEmpty()) {
            // Kept at once, not with the next events: the JWKS shows the key before the first event.
            signingKeys.record(c, configured, 1);
            return true;
        }
        if (signing.get().kid().equals(KeySchedule.kid(configured))) {
            historySigningKid = signing.get().kid();
            return false;
        }
        java.security.PrivateKey old = keys.privateKeyOf(signing.get().kid()).orElseThrow(() -> LogAlarm.keys(
                "the log is signed by key " + signing.get().kid() + ", which is not configured as the previous signing key"));
        long rotationSequence = head.sequence() + 1;
        java.util.UUID rotationId = java.util.UUID.randomUUID();
        String body = AuditOutbox.keyRotatedBody(rotationId, signing.get().key(), configured, rotationSequence + 1,
                clock.instant());
        ChainSequencer.Result result = ChainSequencer.seal(head, List.of(body), old);
        ChainSequencer.Sealed sealed = result.events().get(0);
        try (PreparedStatement insert = c.prepareStatement("insert into outbox_event (event_id, type, record_key, body,"
                + " created_at, sequence, hash, event) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, rotationId);
            insert.setString(2, AuditOutbox.KEY_ROTATED);
            insert.setString(3, "signing-key");
            insert.setString(4, body);
            insert.setTimestamp(5, java.sql.Timestamp.from(clock.instant()));
            insert.setLong(6, sealed.sequence());
            insert.setString(7, sealed.hash());
            insert.setString(8, sealed.canonicalEvent());
            insert.executeUpdate();
        }
        MerkleStore.append(c, head.sequence(), List.of(sealed.canonicalEvent()));
        try (PreparedStatement update = c.prepareStatement("update audit_chain_head set sequence = ?, hash = ? where id = 1")) {
            update.setLong(1, result.head().sequence());
            update.setString(2, result.head().hash());
            update.executeUpdate();
        }
        signingKeys.record(c, configured, rotationSequence + 1);
        LOG.infof("The log's signing key changed from %s to %s at sequence %d", signing.get().kid(),
                KeySchedule.kid(configured), rotationSequence + 1);
        return true;
    }

    /**
     * How many events on the topic no signed checkpoint covers yet, read when scraped; it falls to 0
     * within a second of the relay falling idle. NaN while the database is away.
     */
    private double eventsWithoutCheckpoint() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select coalesce((select max(sequence) from outbox_event where sent_at is not null), 0)"
                        + " - coalesce((select max(tree_size) from audit_checkpoint), 0)")) {
            return rs.next() ? Math.max(0, rs.getDouble(1)) : Double.NaN;
        } catch (SQLException e) {
            return Double.NaN;
        }
    }

    /** One number about the unsent events, read when scraped; NaN while the database is away. */
    private double unsent(String aggregate) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select " + aggregate + " from outbox_event where sent_at is null")) {
            return rs.next() ? rs.getDouble(1) : Double.NaN;
        } catch (SQLException e) {
            return Double.NaN;
        }
    }
}
