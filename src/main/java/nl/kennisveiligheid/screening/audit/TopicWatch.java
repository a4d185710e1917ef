package nl.kennisveiligheid.screening.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Keeps the topic in line with the outbox, which is the log's source of truth. It creates the topic
 * when it is missing, reads the largest record the topic accepts, and compares the sequence of the
 * topic's last record with the highest sequence marked as sent. When the topic is shorter (deleted,
 * recreated empty, a new cluster), the events it lacks are marked unsent again, so the publisher
 * sends them, byte-identical and in sequence order, before any newer event.
 */
final class TopicWatch {

    private static final Logger LOG = Logger.getLogger(TopicWatch.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Kafka's default {@code max.message.bytes}, used until the topic's own value is read. */
    static final int DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;

    private final AgroalDataSource dataSource;
    private final KafkaSettings kafka;
    private final short replication;
    private volatile int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;

    TopicWatch(AgroalDataSource dataSource, KafkaSettings kafka, short replication) {
        this.dataSource = dataSource;
        this.kafka = kafka;
        this.replication = replication;
    }

    /** The largest record value the topic accepts, as last read from its configuration. */
    int maxMessageBytes() {
        return maxMessageBytes;
    }

    /**
     * Creates the topic if needed, reads its limits and re-queues what it lacks; returns how many
     * events were marked for sending again.
     */
    int check() throws InterruptedException, ExecutionException, TimeoutException, SQLException, java.io.IOException {
        try (Admin admin = Admin.create(kafka.with(Map.of(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000)))) {
            Set<String> topics = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            if (!topics.contains(kafka.topic())) {
                create(admin);
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, kafka.topic());
            Config config = admin.describeConfigs(List.of(resource)).all().get(15, TimeUnit.SECONDS).get(resource);
            ConfigEntry limit = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            if (limit != null && limit.value() != null) {
                maxMessageBytes = Integer.parseInt(limit.value());
            }
        }
        long onTopic = lastSequenceOnTopic();
        return requeueAfter(onTopic);
    }

    private void create(Admin admin) throws InterruptedException, TimeoutException, ExecutionException {
        NewTopic newTopic = new NewTopic(kafka.topic(), 1, replication)
                .configs(Map.of("retention.ms", "-1", "cleanup.policy", "delete"));
        try {
            admin.createTopics(List.of(newTopic)).all().get(20, TimeUnit.SECONDS);
            LOG.infof("Created the audit topic %s", kafka.topic());
        } catch (ExecutionException e) {
            // Another replica made it, or the old one is still being deleted: the next check sees.
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** The sequence of the topic's last record, 0 when the topic is empty. */
    private long lastSequenceOnTopic() throws java.io.IOException {
        Map<String, Object> settings = kafka.with(Map.of(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings)) {
            TopicPartition partition = new TopicPartition(kafka.topic(), 0);
            List<TopicPartition> partitions = List.of(partition);
            consumer.assign(partitions);
            long end = consumer.endOffsets(partitions, Duration.ofSeconds(15)).get(partition);
            long start = consumer.beginningOffsets(partitions, Duration.ofSeconds(15)).get(partition);
            if (end <= start) {
                return 0;
            }
            consumer.seek(partition, end - 1);
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    com.fasterxml.jackson.databind.JsonNode value = JSON.readTree(record.value());
                    // A checkpoint follows the last event it covers, so its tree size is that event's sequence.
                    return CheckpointRecord.is(value) ? value.path("treeSize").asLong(0) : value.path("sequence").asLong(0);
                }
            }
            throw new java.io.IOException("the topic's last record could not be read in time");
        }
    }

    private int requeueAfter(long onTopic) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            long sent;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select coalesce(max(sequence), 0) from outbox_event where sent_at is not null")) {
                rs.next();
                sent = rs.getLong(1);
            }
            if (onTopic >= sent) {
                return 0;
            }
            try (PreparedStatement s = c.prepareStatement(
                    "update outbox_event set sent_at = null where sequence > ? and sent_at is not null")) {
                s.setLong(1, onTopic);
                int requeued = s.executeUpdate();
                try (PreparedStatement checkpoints = c.prepareStatement(
                        "update audit_checkpoint set sent_at = null where (tree_size > ? or ? = 0) and sent_at is not null")) {
                    // An empty topic lacks even the empty log's checkpoint.
                    checkpoints.setLong(1, onTopic);
                    checkpoints.setLong(2, onTopic);
                    checkpoints.executeUpdate();
                }
                LOG.warnf("The audit topic ends at sequence %d but %d was sent: sending %d stored events again, in order,"
                        + " with their checkpoints", onTopic, sent, requeued);
                return requeued;
            }
        }
    }
}
