package nl.kennisveiligheid.screening.audit;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The per-case AES keys; deleting one erases that case's input from the log (crypto-shredding). */
@ApplicationScoped
public class CaseKeys {

    @Transactional(Transactional.TxType.MANDATORY)
    public byte[] keyFor(UUID caseId) {
        var em = Panache.getEntityManager();
        em.createNativeQuery("insert into case_key (case_id, key_bytes) values (?1, ?2) on conflict (case_id) do nothing")
                .setParameter(1, caseId).setParameter(2, PayloadCipher.newKey()).executeUpdate();
        Object key = em.createNativeQuery("select key_bytes from case_key where case_id = ?1")
                .setParameter(1, caseId).getSingleResult();
        if (key == null) {
            throw new IllegalStateException("the personal data of this case was erased");
        }
        return (byte[]) key;
    }

    /** The key, or empty when the case's personal data was erased (or it never had an event). */
    @SuppressWarnings("unchecked")
    @Transactional
    public Optional<byte[]> find(UUID caseId) {
        List<Object> rows = Panache.getEntityManager().createNativeQuery("select key_bytes from case_key where case_id = ?1")
                .setParameter(1, caseId).getResultList();
        return rows.isEmpty() || rows.get(0) == null ? Optional.empty() : Optional.of((byte[]) rows.get(0));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void erase(UUID caseId, Instant at) {
        Panache.getEntityManager().createNativeQuery("update case_key set key_bytes = null, erased_at = ?2 where case_id = ?1")
                .setParameter(1, caseId).setParameter(2, at).executeUpdate();
    }
}
