package nl.kennisveiligheid.screening.audit;

import io.agroal.api.AgroalDataSource;
import java.nio.charset.StandardCharsets;
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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends sequenced outbox events to the topic in sequence order with an idempotent producer
 * (acks=all) and marks those the broker acknowledged; the only code that produces to Kafka.
 */
final class OutboxPublisher {

    /** Room for a record's key, headers and batch framing beside its value. */
    static final int RECORD_OVERHEAD_BYTES = 256;

    private final AgroalDataSource dataSource;
    private final KafkaSettings kafka;
    private final Clock clock;
    private final int batch;
    private KafkaProducer<String, String> producer;

    private final io.micrometer.core.instrument.Counter sent;

    OutboxPublisher(AgroalDataSource dataSource, KafkaSettings kafka, Clock clock, int batch,
            io.micrometer.core.instrument.Counter sent) {
        this.sent = sent;
        this.dataSource = dataSource;
        this.kafka = kafka;
        this.clock = clock;
        this.batch = batch;
    }

    /**
     * Sends the next sequenced events in order, each signed checkpoint right after the last event it
     * covers; returns how many events the broker acknowledged. A record larger than the topic accepts,
     * or one the broker refuses for good, raises a {@link LogAlarm} after the acknowledged records
     * before it are marked; nothing after it is sent.
     */
    int sendSequenced(int maxMessageBytes)
            throws SQLException, InterruptedException, ExecutionException, TimeoutException, LogAlarm {
        List<Outgoing> events = new ArrayList<>();
        List<Outgoing> checkpoints = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(
                    "select id, sequence, record_key, event from outbox_event where sequence is not null and sent_at is null"
                            + " order by sequence limit " + batch); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    events.add(new Outgoing(false, rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "select tree_size, note from audit_checkpoint where sent_at is null order by tree_size limit " + batch);
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    checkpoints.add(new Outgoing(true, rs.getLong(1), rs.getLong(1), CheckpointRecord.KEY,
                            CheckpointRecord.value(rs.getLong(1), rs.getString(2))));
                }
            }
        }
        List<Outgoing> ordered = inLogOrder(events, checkpoints);
        List<Outgoing> fitting = new ArrayList<>();
        LogAlarm tooLarge = null;
        for (Outgoing record : ordered) {
            int bytes = record.value().getBytes(StandardCharsets.UTF_8).length + RECORD_OVERHEAD_BYTES;
            if (bytes > maxMessageBytes) {
                tooLarge = record.alarm("a record of " + bytes + " bytes is larger than the topic's max.message.bytes ("
                        + maxMessageBytes + ")");
                break;
            }
            fitting.add(record);
        }
        int sent = send(fitting);
        if (tooLarge != null) {
            throw tooLarge;
        }
        return sent;
    }

    /** One record to send: an event of the chain, or a signed checkpoint ({@code id} and {@code sequence} its tree size). */
    private record Outgoing(boolean checkpoint, long id, long sequence, String key, String value) {
        LogAlarm alarm(String failure) {
            return checkpoint ? LogAlarm.checkpoint(sequence, failure) : new LogAlarm(id, sequence, failure);
        }
    }

    /**
     * A checkpoint goes after the event whose sequence is its tree size; one that covers only events
     * already on the topic goes first, and one beyond this batch waits for the next.
     */
    private static List<Outgoing> inLogOrder(List<Outgoing> events, List<Outgoing> checkpoints) {
        List<Outgoing> ordered = new ArrayList<>();
        long first = events.isEmpty() ? Long.MAX_VALUE : events.get(0).sequence();
        int next = 0;
        while (next < checkpoints.size() && checkpoints.get(next).sequence() < first) {
            ordered.add(checkpoints.get(next++));
        }
        for (Outgoing event : events) {
            ordered.add(event);
            while (next < checkpoints.size() && checkpoints.get(next).sequence() == event.sequence()) {
                ordered.add(checkpoints.get(next++));
            }
        }
        return ordered;
    }

    private int send(List<Outgoing> records)
            throws SQLException, InterruptedException, ExecutionException, TimeoutException, LogAlarm {
        if (records.isEmpty()) {
            return 0;
        }
        KafkaProducer<String, String> p = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (Outgoing record : records) {
            acks.add(p.send(new ProducerRecord<>(kafka.topic(), record.key(), record.value())));
        }
        p.flush();
        List<Long> events = new ArrayList<>();
        List<Long> checkpoints = new ArrayList<>();
        try {
            for (int i = 0; i < acks.size(); i++) {
                try {
                    acks.get(i).get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (refusedForGood(e.getCause())) {
                        throw records.get(i).alarm("Kafka refused the record for good ("
                                + e.getCause().getClass().getSimpleName() + ")");
                    }
                    throw e;
                }
                (records.get(i).checkpoint() ? checkpoints : events).add(records.get(i).id());
            }
        } finally {
            markSent("update outbox_event set sent_at = ? where id = any (?)", events);
            markSent("update audit_checkpoint set sent_at = ? where tree_size = any (?)", checkpoints);
            sent.increment(events.size());
        }
        return events.size();
    }

    /** Refusals that no retry can overcome until an operator changes the broker or the record. */
    static boolean refusedForGood(Throwable cause) {
        return cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
                || cause instanceof InvalidRecordException || cause instanceof AuthorizationException
                || cause instanceof InvalidTopicException || cause instanceof PolicyViolationException;
    }

    private void markSent(String update, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(update)) {
            s.setTimestamp(1, Timestamp.from(clock.instant()));
            s.setArray(2, c.createArrayOf("bigint", ids.toArray()));
            s.executeUpdate();
        }
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(kafka.with(Map.of(
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                    ProducerConfig.LINGER_MS_CONFIG, 5,
                    // The topic's max.message.bytes is the limit that counts; it is checked before sending.
                    ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024,
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
