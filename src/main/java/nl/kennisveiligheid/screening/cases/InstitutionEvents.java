package nl.kennisveiligheid.screening.cases;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import nl.kennisveiligheid.screening.common.CanonicalJson;

/**
 * What an institution learns of its cases: one event per transition it may see, written in the
 * transition's transaction (an outbox of its own), and read back in the institution's order by the
 * change feed and the webhooks. An event never names an officer.
 */
@ApplicationScoped
public class InstitutionEvents {

    public static final String RECEIVED = "case.received";
    public static final String IN_REVIEW = "case.in_review";
    public static final String INFORMATION_REQUESTED = "case.information_requested";
    /** The institution answered, or the reply-by date passed: the decision period runs again. */
    public static final String INFORMATION_RECEIVED = "case.information_received";
    public static final String DEADLINE_EXTENDED = "case.deadline_extended";
    public static final String DECIDED = "case.decided";
    public static final String WITHDRAWN = "case.withdrawn";
    public static final String OBJECTION_RECEIVED = "case.objection_received";
    /** The institution withdrew its objection: the decision objected to stands again. */
    public static final String OBJECTION_WITHDRAWN = "case.objection_withdrawn";
    public static final String OBJECTION_DECIDED = "case.objection_decided";
    public static final String PERSONAL_DATA_ERASED = "case.personal_data_erased";
    /** A newer policy version flagged a decided case: officers look again; the decision stands meanwhile. */
    public static final String RESCREEN_FLAGGED = "case.rescreen_flagged";
    /** A newer policy version raised indicators on an open case; they were added to its assessment. */
    public static final String RESCREENED = "case.rescreened";
    /** Officers decided a case that re-screening flagged: the earlier decision is upheld or revoked. */
    public static final String RESCREENING_DECIDED = "case.rescreening_decided";

    /** Every type, in the order of a case's life. */
    public static final List<String> TYPES = List.of(RECEIVED, IN_REVIEW, INFORMATION_REQUESTED, INFORMATION_RECEIVED,
            DEADLINE_EXTENDED, DECIDED, WITHDRAWN, OBJECTION_RECEIVED, OBJECTION_WITHDRAWN, OBJECTION_DECIDED,
            RESCREEN_FLAGGED, RESCREENED, RESCREENING_DECIDED, PERSONAL_DATA_ERASED);

    /** An event as the institution receives it, with its place in the institution's sequence. */
    public record Sequenced(long sequence, UUID eventId, String type, String json) {

        public CaseEvent typed() {
            return CanonicalJson.read(json, new TypeReference<CaseEvent>() {});
        }
    }

    /** Records the event in the caller's transaction; {@code details} adds what the type carries. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void emit(ScreeningCase c, String type, Instant at, Consumer<ObjectNode> details) {
        UUID eventId = UUID.randomUUID();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("type", type);
        body.put("eventId", eventId.toString());
        body.put("caseId", c.id.toString());
        body.put("externalReference", c.externalReference);
        body.put("status", c.status.name());
        body.put("occurredAt", at.toString());
        details.accept(body);
        Panache.getEntityManager().createNativeQuery("insert into institution_event (event_id, institution, case_id, type,"
                        + " body, occurred_at) values (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, eventId).setParameter(2, c.institution).setParameter(3, c.id).setParameter(4, type)
                .setParameter(5, CanonicalJson.string(body)).setParameter(6, at).executeUpdate();
    }

    /** The institution's events after {@code after}, in sequence order, at most {@code limit}. */
    @SuppressWarnings("unchecked")
    @Transactional
    public List<Sequenced> after(String institution, long after, int limit) {
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("select sequence, event_id, type, body"
                        + " from institution_event where institution = ?1 and sequence > ?2 order by sequence limit ?3")
                .setParameter(1, institution).setParameter(2, after).setParameter(3, limit).getResultList();
        List<Sequenced> events = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            long sequence = ((Number) r[0]).longValue();
            events.add(new Sequenced(sequence, (UUID) r[1], (String) r[2], withSequence((String) r[3], sequence)));
        }
        return events;
    }

    /** The highest sequence given out to the institution so far (0 before its first event). */
    @Transactional
    public long lastSequence(String institution) {
        return ((Number) Panache.getEntityManager().createNativeQuery("select coalesce(max(sequence), 0)"
                + " from institution_event where institution = ?1").setParameter(1, institution).getSingleResult())
                .longValue();
    }

    /** The stored body with its sequence, in canonical form: what the feed shows and a webhook signs. */
    static String withSequence(String body, long sequence) {
        ObjectNode node = (ObjectNode) CanonicalJson.read(body, new TypeReference<JsonNode>() {});
        node.put("sequence", sequence);
        return CanonicalJson.string(node);
    }
}
