package nl.kennisveiligheid.screening.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Kafka and the outbox in readiness, as a degradation rather than a failure: decisions keep
 * committing while Kafka is away (they wait in the outbox), so taking the service out of rotation
 * would only refuse work it can do. The check stays UP and says {@code degraded} when Kafka is
 * unreachable, the oldest unsent event is older than the configured age, or the relay is halted at
 * an event it cannot log ({@code relayHalted} names the outbox row).
 */
@Readiness
@ApplicationScoped
public class AuditLogReadiness implements HealthCheck {

    public static final String NAME = "Kafka and audit outbox";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    KafkaSettings kafka;

    @Inject
    AuditConfig config;

    @Inject
    OutboxRelay relay;

    @Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    private Admin admin;
    private volatile HealthCheckResponse latest;
    private volatile boolean degraded;

    void onStart(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent event) {
        metrics.gauge("screening.readiness.degraded", this, r -> r.degraded ? 1 : 0);
    }

    /**
     * Readiness answers from the latest look, taken in the background every two seconds: a probe must
     * never wait on Kafka's two-second time-out or on a busy connection pool.
     */
    @Override
    public HealthCheckResponse call() {
        HealthCheckResponse known = latest;
        return known != null ? known : look();
    }

    @io.quarkus.scheduler.Scheduled(every = "2s", concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        HealthCheckResponse seen = look();
        latest = seen;
        degraded = seen.getData().map(d -> Boolean.TRUE.equals(d.get("degraded"))).orElse(false);
    }

    HealthCheckResponse look() {
        boolean kafka = kafkaReachable();
        long backlog = -1;
        long oldestSeconds = 0;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*), coalesce(extract(epoch from now() - min(created_at)), 0)"
                        + " from outbox_event where sent_at is null")) {
            rs.next();
            backlog = rs.getLong(1);
            oldestSeconds = (long) rs.getDouble(2);
        } catch (Exception e) {
            // The database check reports the database; here the backlog is simply unknown.
        }
        java.util.Optional<String> alarm = relay.alarm();
        boolean degraded = !kafka || oldestSeconds > config.backlogDegradedAfter().toSeconds() || alarm.isPresent();
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(NAME).up()
                .withData("kafka", kafka ? "reachable" : "unreachable")
                .withData("outboxBacklog", backlog)
                .withData("oldestUnsentSeconds", oldestSeconds)
                .withData("degraded", degraded);
        alarm.ifPresent(reason -> builder.withData("relayHalted", reason));
        return builder.build();
    }

    private synchronized boolean kafkaReachable() {
        try {
            if (admin == null) {
                admin = Admin.create(kafka.with(Map.of(
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000,
                        AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000)));
            }
            admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }
}
