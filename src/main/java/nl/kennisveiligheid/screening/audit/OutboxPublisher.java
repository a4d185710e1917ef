package nl.kennisveiligheid.screening.audit;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Sends sequenced outbox events to the topic in sequence order with an idempotent producer
 * (acks=all) and marks those the broker acknowledged; the only code that produces to Kafka.
 */
final class OutboxPublisher {

    private static final Logger LOG = Logger.getLogger(OutboxPublisher.class);

    private final AgroalDataSource dataSource;
    private final KafkaSettings kafka;
    private final Clock clock;
    private final short replication;
    private final int batch;
    private KafkaProducer<String, String> producer;

    OutboxPublisher(AgroalDataSource dataSource, KafkaSettings kafka, Clock clock, short replication, int batch) {
        this.dataSource = dataSource;
        this.kafka = kafka;
        this.clock = clock;
        this.replication = replication;
        this.batch = batch;
    }

    /** Sends the next sequenced events in order; returns how many the broker acknowledged. */
    int sendSequenced() throws SQLException, InterruptedException, ExecutionException, TimeoutException {
        List<Long> ids = new ArrayList<>();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select id, record_key, event from outbox_event where sequence is not null and sent_at is null"
                        + " order by sequence limit " + batch)) {
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

    /** Creates the topic (one partition, unlimited retention) when it is missing; retried when sending. */
    void ensureTopic() throws InterruptedException {
        try (Admin admin = Admin.create(kafka.with(Map.of(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000)))) {
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
            producer = new KafkaProducer<>(kafka.with(Map.of(
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

    /** Drops the producer, so that the next send starts a fresh one (after a fault, or at stop). */
    synchronized void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(2));
            producer = null;
        }
    }
}
