package nl.kennisveiligheid.screening.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The log's reader against the real broker: with the service's own Kafka settings it reads a topic
 * from offset 0 to its end, in order, hands each record over once and then returns (a replay that
 * never ended, or skipped or reordered a record, would fail here).
 */
@QuarkusTest
class KafkaBrokerRoundTripTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    KafkaSettings settings;

    @Test
    void theLogReaderReadsATopicFromTheStartToItsEndInOrder() throws Exception {
        String topic = "screening.selftest." + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
            for (int i = 1; i <= 7; i++) {
                producer.send(new ProducerRecord<>(topic, "case-" + i, "{\"sequence\":" + i + "}")).get();
            }
        }
        List<Long> sequences = new ArrayList<>();
        LogReader.readAll(settings.with(Map.of()), settings.bootstrap(), topic,
                event -> sequences.add(event.get("sequence").asLong()));
        List<Integer> batchSizes = new ArrayList<>();
        LogReader.readBatches(settings.with(Map.of()), settings.bootstrap(), topic, batch -> batchSizes.add(batch.size()));
        // A verifier that gives up mid-log: its failure reaches the caller and the reader's own poller stops.
        java.io.IOException refused = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> LogReader.readBatches(settings.with(Map.of()), settings.bootstrap(), topic, batch -> {
                    throw new java.io.IOException("verifier gave up");
                }));
        assertEquals("verifier gave up", refused.getMessage());
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (pollerAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        org.junit.jupiter.api.Assertions.assertFalse(pollerAlive(), "the log reader's poller ended with its reader");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.deleteTopics(List.of(topic)).all().get();
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), sequences);
        assertEquals(7, batchSizes.stream().mapToInt(Integer::intValue).sum());
    }

    private static boolean pollerAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("log-reader") && t.isAlive());
    }
}
