package nl.kennisveiligheid.screening.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * Writes audit events into the outbox in the caller's transaction, so that an event exists exactly
 * when its decision or publication does. Events carry no readable personal data: the candidate is a
 * keyed pseudonym and the case's input is encrypted with the case's own key.
 */
@ApplicationScoped
public class AuditOutbox {

    public static final String DECISION_RECORDED = "DECISION_RECORDED";
    public static final String POLICY_PUBLISHED = "POLICY_PUBLISHED";
    /** A version published for a future date was cancelled before it took effect. */
    public static final String POLICY_CANCELLED = "POLICY_CANCELLED";
    public static final String PERSONAL_DATA_ERASED = "PERSONAL_DATA_ERASED";
    /** An officer asked the institution for information; the decision period stands still (Awb 4:5, 4:15). */
    public static final String INFORMATION_REQUESTED = "INFORMATION_REQUESTED";
    /** The institution answered, or the reply-by date passed unused; the period runs again. */
    public static final String INFORMATION_RECEIVED = "INFORMATION_RECEIVED";
    /** A privacy officer read a case's personal data; the log records the reading, never the data. */
    public static final String PERSONAL_DATA_ACCESSED = "PERSONAL_DATA_ACCESSED";
    /** The institution withdrew an open case (Awb 4:1 application withdrawn): it ends without a decision. */
    public static final String CASE_WITHDRAWN = "CASE_WITHDRAWN";
    /** An objection against a decision was lodged in time, or admitted late (Awb 6:11): the case is open again. */
    public static final String OBJECTION_LODGED = "OBJECTION_LODGED";
    /** The institution withdrew its objection (Awb 6:21): the decision objected to stands. */
    public static final String OBJECTION_WITHDRAWN = "OBJECTION_WITHDRAWN";
    /** The decision period was extended (Awb 4:14(3), 7:10(3)). */
    public static final String DEADLINE_EXTENDED = "DEADLINE_EXTENDED";
    /**
     * The log's signing key changed: signed by the old key, it names the new one (JWK {@code x}, its
     * {@code kid}) and the first sequence the new key signs.
     */
    public static final String KEY_ROTATED = "KEY_ROTATED";
    /**
     * Re-screening with a newer version raised indicators on a case: reasons.indicators (type, list
     * entry, score, threshold), reasons.previousVersion, reasons.assessmentHash (SHA-256 of the fresh
     * assessment's canonical JSON), reasons.alert (a decided case
     * went back to the officers) and the states; policyVersion is the version that re-screened.
     */
    public static final String RESCREENED = "RESCREENED";
    /** A version published for a future date was cancelled before it took effect. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void policyCancelled(String version, String contentHash, String cancelledBy, Instant occurredAt) {
        ObjectNode event = withoutCase(UUID.randomUUID(), POLICY_CANCELLED, cancelledBy, version, contentHash, occurredAt);
        event.putObject("reasons");
        event.putNull("payload");
        insert(event, version);
    }

    /** A re-screening run ended: reasons.counted, reasons.reassessed, reasons.alerts, reasons.indicatorsAdded. */
    public static final String RESCREENING_COMPLETED = "RESCREENING_COMPLETED";
    /** Officers' judgements that a match is not the listed entity: proposed, confirmed (active), rejected, revoked. */
    public static final String JUDGEMENT_PROPOSED = "JUDGEMENT_PROPOSED";
    public static final String JUDGEMENT_CONFIRMED = "JUDGEMENT_CONFIRMED";
    public static final String JUDGEMENT_REJECTED = "JUDGEMENT_REJECTED";
    public static final String JUDGEMENT_REVOKED = "JUDGEMENT_REVOKED";
    /** Compressed policy documents above this many base64 characters are split into numbered parts. */
    static final int MAX_PART_CHARS = 400_000;

    @Inject
    CaseKeys caseKeys;

    /**
     * What the log says of a decision; {@code payloadPlain} is encrypted before it is written, and an
     * officer's reasoning (null for an automated decision) is committed to by a MAC under the case key.
     */
    public record DecisionEvent(UUID eventId, UUID caseId, String institution, String subjectMaterial, String outcome,
            String decidedBy, String policyVersion, String policyHash, ObjectNode reasons, String officerReasoning,
            String payloadPlain, Instant occurredAt) {}

    @Transactional(Transactional.TxType.MANDATORY)
    public void decisionRecorded(DecisionEvent d) {
        byte[] caseKey = caseKeys.keyFor(d.caseId());
        ObjectNode event = base(d.eventId(), DECISION_RECORDED, d.occurredAt());
        event.put("caseId", d.caseId().toString());
        event.put("institution", d.institution());
        event.put("subject", PayloadCipher.subjectPseudonym(caseKey, d.subjectMaterial()));
        event.put("outcome", d.outcome());
        event.put("decidedBy", d.decidedBy());
        event.put("policyVersion", d.policyVersion());
        event.put("policyHash", d.policyHash());
        if (d.officerReasoning() != null) {
            d.reasons().put("reasoningMac", PayloadCipher.textMac(caseKey, d.officerReasoning()));
        }
        event.set("reasons", d.reasons());
        event.put("payload", PayloadCipher.encrypt(caseKey, d.payloadPlain().getBytes(StandardCharsets.UTF_8),
                d.caseId().toString()));
        insert(event, d.caseId().toString());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void policyPublished(String version, String contentHash, String canonicalDocument, String publishedBy,
            String proposedBy, Instant occurredAt) {
        String compressed = Base64.getEncoder().encodeToString(gzip(canonicalDocument));
        int parts = Math.max(1, (compressed.length() + MAX_PART_CHARS - 1) / MAX_PART_CHARS);
        for (int part = 1; part <= parts; part++) {
            ObjectNode event = withoutCase(UUID.randomUUID(), POLICY_PUBLISHED, publishedBy, version, contentHash,
                    occurredAt);
            ObjectNode reasons = event.putObject("reasons");
            reasons.put("encoding", "gzip+base64");
            reasons.put("part", part);
            reasons.put("parts", parts);
            if (proposedBy != null) {
                reasons.put("proposedBy", proposedBy);
            }
            event.put("payload", compressed.substring((part - 1) * MAX_PART_CHARS,
                    Math.min(compressed.length(), part * MAX_PART_CHARS)));
            insert(event, version);
        }
    }

    /** A re-screening run ended: what it counted and did, with the version it applied. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void rescreeningCompleted(String version, String contentHash, long counted, long reassessed, long alerts,
            long indicatorsAdded, Instant occurredAt) {
        ObjectNode event = withoutCase(UUID.randomUUID(), RESCREENING_COMPLETED, "automated", version, contentHash,
                occurredAt);
        ObjectNode reasons = event.putObject("reasons");
        reasons.put("counted", counted);
        reasons.put("reassessed", reassessed);
        reasons.put("alerts", alerts);
        reasons.put("indicatorsAdded", indicatorsAdded);
        event.putNull("payload");
        insert(event, version);
    }

    /** A case's personal data was erased; {@code reasons} says on what basis (retention or a data subject's request). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void personalDataErased(CaseRecord c, String erasedBy, ObjectNode reasons, Instant occurredAt) {
        insert(caseEvent(PERSONAL_DATA_ERASED, c, erasedBy, reasons, occurredAt), c.caseId().toString());
    }

    /**
     * A privacy officer read a case's personal data (GDPR art. 15 export, a search by person): who, when
     * and why is on the log, the data itself is not.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void personalDataAccessed(CaseRecord c, String readBy, ObjectNode reasons, Instant occurredAt) {
        insert(caseEvent(PERSONAL_DATA_ACCESSED, c, readBy, reasons, occurredAt), c.caseId().toString());
    }

    /**
     * A case ended, suspended or reopened without a decision or a text of its own (a withdrawal, an
     * objection withdrawn): {@code reasons} holds the states before and after, never personal data.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void caseTransition(String type, CaseRecord c, String actor, ObjectNode reasons, Instant occurredAt) {
        insert(caseEvent(type, c, actor, reasons, occurredAt), c.caseId().toString());
    }

    /**
     * The body of a {@code KEY_ROTATED} event: the new key (JWK {@code x} and {@code kid}), the key it
     * replaces, and the first sequence it signs. Written by the relay, which seals it with the old key.
     */
    static String keyRotatedBody(UUID eventId, java.security.PublicKey previousKey, java.security.PublicKey nextKey,
            long validFromSequence, Instant occurredAt) {
        ObjectNode event = withoutCase(eventId, KEY_ROTATED, "operator", null, null, occurredAt);
        ObjectNode reasons = event.putObject("reasons");
        reasons.put("kid", KeySchedule.kid(nextKey));
        reasons.put("x", Ed25519Jwk.toJwk(nextKey).get("x"));
        reasons.put("previousKid", KeySchedule.kid(previousKey));
        reasons.put("validFromSequence", validFromSequence);
        event.putNull("payload");
        return event.toString();
    }

    /** The public identity of a case on the log: whose it is and under which policy it was decided. */
    public record CaseRecord(UUID caseId, String institution, String policyVersion, String policyHash) {}

    private static ObjectNode caseEvent(String type, CaseRecord c, String actor, ObjectNode reasons, Instant occurredAt) {
        ObjectNode event = base(UUID.randomUUID(), type, occurredAt);
        event.put("caseId", c.caseId().toString());
        event.put("institution", c.institution());
        event.putNull("subject");
        event.putNull("outcome");
        event.put("decidedBy", actor);
        event.put("policyVersion", c.policyVersion());
        event.put("policyHash", c.policyHash());
        event.set("reasons", reasons);
        event.putNull("payload");
        return event;
    }

    /** A question or answer between officer and institution: the text rides encrypted with the case's key. */
    public record CorrespondenceEvent(String type, UUID caseId, String institution, String actor, String policyVersion,
            String policyHash, ObjectNode reasons, String text, Instant occurredAt) {}

    @Transactional(Transactional.TxType.MANDATORY)
    public void correspondence(CorrespondenceEvent e) {
        ObjectNode event = base(UUID.randomUUID(), e.type(), e.occurredAt());
        event.put("caseId", e.caseId().toString());
        event.put("institution", e.institution());
        event.putNull("subject");
        event.putNull("outcome");
        event.put("decidedBy", e.actor());
        event.put("policyVersion", e.policyVersion());
        event.put("policyHash", e.policyHash());
        byte[] caseKey = caseKeys.keyFor(e.caseId());
        e.reasons().put("textMac", PayloadCipher.textMac(caseKey, e.text()));
        event.set("reasons", e.reasons());
        event.put("payload", PayloadCipher.encrypt(caseKey, e.text().getBytes(StandardCharsets.UTF_8), e.caseId().toString()));
        insert(event, e.caseId().toString());
    }

    /**
     * The head of an event about no case (a policy, a run, the log's key): no case, institution,
     * subject or outcome; the version and hash it concerns, when it concerns one.
     */
    private static ObjectNode withoutCase(UUID eventId, String type, String actor, String policyVersion,
            String policyHash, Instant occurredAt) {
        ObjectNode event = base(eventId, type, occurredAt);
        event.putNull("caseId");
        event.putNull("institution");
        event.putNull("subject");
        event.putNull("outcome");
        event.put("decidedBy", actor);
        event.put("policyVersion", policyVersion);
        event.put("policyHash", policyHash);
        return event;
    }

    private static ObjectNode base(UUID eventId, String type, Instant occurredAt) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("eventId", eventId.toString());
        event.put("type", type);
        event.put("occurredAt", occurredAt.toString());
        return event;
    }

    private static void insert(ObjectNode event, String recordKey) {
        Panache.getEntityManager().createNativeQuery("insert into outbox_event (event_id, type, record_key, body, created_at)"
                        + " values (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, UUID.fromString(event.get("eventId").asText()))
                .setParameter(2, event.get("type").asText())
                .setParameter(3, recordKey)
                .setParameter(4, event.toString())
                .setParameter(5, Instant.parse(event.get("occurredAt").asText()))
                .executeUpdate();
    }

    static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** One indicator as the log states it: no matched text, only what was found and how strongly. */
    public record IndicatorReason(String type, String listEntry, String score, String threshold) {}

    /** The reasons of a decision without personal data: indicator types, list entries, scores, areas. */
    public static ObjectNode reasons(List<IndicatorReason> indicators, List<String> areas, String reasoning,
            boolean automated) {
        ObjectNode reasons = JsonNodeFactory.instance.objectNode();
        var list = reasons.putArray("indicators");
        for (IndicatorReason i : indicators) {
            ObjectNode node = list.addObject();
            node.put("type", i.type());
            node.put("listEntry", i.listEntry());
            node.put("score", i.score());
            node.put("threshold", i.threshold());
        }
        var areaList = reasons.putArray("areas");
        areas.forEach(areaList::add);
        // An officer's free text may name people: it rides encrypted, with a MAC under the case key (decisionRecorded).
        if (automated) {
            reasons.put("reasoning", reasoning);
        }
        return reasons;
    }
}
