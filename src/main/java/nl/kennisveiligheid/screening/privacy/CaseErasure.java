package nl.kennisveiligheid.screening.privacy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import nl.kennisveiligheid.screening.audit.AuditOutbox;
import nl.kennisveiligheid.screening.audit.CaseKeys;
import nl.kennisveiligheid.screening.cases.CaseAction;
import nl.kennisveiligheid.screening.cases.CaseLifecycle;
import nl.kennisveiligheid.screening.cases.InstitutionEvents;
import nl.kennisveiligheid.screening.common.CanonicalJson;

/**
 * Erases one case's personal data as {@link ErasureInventory} lists it: the case key is shredded
 * (the log's payloads and pseudonyms become unreadable while the chain still verifies), the request,
 * free texts, reference and link go, the assessment keeps what was found without whose words it was
 * found in, and PERSONAL_DATA_ERASED is logged. Exactly once: under the case's row lock an erasure
 * that finds the case erased already does nothing.
 */
@ApplicationScoped
public class CaseErasure {

    @Inject
    CaseKeys caseKeys;

    @Inject
    AuditOutbox outbox;

    @Inject
    CaseLifecycle lifecycle;

    @Inject
    InstitutionEvents events;

    /** The case as locked for erasure. */
    public record Locked(UUID id, String institution, String policyVersion, String policyHash, String assessment,
            Instant erasedAt, Instant retentionEndsAt) {

        AuditOutbox.CaseRecord record() {
            return new AuditOutbox.CaseRecord(id, institution, policyVersion, policyHash);
        }
    }

    /** Locks the case's row until the transaction ends; null when there is no such case. */
    @SuppressWarnings("unchecked")
    @Transactional(Transactional.TxType.MANDATORY)
    public Locked lock(UUID caseId) {
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("select id, institution, policy_version,"
                        + " policy_hash, assessment, erased_at, retention_ends_at from screening_case where id = ?1 for update")
                .setParameter(1, caseId).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = rows.get(0);
        return new Locked((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], instant(r[5]),
                instant(r[6]));
    }

    /**
     * Erases a case locked by {@link #lock} in this transaction; false, and nothing happens, when it
     * was erased already. {@code reasons} says on what basis, for the log; {@code record}, for the
     * case's history.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean erase(Locked c, CaseLifecycle.Actor erasedBy, ObjectNode reasons, String record, Instant now) {
        if (c.erasedAt() != null) {
            return false;
        }
        var em = Panache.getEntityManager();
        em.flush();
        // Written before the statements run, so that the inventory's rewrite of the case's events covers it too.
        events.emit(CaseLifecycle.load(c.id()), InstitutionEvents.PERSONAL_DATA_ERASED, now, e -> { });
        caseKeys.erase(c.id(), now);
        for (String statement : ErasureInventory.statements()) {
            em.createNativeQuery(statement).setParameter(1, c.id()).executeUpdate();
        }
        em.createNativeQuery("update screening_case set assessment = ?2, erased_at = ?3, updated_at = ?3 where id = ?1")
                .setParameter(1, c.id()).setParameter(2, redacted(c.assessment())).setParameter(3, now).executeUpdate();
        outbox.personalDataErased(c.record(), erasedBy.id(), reasons, now);
        // Entities read earlier in this transaction still hold the old values.
        em.clear();
        lifecycle.recordPersonalDataAct(c.id(), erasedBy, CaseAction.PERSONAL_DATA_ERASED, record);
        return true;
    }

    /** The assessment without the members the inventory redacts: arrays emptied, values nulled. */
    static String redacted(String assessmentJson) {
        JsonNode assessment = CanonicalJson.read(assessmentJson, new TypeReference<JsonNode>() {});
        for (String path : ErasureInventory.redacted("assessment")) {
            redact(assessment, path.split("/"), 0);
        }
        return CanonicalJson.string(assessment);
    }

    private static void redact(JsonNode node, String[] path, int at) {
        if (node == null || node.isNull()) {
            return;
        }
        if (path[at].equals("*")) {
            node.forEach(element -> redact(element, path, at + 1));
            return;
        }
        if (!(node instanceof ObjectNode object) || !object.has(path[at])) {
            return;
        }
        if (at < path.length - 1) {
            redact(object.get(path[at]), path, at + 1);
        } else if (object.get(path[at]) instanceof ArrayNode array) {
            array.removeAll();
        } else {
            object.putNull(path[at]);
        }
    }

    private static Instant instant(Object value) {
        return value instanceof java.sql.Timestamp t ? t.toInstant() : (Instant) value;
    }
}
