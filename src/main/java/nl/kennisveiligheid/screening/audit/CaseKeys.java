package nl.kennisveiligheid.screening.audit;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import nl.kennisveiligheid.screening.keys.KeyEncryptionKeys;

/**
 * The per-case AES keys; deleting one erases that case's input from the log (crypto-shredding). The
 * database holds them only wrapped by a key-encryption key that it never sees, so a copy of the
 * database (a backup, the WAL, a dead tuple) reads nothing once that key-encryption key is retired.
 */
@ApplicationScoped
public class CaseKeys {

    private static final String SELECT = "select kek_id, wrapped_key, key_bytes, erased_at from case_key where case_id = ?1";

    @Inject
    KeyEncryptionKeys keks;

    /** The case's key, created on the case's first event. */
    @Transactional(Transactional.TxType.MANDATORY)
    public byte[] keyFor(UUID caseId) {
        var em = Panache.getEntityManager();
        Optional<Object[]> row = row(caseId);
        if (row.isEmpty()) {
            KeyEncryptionKeys.Wrapped wrapped = keks.wrap(PayloadCipher.newKey(), caseId.toString());
            // Two transactions creating the key at once: the second waits for the first and keeps its key.
            em.createNativeQuery("insert into case_key (case_id, kek_id, wrapped_key) values (?1, ?2, ?3)"
                            + " on conflict (case_id) do nothing")
                    .setParameter(1, caseId).setParameter(2, wrapped.kekId()).setParameter(3, wrapped.bytes())
                    .executeUpdate();
            row = row(caseId);
        }
        return row.flatMap(r -> unwrapped(caseId, r))
                .orElseThrow(() -> new IllegalStateException("the personal data of this case was erased"));
    }

    /** The key, or empty when the case's personal data was erased (or it never had an event). */
    @Transactional
    public Optional<byte[]> find(UUID caseId) {
        return row(caseId).flatMap(r -> unwrapped(caseId, r));
    }

    /** Deletes the case's key; a case that never had one gets a tombstone, so that its erasure is recorded. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void erase(UUID caseId, Instant at) {
        Panache.getEntityManager().createNativeQuery("insert into case_key (case_id, erased_at) values (?1, ?2)"
                        + " on conflict (case_id) do update set kek_id = null, wrapped_key = null, key_bytes = null,"
                        + " erased_at = excluded.erased_at")
                .setParameter(1, caseId).setParameter(2, at).executeUpdate();
    }

    /**
     * Wraps up to {@code limit} keys again under the current key-encryption key: those under an older
     * one, and those stored before keys were wrapped. Rows another replica is rewrapping are skipped.
     * Returns how many were rewrapped.
     */
    @SuppressWarnings("unchecked")
    @Transactional
    public int rewrap(int limit) {
        var em = Panache.getEntityManager();
        String current = keks.currentId();
        List<Object[]> rows = em.createNativeQuery("select case_id, kek_id, wrapped_key, key_bytes, erased_at from case_key"
                        + " where (wrapped_key is not null and kek_id <> ?1) or key_bytes is not null"
                        + " limit ?2 for update skip locked")
                .setParameter(1, current).setParameter(2, limit).getResultList();
        for (Object[] r : rows) {
            UUID caseId = (UUID) r[0];
            byte[] key = unwrapped(caseId, new Object[] {r[1], r[2], r[3], r[4]}).orElseThrow();
            KeyEncryptionKeys.Wrapped wrapped = keks.wrap(key, caseId.toString());
            em.createNativeQuery("update case_key set kek_id = ?2, wrapped_key = ?3, key_bytes = null where case_id = ?1")
                    .setParameter(1, caseId).setParameter(2, wrapped.kekId()).setParameter(3, wrapped.bytes())
                    .executeUpdate();
        }
        return rows.size();
    }

    /** How many live case keys each key-encryption key wraps ({@code "unwrapped"} for keys stored before wrapping). */
    @SuppressWarnings("unchecked")
    @Transactional
    public Map<String, Long> wrappedPerKek() {
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("select coalesce(kek_id, 'unwrapped'), count(*)"
                + " from case_key where wrapped_key is not null or key_bytes is not null group by 1").getResultList();
        Map<String, Long> counts = new TreeMap<>();
        rows.forEach(r -> counts.put((String) r[0], ((Number) r[1]).longValue()));
        return counts;
    }

    @SuppressWarnings("unchecked")
    private static Optional<Object[]> row(UUID caseId) {
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery(SELECT).setParameter(1, caseId).getResultList();
        return rows.stream().findFirst();
    }

    private Optional<byte[]> unwrapped(UUID caseId, Object[] row) {
        if (row[1] != null) {
            return Optional.of(keks.unwrap(new KeyEncryptionKeys.Wrapped((String) row[0], (byte[]) row[1]), caseId.toString()));
        }
        // A key stored before wrapping, until the rewrapping at start has wrapped it.
        return Optional.ofNullable((byte[]) row[2]);
    }
}
