package nl.kennisveiligheid.screening.webhooks;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.kennisveiligheid.screening.cases.InstitutionEvents;
import nl.kennisveiligheid.screening.common.CanonicalJson;
import nl.kennisveiligheid.screening.common.InvalidInputException;
import nl.kennisveiligheid.screening.common.Problem;
import nl.kennisveiligheid.screening.common.ProblemException;

/** An institution's webhook endpoints: subscribing, listing, removing, rotating secrets, redelivering. */
@ApplicationScoped
public class WebhookService {

    @Inject
    WebhookConfig config;

    @Inject
    InstitutionEvents events;

    @Inject
    Clock clock;

    private EndpointGuard guard;

    @PostConstruct
    void init() {
        guard = new EndpointGuard(config.allowLoopback(), InetAddress::getAllByName);
    }

    /** An endpoint as its institution sees it; the secret is shown once, when it is made. */
    public record Webhook(UUID id, String url, List<String> eventTypes, String status, String disabledReason,
            Instant createdAt, long deliveredThrough) {}

    public record Created(UUID id, String url, List<String> eventTypes, String status, Instant createdAt,
            String secret) {}

    public record Rotated(UUID id, String secret, Instant previousSecretValidUntil) {}

    public record Delivery(long sequence, UUID webhookId, String status, int attempts, Integer lastStatusCode,
            String lastError, Instant lastAttemptAt, Instant nextAttemptAt) {}

    public record Deliveries(Webhook webhook, List<Delivery> deliveries) {}

    @Transactional
    public Created create(String institution, String url, List<String> eventTypes) {
        URI uri = checkedUrl(url);
        List<Problem.FieldError> errors = new ArrayList<>();
        List<String> types = eventTypes == null || eventTypes.isEmpty() ? null : List.copyOf(eventTypes);
        if (types != null) {
            for (int i = 0; i < types.size(); i++) {
                if (!InstitutionEvents.TYPES.contains(types.get(i))) {
                    // Short on purpose: one message per bad entry, and a list of twenty would make a long answer.
                    errors.add(new Problem.FieldError("eventTypes[" + i + "]",
                            "is not a case event type (case.received, case.decided, ...; see CaseEvent.type)"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        var em = Panache.getEntityManager();
        // One endpoint added at a time per institution, so that the limit holds under concurrent requests.
        em.createNativeQuery("select pg_advisory_xact_lock(8124306, hashtext(?1))").setParameter(1, institution)
                .getSingleResult();
        long count = ((Number) em.createNativeQuery("select count(*) from webhook_subscription where institution = ?1"
                + " and status <> 'DELETED'").setParameter(1, institution).getSingleResult()).longValue();
        if (count >= config.maxPerInstitution()) {
            throw ProblemException.conflict("too-many-webhooks", "Your institution has " + count
                    + " webhook endpoints, the most it may have; remove one first.");
        }
        UUID id = UUID.randomUUID();
        String secret = WebhookSignature.newSecret();
        Instant now = clock.instant();
        em.createNativeQuery("insert into webhook_subscription (id, institution, url, event_types, secret, created_at,"
                        + " delivered_through) values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .setParameter(1, id).setParameter(2, institution).setParameter(3, uri.toString())
                .setParameter(4, types == null ? null : CanonicalJson.string(types)).setParameter(5, secret)
                .setParameter(6, now).setParameter(7, events.lastSequence(institution)).executeUpdate();
        return new Created(id, uri.toString(), types == null ? InstitutionEvents.TYPES : types, "ACTIVE", now, secret);
    }

    @SuppressWarnings("unchecked")
    @Transactional
    public List<Webhook> list(String institution) {
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery(SELECT + " where institution = ?1"
                + " and status <> 'DELETED' order by created_at, id").setParameter(1, institution).getResultList();
        return rows.stream().map(WebhookService::webhook).toList();
    }

    @Transactional
    public void delete(String institution, UUID id) {
        own(institution, id);
        Panache.getEntityManager().createNativeQuery("update webhook_subscription set status = 'DELETED' where id = ?1")
                .setParameter(1, id).executeUpdate();
    }

    /** A new secret; the old one keeps signing, beside it, for the overlap. */
    @Transactional
    public Rotated rotate(String institution, UUID id) {
        own(institution, id);
        String secret = WebhookSignature.newSecret();
        Instant until = clock.instant().plus(config.rotationOverlap());
        Panache.getEntityManager().createNativeQuery("update webhook_subscription set previous_secret = secret,"
                        + " previous_secret_until = ?2, secret = ?3 where id = ?1")
                .setParameter(1, id).setParameter(2, until).setParameter(3, secret).executeUpdate();
        return new Rotated(id, secret, until);
    }

    @SuppressWarnings("unchecked")
    @Transactional
    public Deliveries deliveries(String institution, UUID id, int limit) {
        Webhook webhook = own(institution, id);
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("select sequence, event_id, status, attempts,"
                        + " last_status_code, last_error, last_attempt_at, next_attempt_at from webhook_delivery"
                        + " where subscription_id = ?1 order by sequence desc limit ?2")
                .setParameter(1, id).setParameter(2, limit).getResultList();
        List<Delivery> deliveries = rows.stream().map(r -> new Delivery(((Number) r[0]).longValue(), (UUID) r[1],
                (String) r[2], ((Number) r[3]).intValue(), r[4] == null ? null : ((Number) r[4]).intValue(), (String) r[5],
                instant(r[6]), r[7] != null && "PENDING".equals(r[2]) ? instant(r[7]) : null)).toList();
        return new Deliveries(webhook, deliveries);
    }

    /**
     * Queues the institution's events {@code from}..{@code to} (of the types the endpoint takes) for
     * delivery again, before anything newer, and enables the endpoint if it was disabled.
     */
    @Transactional
    public int redeliver(String institution, UUID id, long from, long to) {
        if (to < from) {
            throw new InvalidInputException("toSequence", "must not be below fromSequence");
        }
        if (to - from >= 10_000) {
            throw new InvalidInputException("toSequence", "a redelivery covers at most 10,000 events");
        }
        Webhook webhook = own(institution, id);
        var em = Panache.getEntityManager();
        boolean everyType = webhook.eventTypes().equals(InstitutionEvents.TYPES);
        var insert = em.createNativeQuery("insert into webhook_delivery (subscription_id, sequence, event_id, status,"
                        + " attempts, next_attempt_at) select ?1, e.sequence, e.event_id, 'PENDING', 0, ?5"
                        + " from institution_event e where e.institution = ?2 and e.sequence between ?3 and ?4"
                        + (everyType ? "" : " and e.type in (?6)")
                        + " on conflict (subscription_id, sequence) do update set status = 'PENDING', attempts = 0,"
                        + " next_attempt_at = excluded.next_attempt_at, last_error = null")
                .setParameter(1, id).setParameter(2, institution).setParameter(3, from).setParameter(4, to)
                .setParameter(5, clock.instant());
        if (!everyType) {
            insert.setParameter(6, webhook.eventTypes());
        }
        int queued = insert.executeUpdate();
        em.createNativeQuery("update webhook_subscription set status = 'ACTIVE', disabled_reason = null where id = ?1")
                .setParameter(1, id).executeUpdate();
        return queued;
    }

    private URI checkedUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("url", "must be an absolute https URL");
        }
        if (!uri.isAbsolute()) {
            throw new InvalidInputException("url", "must be an absolute https URL");
        }
        guard.refusal(uri).ifPresent(reason -> {
            throw new InvalidInputException("url", reason);
        });
        return uri;
    }

    static final String SELECT = "select id, url, event_types, status, disabled_reason, created_at, delivered_through"
            + " from webhook_subscription";

    @SuppressWarnings("unchecked")
    private Webhook own(String institution, UUID id) {
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery(SELECT + " where id = ?1 and institution = ?2"
                + " and status <> 'DELETED'").setParameter(1, id).setParameter(2, institution).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("Webhook " + id);
        }
        return webhook(rows.get(0));
    }

    static Webhook webhook(Object[] r) {
        return new Webhook((UUID) r[0], (String) r[1], eventTypes((String) r[2]), (String) r[3], (String) r[4],
                instant(r[5]), ((Number) r[6]).longValue());
    }

    /** The stored event types of an endpoint: every type when none were chosen. */
    static List<String> eventTypes(String stored) {
        return stored == null ? InstitutionEvents.TYPES
                : CanonicalJson.read(stored, new com.fasterxml.jackson.core.type.TypeReference<List<String>>() {});
    }

    static Instant instant(Object value) {
        return value == null ? null : value instanceof java.sql.Timestamp t ? t.toInstant() : (Instant) value;
    }
}
