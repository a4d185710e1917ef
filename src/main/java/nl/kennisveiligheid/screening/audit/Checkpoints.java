package nl.kennisveiligheid.screening.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import nl.kennisveiligheid.screening.audit.tree.Checkpoint;
import nl.kennisveiligheid.screening.audit.tree.SignedNote;
import nl.kennisveiligheid.screening.audit.tree.TlogProof;

/**
 * The log's signed checkpoints: issued by the active relay over the events the topic holds, kept in
 * {@code audit_checkpoint}, and each decision's C2SP tlog-proof that leads to them.
 */
@ApplicationScoped
public class Checkpoints {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuditKeys keys;

    @Inject
    AuditConfig config;

    @Inject
    Clock clock;

    @Inject
    TreeProofs proofs;

    /** A checkpoint as stored: its tree size and the signed note, verbatim. */
    public record Signed(long treeSize, String note) {
    }

    /**
     * Signs and keeps a checkpoint of the first {@code treeSize} events unless one of that size exists
     * (two of one size could only differ if the tree had forked); returns whether it issued one.
     */
    boolean issue(Connection c, long treeSize) throws SQLException {
        byte[] root = MerkleStore.root(c, treeSize);
        // The key the log records as signing now: until the relay has handed over to a newly configured
        // key on the log, a verifier following the log would not know the new one.
        java.security.PublicKey publicKey = SigningKeys.current(c).map(KeySchedule.Entry::key).orElse(keys.publicKey());
        java.security.PrivateKey privateKey = keys.privateKeyOf(KeySchedule.kid(publicKey)).orElse(null);
        if (privateKey == null) {
            return false;
        }
        String note = SignedNote.sign(new Checkpoint(config.origin(), treeSize, root).body(), config.origin(),
                privateKey, publicKey);
        try (PreparedStatement s = c.prepareStatement("insert into audit_checkpoint (tree_size, root_hash, note, key_id, issued_at)"
                + " values (?, ?, ?, ?, ?) on conflict (tree_size) do nothing")) {
            s.setLong(1, treeSize);
            s.setBytes(2, root);
            s.setString(3, note);
            s.setString(4, HexFormat.of().formatHex(SignedNote.keyId(config.origin(), publicKey)));
            s.setTimestamp(5, Timestamp.from(clock.instant()));
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Signs the checkpoint of the empty tree (size 0, root SHA-256 of nothing) when the log has none,
     * so that from its first start the log has a signed head to serve and to extend; every replica
     * may do it, as the same key signs the same note.
     */
    void ensureFirst() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (at(0).isEmpty() && latestSize(c) == 0) {
                issue(c, 0);
            }
        }
    }

    /** The largest tree size a checkpoint was issued for, 0 when none was. */
    static long latestSize(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select coalesce(max(tree_size), 0) from audit_checkpoint");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public Optional<Signed> latest() throws SQLException {
        return find("select tree_size, note from audit_checkpoint order by tree_size desc limit 1", null);
    }

    public Optional<Signed> at(long treeSize) throws SQLException {
        return find("select tree_size, note from audit_checkpoint where tree_size = ?", treeSize);
    }

    private Optional<Signed> find(String query, Long treeSize) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(query)) {
            if (treeSize != null) {
                s.setLong(1, treeSize);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Signed(rs.getLong(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    /**
     * The C2SP tlog-proof of the event of {@code sequence} against the latest checkpoint, if one
     * covers it yet.
     */
    public Optional<TlogProof> proofOf(long sequence) throws SQLException {
        return proofOf(sequence, latest());
    }

    private Optional<TlogProof> proofOf(long sequence, Optional<Signed> latest) throws SQLException {
        if (latest.isEmpty() || latest.get().treeSize() < sequence) {
            return Optional.empty();
        }
        return Optional.of(new TlogProof(sequence - 1, proofs.inclusionProof(sequence, latest.get().treeSize()),
                latest.get().note()));
    }

    /** A decision as it is on the log, with its tlog-proof once a checkpoint covers it (else null). */
    public record DecisionOnLog(String record, long sequence, String proof) {}

    /** Every decision of a case that is in the chain, in log order. */
    public List<DecisionOnLog> decisionsOf(java.util.UUID caseId) throws SQLException {
        List<DecisionOnLog> proven = new java.util.ArrayList<>();
        Optional<Signed> latest = latest();
        for (CaseEventOnLog e : eventsOf(caseId)) {
            if (AuditOutbox.DECISION_RECORDED.equals(e.type())) {
                proven.add(new DecisionOnLog(e.record(), e.sequence(),
                        proofOf(e.sequence(), latest).map(TlogProof::text).orElse(null)));
            }
        }
        return proven;
    }

    /** One event of a case as it is on the log. */
    public record CaseEventOnLog(long sequence, String type, String occurredAt, String hash, String record) {}

    /** Every event of a case that is in the chain, in log order. */
    public List<CaseEventOnLog> eventsOf(java.util.UUID caseId) throws SQLException {
        List<CaseEventOnLog> events = new java.util.ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select sequence, type, created_at, hash, event from outbox_event where record_key = ? and sequence is not null"
                        + " order by sequence")) {
            s.setString(1, caseId.toString());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    events.add(new CaseEventOnLog(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant().toString(),
                            rs.getString(4), rs.getString(5)));
                }
            }
        }
        return events;
    }
}
