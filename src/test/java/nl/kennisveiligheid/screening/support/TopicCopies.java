package nl.kennisveiligheid.screening.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes a copy of log records to a topic a test just created. On a loaded broker the new
 * partition's leader may not be ready for the first batch (NOT_LEADER_OR_FOLLOWER); an idempotent
 * producer with several batches in flight then got OUT_OF_ORDER_SEQUENCE_NUMBER for the later ones
 * until the first expired after delivery.timeout.ms, and the copy silently began at sequence 5
 * (seen in a CI run of AuditLogTest). One batch in flight keeps the retries in order, the metadata
 * is awaited first, and every send is checked, so a lost record fails here and not as a broken chain.
 */
public final class TopicCopies {

    private TopicCopies() {}

    public static void write(String bootstrap, String topic, List<String> records) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.partitionsFor(topic);
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (String record : records) {
                sent.add(producer.send(new ProducerRecord<>(topic, record)));
            }
            producer.flush();
            for (Future<RecordMetadata> send : sent) {
                send.get();
            }
        }
    }
}
