package nl.kennisveiligheid.screening.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import nl.kennisveiligheid.screening.common.SafeThrowable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox to Kafka in one order. Exactly one relay is active across replicas: the
 * holder of a PostgreSQL session advisory lock, released when its process dies so another replica
 * takes over. The relay first gives waiting events their place in the chain (sequence, prevHash,
 * hash, signature) and stores them, then sends them with an idempotent producer (acks=all) and
 * marks them sent. A crash between send and mark resends the same stored event, which consumers
 * drop by eventId; it never gets a second sequence number. When Kafka is away, decisions keep
 * committing and the relay retries with backoff.
 */
@ApplicationScoped
public class OutboxRelay {

    static final long LOCK_KEY = 8124303L;
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

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

    @ConfigProperty(name = "screening.audit.topic-replication", defaultValue = "1")
    short replication;

    @ConfigProperty(name = "screening.audit.relay.enabled", defaultValue = "true")
    boolean enabled;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean active;
    private Thread worker;
    private Connection lockConnection;
    private KafkaProducer<String, String> producer;

    void onStart(@Observes StartupEvent event) {
        metrics.gauge("screening.audit.relay.active", this, r -> r.active ? 1 : 0);
        metrics.gauge("screening.audit.outbox.backlog", this, OutboxRelay::backlog);
        if (enabled) {
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
        releaseLock();
        closeProducer();
    }

    /** Whether this replica holds the relay lock now. */
    public boolean isActive() {
        return active;
    }

    private void loop() {
        long backoffMillis = 250;
        while (running.get()) {
            try {
                if (!holdsLock()) {
                    active = tryLock();
                    if (!active) {
                        sleep(1_000);
                        continue;
                    }
                    LOG.info("This replica is now the active audit relay");
                    ensureTopic();
                }
                int sequenced = sequenceWaiting();
                int sent = sendSequenced();
                backoffMillis = 250;
                if (sequenced == 0 && sent == 0) {
                    sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running.get()) {
                    return;
                }
                LOG.warnf("Audit relay cannot proceed, retrying in %d ms: %s", backoffMillis, SafeThrowable.describe(e)
                        .lines().findFirst().orElse(""));
                closeProducer();
                try {
                    sleep(backoffMillis);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoffMillis = Math.min(backoffMillis * 2, 30_000);
            }
        }
    }

    /** Gives every waiting event its sequence, prevHash, hash and signature, in one transaction. */
    int sequenceWaiting() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long sequence;
                String lastHash;
                try (Statement s = c.createStatement();
                        ResultSet head = s.executeQuery("select sequence, hash from audit_chain_head where id = 1 for update")) {
                    head.next();
                    sequence = head.getLong(1);
                    lastHash = head.getString(2);
                }
                List<long[]> ids = new ArrayList<>();
                List<String> bodies = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement(
                        "select id, body from outbox_event where sequence is null order by id limit " + BATCH)) {
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            ids.add(new long[] {rs.getLong(1)});
                            bodies.add(rs.getString(2));
                        }
                    }
                }
                if (ids.isEmpty()) {
                    c.rollback();
                    return 0;
                }
                try (PreparedStatement update = c.prepareStatement(
                        "update outbox_event set sequence = ?, hash = ?, event = ? where id = ?")) {
                    for (int i = 0; i < ids.size(); i++) {
                        ObjectNode event = (ObjectNode) JSON.readTree(bodies.get(i));
                        event.put("sequence", ++sequence);
                        event.put("prevHash", lastHash);
                        EventSigning.seal(event, keys.signingKey());
                        lastHash = event.get("hash").asText();
                        update.setLong(1, sequence);
                        update.setString(2, lastHash);
                        update.setString(3, EventSigning.utf8(new org.erdtman.jcs.JsonCanonicalizer(event.toString())
                                .getEncodedUTF8()));
                        update.setLong(4, ids.get(i)[0]);
                        update.addBatch();
                    }
                    update.executeBatch();
                }
                try (PreparedStatement head = c.prepareStatement(
                        "update audit_chain_head set sequence = ?, hash = ? where id = 1")) {
                    head.setLong(1, sequence);
                    head.setString(2, lastHash);
                    head.executeUpdate();
                }
                c.commit();
                return ids.size();
            } catch (SQLException | RuntimeException | java.io.IOException e) {
                c.rollback();
                throw e instanceof SQLException sql ? sql : new SQLException("sequencing failed", e);
            }
        }
    }

    /** Sends sequenced events in order and marks those the broker acknowledged. */
    int sendSequenced() throws SQLException, InterruptedException, ExecutionException, TimeoutException {
        List<Long> ids = new ArrayList<>();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select id, record_key, event from outbox_event where sequence is not null and sent_at is null"
                        + " order by sequence limit " + BATCH)) {
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    records.add(new ProducerRecord<>(kafka.topic(), rs.getString(2), rs.getString(3)));
                }
            }
        }
        if (records.isEmpty()) {
            return 0;
        }
        KafkaProducer<String, String> p = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (ProducerRecord<String, String> record : records) {
            acks.add(p.send(record));
        }
        p.flush();
        List<Long> acknowledged = new ArrayList<>();
        try {
            for (int i = 0; i < acks.size(); i++) {
                acks.get(i).get(30, TimeUnit.SECONDS);
                acknowledged.add(ids.get(i));
            }
        } finally {
            markSent(acknowledged);
        }
        return acknowledged.size();
    }

    private void markSent(List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "update outbox_event set sent_at = ? where id = any (?)")) {
            s.setTimestamp(1, Timestamp.from(clock.instant()));
            s.setArray(2, c.createArrayOf("bigint", ids.toArray()));
            s.executeUpdate();
        }
    }

    private boolean holdsLock() {
        if (lockConnection == null) {
            return false;
        }
        try (Statement s = lockConnection.createStatement()) {
            s.execute("select 1");
            return true;
        } catch (SQLException e) {
            releaseLock();
            return false;
        }
    }

    private boolean tryLock() throws SQLException {
        // A connection of its own, outside the pool, holds the session lock for as long as it lives.
        Connection connection = dataSource.getConnection();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select pg_try_advisory_lock(" + LOCK_KEY + ")")) {
            rs.next();
            if (rs.getBoolean(1)) {
                lockConnection = connection;
                return true;
            }
        }
        connection.close();
        return false;
    }

    private void releaseLock() {
        active = false;
        if (lockConnection != null) {
            try (Statement s = lockConnection.createStatement()) {
                s.execute("select pg_advisory_unlock(" + LOCK_KEY + ")");
            } catch (SQLException e) {
                // The connection is gone, and the lock with it.
            }
            try {
                lockConnection.close();
            } catch (SQLException e) {
                // Already closed.
            }
            lockConnection = null;
        }
    }

    private void ensureTopic() throws InterruptedException {
        try (Admin admin = Admin.create(settings(Map.of(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000)))) {
            NewTopic newTopic = new NewTopic(kafka.topic(), 1, replication)
                    .configs(Map.of("retention.ms", "-1", "cleanup.policy", "delete"));
            admin.createTopics(List.of(newTopic)).all().get(20, TimeUnit.SECONDS);
            LOG.infof("Created the audit topic %s", kafka.topic());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                LOG.warnf("Audit topic not created now (%s); the relay retries when sending",
                        e.getCause().getClass().getSimpleName());
            }
        } catch (TimeoutException e) {
            LOG.warn("Audit topic not created now (Kafka did not answer); the relay retries when sending");
        }
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(settings(Map.of(
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                    ProducerConfig.LINGER_MS_CONFIG, 5,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class)));
        }
        return producer;
    }

    private synchronized void closeProducer() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(2));
            producer = null;
        }
    }

    private double backlog() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from outbox_event where sent_at is null")) {
            return rs.next() ? rs.getLong(1) : Double.NaN;
        } catch (SQLException e) {
            return Double.NaN;
        }
    }

    private Map<String, Object> settings(Map<String, Object> specific) {
        return kafka.with(specific);
    }

    private static void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }
}
