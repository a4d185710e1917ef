package nl.kennisveiligheid.screening.webhooks;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import nl.kennisveiligheid.screening.cases.InstitutionEvents;
import nl.kennisveiligheid.screening.common.DedicatedConnections;
import nl.kennisveiligheid.screening.common.SessionLock;
import org.jboss.logging.Logger;

/**
 * Delivers institution events to webhook endpoints as Standard Webhooks specifies. One replica at a
 * time (a session advisory lock) runs it; every endpoint gets its events one at a time in sequence
 * order, in a task of its own, so a slow or failing endpoint delays nobody else. All state (what was
 * delivered, attempts, when to try again) is in the database, so a restart loses nothing; a crash
 * between a receiver's 2xx and the record of it sends that event again with the same webhook-id.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    /** The session advisory lock whose holder is the one active dispatcher. */
    static final long LOCK = 8124307L;
    private static final int EVENTS_PER_TURN = 100;
    private static final int ERROR_CHARS = 200;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    DedicatedConnections connections;

    @Inject
    WebhookConfig config;

    @Inject
    InstitutionEvents events;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private SessionLock lock;
    private ExecutorService pool;
    private HttpClient http;
    private EndpointGuard guard;
    private RetrySchedule schedule;

    void onStart(@Observes StartupEvent start) {
        start();
    }

    void onStop(@Observes ShutdownEvent stop) {
        stop();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        guard = new EndpointGuard(config.allowLoopback(), InetAddress::getAllByName);
        schedule = new RetrySchedule(config.retrySchedule(), config.maxRetryAfter());
        lock = new SessionLock(connections, LOCK);
        pool = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "webhook-delivery");
            t.setDaemon(true);
            return t;
        });
        // Never follows a redirect: a 3xx is a failure, and the endpoint's URL is what was checked.
        http = HttpClient.newBuilder().connectTimeout(config.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        running = true;
    }

    /** Stops delivering and gives up the lock, as a killed process would; nothing in flight is recorded. */
    public synchronized void stop() {
        running = false;
        if (pool != null) {
            pool.shutdownNow();
            try {
                pool.awaitTermination(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        inFlight.clear();
        if (lock != null) {
            lock.release();
        }
    }

    @Scheduled(every = "${screening.webhooks.dispatch-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!running) {
            return;
        }
        try {
            if (!lock.held() && !lock.tryAcquire()) {
                return;
            }
        } catch (SQLException e) {
            return;
        }
        for (UUID id : activeEndpoints()) {
            if (inFlight.add(id)) {
                try {
                    pool.submit(() -> {
                        try {
                            drain(id);
                        } catch (RuntimeException e) {
                            LOG.warnf("Webhook delivery for endpoint %s stopped this turn: %s", id, e.getClass().getSimpleName());
                        } finally {
                            inFlight.remove(id);
                        }
                    });
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    inFlight.remove(id);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private List<UUID> activeEndpoints() {
        return QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager().createNativeQuery(
                "select id from webhook_subscription where status = 'ACTIVE'").getResultList());
    }

    /** Delivers the endpoint's due events in order until one is not due or fails. */
    private void drain(UUID id) {
        for (int i = 0; i < EVENTS_PER_TURN && running; i++) {
            Optional<Due> due = QuarkusTransaction.requiringNew().call(() -> nextDue(id));
            if (due.isEmpty()) {
                return;
            }
            Attempt attempt = send(due.get());
            boolean delivered = QuarkusTransaction.requiringNew().call(() -> record(due.get(), attempt));
            if (!delivered) {
                return;
            }
        }
    }

    /** An event due for one endpoint, with what signing and sending it needs. */
    record Due(UUID subscriptionId, String url, List<String> secrets, long sequence, UUID eventId, String body,
            int attempts) {}

    /** The answer of one attempt: a status code, or the error that stood in its way. */
    record Attempt(Integer statusCode, String error, Optional<Duration> retryAfter) {}

    @SuppressWarnings("unchecked")
    private Optional<Due> nextDue(UUID id) {
        var em = Panache.getEntityManager();
        List<Object[]> subs = em.createNativeQuery("select institution, url, event_types, secret, previous_secret,"
                + " previous_secret_until, delivered_through from webhook_subscription where id = ?1 and status = 'ACTIVE'"
                + " for update").setParameter(1, id).getResultList();
        if (subs.isEmpty()) {
            return Optional.empty();
        }
        Object[] s = subs.get(0);
        String institution = (String) s[0];
        Instant now = clock.instant();
        List<Object[]> head = em.createNativeQuery("select sequence, event_id, attempts, next_attempt_at from webhook_delivery"
                + " where subscription_id = ?1 and status = 'PENDING' order by sequence limit 1").setParameter(1, id)
                .getResultList();
        if (head.isEmpty()) {
            List<String> wanted = WebhookService.eventTypes((String) s[2]);
            long through = ((Number) s[6]).longValue();
            for (InstitutionEvents.Sequenced e : events.after(institution, through, EVENTS_PER_TURN)) {
                if (wanted.contains(e.type())) {
                    em.createNativeQuery("insert into webhook_delivery (subscription_id, sequence, event_id, status, attempts,"
                                    + " next_attempt_at) values (?1, ?2, ?3, 'PENDING', 0, ?4) on conflict do nothing")
                            .setParameter(1, id).setParameter(2, e.sequence()).setParameter(3, e.eventId())
                            .setParameter(4, now).executeUpdate();
                    head = List.<Object[]>of(new Object[] {e.sequence(), e.eventId(), 0, now});
                    break;
                }
                through = e.sequence();
            }
            em.createNativeQuery("update webhook_subscription set delivered_through = greatest(delivered_through, ?2)"
                    + " where id = ?1").setParameter(1, id).setParameter(2, through).executeUpdate();
            if (head.isEmpty()) {
                return Optional.empty();
            }
        }
        Object[] h = head.get(0);
        if (WebhookService.instant(h[3]).isAfter(now)) {
            return Optional.empty();
        }
        long sequence = ((Number) h[0]).longValue();
        String body = events.after(institution, sequence - 1, 1).get(0).json();
        List<String> secrets = new ArrayList<>(List.of((String) s[3]));
        if (s[4] != null && WebhookService.instant(s[5]).isAfter(now)) {
            secrets.add((String) s[4]);
        }
        return Optional.of(new Due(id, (String) s[1], secrets, sequence, (UUID) h[1], body, ((Number) h[2]).intValue()));
    }

    private Attempt send(Due due) {
        URI url = URI.create(due.url());
        Optional<String> refused = guard.refusal(url);
        if (refused.isPresent()) {
            return new Attempt(null, "refused: the URL " + refused.get(), Optional.empty());
        }
        // Wall-clock time, which the receiver compares with its own to refuse replays.
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "kennisveiligheid-screening-webhooks/1")
                .header("webhook-id", due.eventId().toString())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.header(due.secrets(), due.eventId().toString(), timestamp,
                        due.body()))
                .POST(HttpRequest.BodyPublishers.ofString(due.body())).build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            return new Attempt(response.statusCode(), null, retryAfter(response.headers().firstValue("Retry-After")));
        } catch (IOException e) {
            String message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return new Attempt(null, message.length() > ERROR_CHARS ? message.substring(0, ERROR_CHARS) : message,
                    Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(null, "interrupted", Optional.empty());
        }
    }

    /** Records the attempt; true when the event was delivered and the next may follow at once. */
    private boolean record(Due due, Attempt attempt) {
        var em = Panache.getEntityManager();
        Instant now = clock.instant();
        int attempts = due.attempts() + 1;
        Integer code = attempt.statusCode();
        String outcome;
        boolean delivered = code != null && code >= 200 && code < 300;
        if (delivered) {
            outcome = "DELIVERED";
            em.createNativeQuery("update webhook_delivery set status = 'DELIVERED', attempts = ?3, last_status_code = ?4,"
                            + " last_error = null, last_attempt_at = ?5 where subscription_id = ?1 and sequence = ?2")
                    .setParameter(1, due.subscriptionId()).setParameter(2, due.sequence()).setParameter(3, attempts)
                    .setParameter(4, code).setParameter(5, now).executeUpdate();
            em.createNativeQuery("update webhook_subscription set delivered_through = greatest(delivered_through, ?2)"
                    + " where id = ?1").setParameter(1, due.subscriptionId()).setParameter(2, due.sequence()).executeUpdate();
        } else if (code != null && code == 410) {
            outcome = "GONE";
            failed(due, attempts, attempt, now);
            disable(due.subscriptionId(), "The endpoint answered 410 Gone to event " + due.sequence() + " at " + now
                    + "; deliveries stopped.");
        } else {
            boolean mayAskToWait = code != null && (code == 429 || code >= 500);
            Optional<Duration> wait = schedule.after(attempts, mayAskToWait ? attempt.retryAfter() : Optional.empty(),
                    ThreadLocalRandom.current());
            if (wait.isPresent()) {
                outcome = "RETRY";
                em.createNativeQuery("update webhook_delivery set attempts = ?3, last_status_code = ?4, last_error = ?5,"
                                + " last_attempt_at = ?6, next_attempt_at = ?7 where subscription_id = ?1 and sequence = ?2")
                        .setParameter(1, due.subscriptionId()).setParameter(2, due.sequence()).setParameter(3, attempts)
                        .setParameter(4, code).setParameter(5, attempt.error()).setParameter(6, now)
                        .setParameter(7, now.plus(wait.get())).executeUpdate();
            } else {
                outcome = "FAILED";
                failed(due, attempts, attempt, now);
                disable(due.subscriptionId(), "Event " + due.sequence() + " failed " + attempts + " attempts over the retry "
                        + "schedule; the last answer was " + (code == null ? attempt.error() : "HTTP " + code)
                        + ". Fix the endpoint, then ask for a redelivery.");
            }
        }
        metrics.counter("screening.webhooks.attempts", "outcome", outcome).increment();
        return delivered;
    }

    private static void failed(Due due, int attempts, Attempt attempt, Instant now) {
        Panache.getEntityManager().createNativeQuery("update webhook_delivery set status = 'FAILED', attempts = ?3,"
                        + " last_status_code = ?4, last_error = ?5, last_attempt_at = ?6 where subscription_id = ?1"
                        + " and sequence = ?2")
                .setParameter(1, due.subscriptionId()).setParameter(2, due.sequence()).setParameter(3, attempts)
                .setParameter(4, attempt.statusCode()).setParameter(5, attempt.error()).setParameter(6, now).executeUpdate();
    }

    private static void disable(UUID id, String reason) {
        Panache.getEntityManager().createNativeQuery("update webhook_subscription set status = 'DISABLED',"
                + " disabled_reason = ?2 where id = ?1").setParameter(1, id).setParameter(2, reason).executeUpdate();
    }

    /** Retry-After as seconds or as an HTTP date. */
    static Optional<Duration> retryAfter(Optional<String> header) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException e) {
            try {
                Duration until = Duration.between(Instant.now(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (java.time.format.DateTimeParseException ignored) {
                return Optional.empty();
            }
        }
    }
}
