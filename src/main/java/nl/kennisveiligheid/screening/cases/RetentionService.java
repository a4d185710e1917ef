package nl.kennisveiligheid.screening.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import nl.kennisveiligheid.screening.audit.AuditOutbox;
import nl.kennisveiligheid.screening.audit.CaseKeys;
import nl.kennisveiligheid.screening.common.CanonicalJson;
import nl.kennisveiligheid.screening.common.CaseStatus;
import nl.kennisveiligheid.screening.periods.LegalCalendar;
import nl.kennisveiligheid.screening.policy.PolicyService;
import org.jboss.logging.Logger;

/**
 * Erases a case's personal data when the policy's retention period after its final decision has
 * passed: the case key is deleted (which makes the input unreadable in the log, while the chain still
 * verifies), the request and free texts in the database are erased, and PERSONAL_DATA_ERASED is
 * logged.
 */
@ApplicationScoped
public class RetentionService {

    private static final Logger LOG = Logger.getLogger(RetentionService.class);

    @Inject
    Clock clock;

    @Inject
    CaseKeys caseKeys;

    @Inject
    AuditOutbox outbox;

    @Inject
    PolicyService policies;

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        int erased = eraseDue(clock.instant());
        if (erased > 0) {
            LOG.infof("Erased the personal data of %d case(s) at the end of their retention period", erased);
        }
    }

    /** Erases every case whose retention period ended before {@code now}; returns how many. */
    public int eraseDue(Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> candidates = QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager()
                .createNativeQuery("select c.id, c.policy_version, max(d.decided_at) from screening_case c"
                        + " join decision d on d.case_id = c.id join case_key k on k.case_id = c.id"
                        + " where c.status in " + CaseStatus.sqlList(CaseStatus.DECIDED) + " and k.key_bytes is not null"
                        + " group by c.id, c.policy_version")
                .getResultList());
        int erased = 0;
        LegalCalendar calendar = policies.current().calendar();
        for (Object[] row : candidates) {
            UUID caseId = (UUID) row[0];
            int years = policies.compiled(policies.find((String) row[1]).orElseThrow()).document().retention()
                    .personalDataYears();
            Instant decidedAt = row[2] instanceof java.sql.Timestamp t ? t.toInstant() : (Instant) row[2];
            if (!calendar.yearsAfter(decidedAt, years).isMetBy(now)) {
                QuarkusTransaction.requiringNew().run(() -> erase(caseId, years, now));
                erased++;
            }
        }
        return erased;
    }

    private void erase(UUID caseId, int years, Instant now) {
        var em = Panache.getEntityManager();
        Object[] c = (Object[]) em.createNativeQuery("select institution, assessment, policy_version, policy_hash"
                + " from screening_case where id = ?1 for update").setParameter(1, caseId).getSingleResult();
        caseKeys.erase(caseId, now);
        em.createNativeQuery("update screening_case set request = 'null', assessment = ?2, objection_grounds = null,"
                        + " proposal_reasoning = null, extension_reason = null, late_objection_grounds = null where id = ?1")
                .setParameter(1, caseId).setParameter(2, redacted((String) c[1])).executeUpdate();
        em.createNativeQuery("update case_history set reasoning = null where case_id = ?1 and actor <> 'automated'")
                .setParameter(1, caseId).executeUpdate();
        em.createNativeQuery("update information_request set question = '', answer = null where case_id = ?1")
                .setParameter(1, caseId).executeUpdate();
        em.createNativeQuery("update decision set reasoning = '[erased at the end of the retention period]'"
                + " where case_id = ?1 and kind <> 'AUTOMATED'").setParameter(1, caseId).executeUpdate();
        outbox.personalDataErased(caseId, (String) c[0], (String) c[2], (String) c[3], years, now);
    }

    /** The assessment without the texts quoted from the request: what was found stays, whose it was goes. */
    static String redacted(String assessmentJson) {
        ObjectNode assessment = (ObjectNode) CanonicalJson.read(assessmentJson,
                new com.fasterxml.jackson.core.type.TypeReference<JsonNode>() {});
        for (JsonNode indicator : assessment.withArray("indicators")) {
            ObjectNode i = (ObjectNode) indicator;
            i.putNull("matchedText");
            i.putNull("explanation");
        }
        for (JsonNode area : assessment.withArray("sensitiveAreas")) {
            ((ObjectNode) area).set("evidence", ((ArrayNode) area.get("evidence")).removeAll());
        }
        return CanonicalJson.string(assessment);
    }
}
