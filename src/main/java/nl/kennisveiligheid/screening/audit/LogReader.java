package nl.kennisveiligheid.screening.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the whole log from offset 0 up to its end at the time of the call, with a consumer of its
 * own (no group, no committed offsets): what an auditor's replay needs and nothing more.
 */
public final class LogReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LogReader() {}

    public static void readAll(String bootstrap, String topic, Consumer<ObjectNode> onEvent) throws IOException {
        readAll(Map.of(), bootstrap, topic, onEvent);
    }

    /**
     * The records of each poll together, in log order, for verifiers that spread work over cores. Each
     * record is its value's bytes exactly as on the topic: decoding them as text first would replace
     * malformed UTF-8 and hash other bytes than the log holds.
     */
    public interface BatchHandler {
        void accept(List<byte[]> records) throws IOException;
    }

    public static void readBatches(Map<String, Object> settings, String bootstrap, String topic, BatchHandler onBatch)
            throws IOException {
        read(settings, bootstrap, topic, onBatch);
    }

    /**
     * The events of the chain, in log order, with {@code settings} (TLS and the like) under the
     * reader's own; the signed checkpoints between them are left out ({@link #readBatches} has every
     * record).
     */
    public static void readAll(Map<String, Object> settings, String bootstrap, String topic, Consumer<ObjectNode> onEvent)
            throws IOException {
        read(settings, bootstrap, topic, batch -> {
            for (byte[] record : batch) {
                ObjectNode value = (ObjectNode) JSON.readTree(record);
                if (!CheckpointRecord.is(value)) {
                    onEvent.accept(value);
                }
            }
        });
    }

    /**
     * Polls on a thread of its own while the caller's handler works on the batch before, so that
     * fetching from the broker and checking overlap; at most two batches wait between them.
     */
    private static void read(Map<String, Object> settings, String bootstrap, String topic, BatchHandler onBatch)
            throws IOException {
        java.util.concurrent.BlockingQueue<Object> batches = new java.util.concurrent.ArrayBlockingQueue<>(2);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread poller = new Thread(() -> poll(settings, bootstrap, topic, batches, stop), "log-reader");
        poller.setDaemon(true);
        poller.start();
        try {
            while (true) {
                Object next = batches.take();
                if (next == END) {
                    return;
                }
                if (next instanceof RuntimeException failed) {
                    throw failed;
                }
                @SuppressWarnings("unchecked")
                List<byte[]> batch = (List<byte[]>) next;
                onBatch.accept(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the log", e);
        } finally {
            // Stopped, not interrupted: an interrupted consumer cannot close cleanly. Emptying the
            // queue frees a poller waiting to hand over a batch; it then sees the flag and closes.
            stop.set(true);
            batches.clear();
        }
    }

    private static final Object END = new Object();

    private static void poll(Map<String, Object> settings, String bootstrap, String topic,
            java.util.concurrent.BlockingQueue<Object> batches, java.util.concurrent.atomic.AtomicBoolean stop) {
        Map<String, Object> own = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        Map<String, Object> config = new java.util.HashMap<>(settings);
        config.putAll(own);
        try {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15)).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(15));
                while (!stop.get() && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                    List<byte[]> batch = new java.util.ArrayList<>();
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        batch.add(record.value());
                    }
                    if (!batch.isEmpty()) {
                        batches.put(batch);
                    }
                }
            }
            if (!stop.get()) {
                batches.put(END);
            }
        } catch (InterruptedException | org.apache.kafka.common.errors.InterruptException stopped) {
            // The reader gave up (its handler failed); nobody waits for more.
        } catch (RuntimeException | Error failed) {
            // The caller is waiting: it must learn of the failure, never wait forever.
            RuntimeException reported = failed instanceof RuntimeException r ? r : new IllegalStateException("the log reader failed", failed);
            try {
                if (!stop.get()) {
                    batches.put(reported);
                }
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
