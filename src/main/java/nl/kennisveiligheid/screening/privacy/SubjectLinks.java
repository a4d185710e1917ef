package nl.kennisveiligheid.screening.privacy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import nl.kennisveiligheid.screening.audit.AuditKeys;
import nl.kennisveiligheid.screening.audit.PayloadCipher;
import nl.kennisveiligheid.screening.common.CanonicalJson;
import nl.kennisveiligheid.screening.decision.CaseSnapshot;

/**
 * The service's own knowledge of which cases are one person's, for a data subject's request: a keyed
 * hash of name and date of birth (the same normalisation as the log once used), under a key held
 * outside the database. It lives only in the database, never on the log, and is deleted with the
 * case's personal data, so it has the case's retention and no more.
 */
@ApplicationScoped
public class SubjectLinks {

    @Inject
    AuditKeys keys;

    @Transactional(Transactional.TxType.MANDATORY)
    public void link(UUID caseId, String fullName, String dateOfBirth) {
        Panache.getEntityManager().createNativeQuery("insert into subject_link (case_id, link) values (?1, ?2)"
                        + " on conflict (case_id) do nothing")
                .setParameter(1, caseId).setParameter(2, linkOf(fullName, dateOfBirth)).executeUpdate();
    }

    /** The cases held of the person with this name and date of birth, whose data is not erased. */
    @SuppressWarnings("unchecked")
    public List<UUID> casesOf(String fullName, String dateOfBirth) {
        return Panache.getEntityManager().createNativeQuery("select case_id from subject_link where link = ?1")
                .setParameter(1, linkOf(fullName, dateOfBirth)).getResultList();
    }

    /**
     * Links the cases stored before links existed (at most once per case: a linked case is skipped),
     * reading each request once; erased cases have nothing left to link.
     */
    @SuppressWarnings("unchecked")
    void linkEarlierCases(@Observes StartupEvent start) {
        QuarkusTransaction.requiringNew().run(() -> {
            List<Object[]> rows = Panache.getEntityManager().createNativeQuery("select c.id, c.request from screening_case c"
                    + " where c.erased_at is null and c.request <> 'null'"
                    + " and not exists (select 1 from subject_link l where l.case_id = c.id)").getResultList();
            for (Object[] row : rows) {
                JsonNode candidate = CanonicalJson.read((String) row[1], new TypeReference<JsonNode>() {}).path("candidate");
                link((UUID) row[0], candidate.path("fullName").asText(""), candidate.path("dateOfBirth").asText(""));
            }
        });
    }

    String linkOf(String fullName, String dateOfBirth) {
        byte[] mac = java.util.Base64.getUrlDecoder().decode(PayloadCipher.pseudonym(keys.pseudonymKey(),
                CaseSnapshot.subjectMaterial(fullName, dateOfBirth)));
        return HexFormat.of().formatHex(mac);
    }
}
