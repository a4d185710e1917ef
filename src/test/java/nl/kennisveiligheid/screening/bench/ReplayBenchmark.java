package nl.kennisveiligheid.screening.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.kennisveiligheid.screening.audit.ChainVerifier;
import nl.kennisveiligheid.screening.audit.EventSigning;
import nl.kennisveiligheid.screening.audit.LogReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/** The auditor's verification over a bench topic of signed, chained events, next to a raw consumer's read. */
final class ReplayBenchmark {

    record Result(long events, double verifyPerSecond, double anchoredPerSecond, double rawPerSecond) {}

    static final int FULL_CHECK_SAMPLE = 100_000;

    private ReplayBenchmark() {}

    static void createTopic(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
    }

    /** A producer that fills a bench topic fast and completely (acks=all, large batches). */
    static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    /** A typical automated decision event of the log, sequenced but not yet sealed. */
    static ObjectNode decision(long sequence, String prevHash) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("eventId", UUID.randomUUID().toString());
        e.put("sequence", sequence);
        e.put("type", "DECISION_RECORDED");
        e.put("occurredAt", Instant.now().toString());
        e.put("caseId", UUID.randomUUID().toString());
        e.put("institution", "demo-university");
        e.put("subject", "c3ViamVjdC1wc2V1ZG9ueW0tZm9yLWJlbmNobWFya2luZw");
        e.put("outcome", "CLEARED");
        e.put("decidedBy", "automated");
        e.put("policyVersion", "2026.1");
        e.put("policyHash", "0".repeat(64));
        e.putObject("reasons").put("reasoning", "No risk indicator.");
        e.put("payload", "QUVTLUdDTSBwYXlsb2FkIG9mIGEgdHlwaWNhbCBjYXNlIGlucHV0".repeat(20));
        e.put("prevHash", prevHash);
        return e;
    }

    /**
     * A raw kafka-clients consumer reading the topic's {@code records} from the start: the limit a
     * verifier is held to. Returns {@code events} per second of its reading.
     */
    static double rawConsumerRate(String bootstrap, String topic, long records, long events) {
        long t1 = System.nanoTime();
        long read = 0;
        // Bytes, as the verifiers read them: the limit does no decoding a verifier is spared.
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000, ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, org.apache.kafka.common.serialization.ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, org.apache.kafka.common.serialization.ByteArrayDeserializer.class))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            while (read < records) {
                read += consumer.poll(Duration.ofMillis(500)).count();
            }
        }
        return events / ((System.nanoTime() - t1) / 1e9);
    }

    static Result run(String bootstrap, int events) throws Exception {
        String topic = "screening.bench.replay." + System.currentTimeMillis();
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        createTopic(bootstrap, topic);
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            String prev = EventSigning.GENESIS;
            for (int i = 1; i <= events; i++) {
                ObjectNode e = decision(i, prev);
                EventSigning.Seal seal = EventSigning.seal(e, key.getPrivate());
                prev = seal.hash();
                producer.send(new ProducerRecord<>(topic, e.get("caseId").asText(), seal.canonicalEvent()));
            }
        }
        // Every signature checked, timed over the first FULL_CHECK_SAMPLE events (one Ed25519 verification each).
        long t0 = System.nanoTime();
        ChainVerifier chain = new ChainVerifier(key.getPublic());
        long[] fullCheckNanos = {0};
        LogReader.readBatches(Map.of(), bootstrap, topic, batch -> {
            if (chain.eventsRead() < FULL_CHECK_SAMPLE) {
                chain.acceptRecords(batch);
                if (chain.eventsRead() >= FULL_CHECK_SAMPLE) {
                    fullCheckNanos[0] = System.nanoTime() - t0;
                }
            }
        });
        double verify = chain.eventsRead() / (fullCheckNanos[0] / 1e9);
        if (!chain.chainIntact() || !chain.signaturesValid()) {
            throw new IllegalStateException("bench log did not verify");
        }
        long ta = System.nanoTime();
        ChainVerifier anchored = new ChainVerifier(key.getPublic(), 1000);
        LogReader.readBatches(Map.of(), bootstrap, topic, anchored::acceptRecords);
        anchored.finish();
        double anchoredRate = anchored.eventsRead() / ((System.nanoTime() - ta) / 1e9);
        if (!anchored.chainIntact() || !anchored.signaturesValid()) {
            throw new IllegalStateException("bench log did not verify (anchored)");
        }
        double raw = rawConsumerRate(bootstrap, topic, events, events);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.deleteTopics(List.of(topic)).all().get();
        }
        return new Result(events, verify, anchoredRate, raw);
    }
}
