package nl.kennisveiligheid.screening.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.kennisveiligheid.screening.audit.tree.SignedNote;

/**
 * The log's key history ({@code audit_signing_key}): which key signed which sequences. The relay
 * records the first key and every rotation; auditors read it as a JWKS with validity periods.
 */
@ApplicationScoped
public class SigningKeys {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuditConfig config;

    @Inject
    Clock clock;

    /** The schedule as stored, oldest first. */
    public List<KeySchedule.Entry> history() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return history(c);
        }
    }

    static List<KeySchedule.Entry> history(Connection c) throws SQLException {
        List<KeySchedule.Entry> entries = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select kid, public_key, valid_from_sequence, valid_until_sequence"
                + " from audit_signing_key order by valid_from_sequence"); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                long from = rs.getLong(3);
                long until = rs.getLong(4);
                Long open = rs.wasNull() ? null : until;
                entries.add(new KeySchedule.Entry(rs.getString(1), Ed25519Jwk.fromX(rs.getString(2)), from, open));
            }
        }
        return entries;
    }

    /** The key that signs the log now, if any key was recorded yet. */
    static Optional<KeySchedule.Entry> current(Connection c) throws SQLException {
        List<KeySchedule.Entry> entries = history(c);
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1));
    }

    /** Records {@code key} as signing from {@code fromSequence}, closing the key before it. */
    void record(Connection c, PublicKey key, long fromSequence) throws SQLException {
        try (PreparedStatement close = c.prepareStatement(
                "update audit_signing_key set valid_until_sequence = ? where valid_until_sequence is null")) {
            close.setLong(1, fromSequence - 1);
            close.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement("insert into audit_signing_key"
                + " (kid, public_key, valid_from_sequence, introduced_at) values (?, ?, ?, ?)")) {
            insert.setString(1, KeySchedule.kid(key));
            insert.setString(2, Ed25519Jwk.toJwk(key).get("x"));
            insert.setLong(3, fromSequence);
            insert.setTimestamp(4, Timestamp.from(clock.instant()));
            insert.executeUpdate();
        }
    }

    /** The log's first key, from which a verifier follows the rotations on the log. */
    public Optional<PublicKey> first() throws SQLException {
        List<KeySchedule.Entry> entries = history();
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(0).key());
    }

    /** Every key the log has had, as keys of its checkpoints' signed notes. */
    public List<SignedNote.NoteKey> noteKeys() throws SQLException {
        return history().stream().map(e -> new SignedNote.NoteKey(config.origin(), e.key())).toList();
    }

    /** The history as a JWKS (RFC 7517), each key with the sequences it signs. */
    public Map<String, Object> jwks() throws SQLException {
        List<Map<String, Object>> keys = new ArrayList<>();
        for (KeySchedule.Entry e : history()) {
            Map<String, Object> jwk = new LinkedHashMap<>(Ed25519Jwk.toJwk(e.key()));
            jwk.put("validFromSequence", e.from());
            jwk.put("validUntilSequence", e.until());
            // The same key as Go's note package and the C2SP tools name it, for checkpoints and tlog-proofs.
            jwk.put("noteVerifierKey", new SignedNote.NoteKey(config.origin(), e.key()).verifierKey());
            keys.add(jwk);
        }
        return Map.of("keys", keys);
    }
}
