package nl.kennisveiligheid.screening.privacy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.kennisveiligheid.screening.audit.AuditOutbox;
import nl.kennisveiligheid.screening.audit.CaseKeys;
import nl.kennisveiligheid.screening.audit.PayloadCipher;
import nl.kennisveiligheid.screening.cases.CaseAction;
import nl.kennisveiligheid.screening.cases.CaseHistory;
import nl.kennisveiligheid.screening.cases.CaseLifecycle;
import nl.kennisveiligheid.screening.cases.InformationRequest;
import nl.kennisveiligheid.screening.cases.ScreeningCase;
import nl.kennisveiligheid.screening.common.CanonicalJson;
import nl.kennisveiligheid.screening.common.CaseStatus;
import nl.kennisveiligheid.screening.common.ProblemException;
import nl.kennisveiligheid.screening.decision.Decision;
import nl.kennisveiligheid.screening.periods.LegalCalendar;
import nl.kennisveiligheid.screening.policy.PolicyService;

/**
 * A data subject's rights, exercised by a privacy officer: find a person's cases, export a case
 * (GDPR art. 15), erase a case before its retention ends (art. 17). Every read of personal data is
 * recorded in the case's history and as PERSONAL_DATA_ACCESSED on the log, without the data.
 */
@ApplicationScoped
public class PrivacyService {

    @Inject
    SubjectLinks links;

    @Inject
    CaseLifecycle lifecycle;

    @Inject
    CaseErasure erasure;

    @Inject
    CaseKeys caseKeys;

    @Inject
    AuditOutbox outbox;

    @Inject
    PolicyService policies;

    @Inject
    Clock clock;

    /** The grounds of GDPR art. 17(1) on which a privacy officer erases early; (f) concerns children's consent online. */
    public enum LegalGround {
        /** (a) no longer necessary for the purposes for which it was collected. */
        NO_LONGER_NECESSARY("17(1)(a)"),
        /** (b) consent withdrawn, where consent was the ground. */
        CONSENT_WITHDRAWN("17(1)(b)"),
        /** (c) the data subject objects under art. 21(1) and there are no overriding legitimate grounds. */
        OBJECTION_UPHELD("17(1)(c)"),
        /** (d) processed unlawfully, for example a request that should never have been posted. */
        UNLAWFULLY_PROCESSED("17(1)(d)"),
        /** (e) erasure is required by a legal obligation. */
        LEGAL_OBLIGATION("17(1)(e)");

        private final String article;

        LegalGround(String article) {
            this.article = article;
        }

        public String article() {
            return "GDPR art. " + article;
        }
    }

    /** A case of the person: enough to recognise it and to know how long it is kept. */
    public record SubjectCase(UUID id, String institution, String externalReference, CaseStatus status,
            Instant receivedAt, Instant retentionEndsAt) {}

    /** The outcome of an early erasure. */
    public record ErasureDone(UUID caseId, CaseStatus status, Instant erasedAt, LegalGround legalGround) {}

    @Transactional
    public List<SubjectCase> subject(String fullName, LocalDate dateOfBirth, CaseLifecycle.Actor officer) {
        List<SubjectCase> found = links.casesOf(fullName, dateOfBirth.toString()).stream()
                .map(id -> (ScreeningCase) ScreeningCase.findById(id))
                .sorted(Comparator.comparing((ScreeningCase c) -> c.receivedAt).thenComparing(c -> c.id))
                .map(c -> new SubjectCase(c.id, c.institution, c.externalReference, c.status, c.receivedAt,
                        c.retentionEndsAt))
                .toList();
        found.forEach(c -> recordAccess(c.id(), officer, CaseAction.PERSONAL_DATA_FOUND, "SUBJECT_SEARCH"));
        return found;
    }

    /** Everything held on the case, for an answer under GDPR art. 15. */
    @Transactional
    public ObjectNode export(UUID id, CaseLifecycle.Actor officer) {
        ScreeningCase c = CaseLifecycle.load(id);
        ObjectNode export = CaseExport.of(c, Decision.list("caseId = ?1 order by decidedAt", id),
                CaseHistory.of(id), InformationRequest.of(id), logEvents(id), clock.instant());
        recordAccess(id, officer, CaseAction.PERSONAL_DATA_EXPORTED, "ART_15_EXPORT");
        return export;
    }

    /**
     * Erases a final case before its retention ends. Refused while the case is open, while an
     * objection awaits admission, and while the decision's objection period (Awb 6:7) or, after a
     * decision on an objection, the period for appeal to the court (Awb 6:7 as well) runs: the
     * decision could still be challenged, and the file must then be complete.
     */
    @Transactional
    public ErasureDone eraseOnRequest(UUID id, CaseLifecycle.Actor officer, LegalGround ground, String reason) {
        CaseErasure.Locked locked = erasure.lock(id);
        if (locked == null) {
            throw ProblemException.notFound("Case " + id);
        }
        ScreeningCase c = CaseLifecycle.load(id);
        if (locked.erasedAt() != null) {
            throw ProblemException.conflict("already-erased", "The personal data of case " + id + " was erased at "
                    + locked.erasedAt() + ".");
        }
        if (c.status.isOpen()) {
            throw ProblemException.conflict("case-open", "Case " + id + " is " + c.status + ": a request that is still "
                    + "being decided is withdrawn by its institution, then erased.");
        }
        if (c.lateObjectionReceivedAt != null) {
            throw ProblemException.conflict("objection-pending", "A late objection against case " + id
                    + " awaits an officer's decision on admitting it (Awb 6:11).");
        }
        Instant now = clock.instant();
        challengePeriod(c).filter(period -> period.isMetBy(now)).ifPresent(period -> {
            boolean appeal = c.objectionCount > 0;
            throw ProblemException.periodRunning(appeal ? "appeal-period-running" : "objection-period-running",
                    "The decision on case " + id + " can still be " + (appeal
                            ? "appealed to the administrative court (Awb 6:7)" : "objected to (Awb 6:7)")
                            + " until the end of " + period.lastDay() + "; its file is kept complete until then.",
                    period.lastDay());
        });
        ObjectNode reasons = JsonNodeFactory.instance.objectNode();
        reasons.put("basis", "DATA_SUBJECT_REQUEST");
        reasons.put("legalGround", ground.name());
        reasons.put("article", ground.article());
        erasure.erase(locked, officer, reasons, ground.article() + ". " + reason, now);
        return new ErasureDone(id, c.status, now, ground);
    }

    /** The period in which the case's last decision can be challenged: objection, or appeal after an objection. */
    private Optional<LegalCalendar.Deadline> challengePeriod(ScreeningCase c) {
        if (!c.status.isDecided()) {
            return Optional.empty();
        }
        Decision latest = Decision.latestFor(c.id);
        int weeks = policies.documentOf(c.policyVersion).deadlines().objectionPeriodWeeks();
        return Optional.of(policies.current().calendar().weeksAfter(latest.decidedAt, weeks));
    }

    private void recordAccess(UUID id, CaseLifecycle.Actor officer, CaseAction action, String purpose) {
        ScreeningCase c = CaseLifecycle.load(id);
        ObjectNode reasons = JsonNodeFactory.instance.objectNode();
        reasons.put("purpose", purpose);
        outbox.personalDataAccessed(new AuditOutbox.CaseRecord(c.id, c.institution, c.policyVersion, c.policyHash),
                officer.id(), reasons, clock.instant());
        lifecycle.recordPersonalDataAct(id, officer, action, purpose);
    }

    /** The case's events as the log holds them, with their payloads decrypted while the case key lives. */
    @SuppressWarnings("unchecked")
    private ArrayNode logEvents(UUID id) {
        Optional<byte[]> key = caseKeys.find(id);
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("select sequence, coalesce(event, body)"
                + " from outbox_event where record_key = ?1 order by id").setParameter(1, id.toString()).getResultList();
        ArrayNode events = JsonNodeFactory.instance.arrayNode();
        for (Object[] row : rows) {
            ObjectNode event = (ObjectNode) CanonicalJson.read((String) row[1], new TypeReference<JsonNode>() {});
            event.remove(List.of("hash", "signature", "prevHash"));
            if (row[0] != null) {
                event.put("sequence", ((Number) row[0]).longValue());
            }
            JsonNode payload = event.get("payload");
            if (payload != null && payload.isTextual()) {
                event.set("payload", decrypted(key, payload.asText(), id));
            }
            events.add(event);
        }
        return events;
    }

    private static JsonNode decrypted(Optional<byte[]> key, String payload, UUID id) {
        if (key.isEmpty()) {
            return JsonNodeFactory.instance.textNode("[unreadable: the case key was shredded]");
        }
        try {
            String plain = new String(PayloadCipher.decrypt(key.get(), payload, id.toString()), StandardCharsets.UTF_8);
            return plain.startsWith("{") ? CanonicalJson.read(plain, new TypeReference<JsonNode>() {})
                    : JsonNodeFactory.instance.textNode(plain);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a payload of the case does not decrypt under its key");
        }
    }
}
