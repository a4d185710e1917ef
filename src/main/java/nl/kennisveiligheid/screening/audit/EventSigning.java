package nl.kennisveiligheid.screening.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import nl.kennisveiligheid.screening.common.CanonicalJson;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * The audit event's hashing and signing rules (DESIGN.md section 7), pure: {@code hash} is the
 * lowercase hex SHA-256 of the RFC 8785 canonical JSON of the event without {@code hash} and
 * {@code signature}; {@code signature} is the base64url Ed25519 signature of the same bytes.
 */
public final class EventSigning {

    public static final String GENESIS = "0".repeat(64);

    private EventSigning() {}

    /** The bytes that are hashed and signed: the canonical event without hash and signature. */
    public static byte[] signedBytes(ObjectNode event) {
        ObjectNode copy = event.deepCopy();
        copy.remove("hash");
        copy.remove("signature");
        try {
            return new JsonCanonicalizer(copy.toString()).getEncodedUTF8();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("event is not canonicalisable JSON", e);
        }
    }

    public static String hash(ObjectNode event) {
        return CanonicalJson.sha256Hex(signedBytes(event));
    }

    /** Sets {@code hash} and {@code signature} on the event. */
    public static void seal(ObjectNode event, PrivateKey key) {
        byte[] bytes = signedBytes(event);
        event.put("hash", CanonicalJson.sha256Hex(bytes));
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(bytes);
            event.put("signature", Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    public static boolean signatureValid(ObjectNode event, PublicKey key) {
        if (!event.hasNonNull("signature")) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(signedBytes(event));
            return verifier.verify(Base64.getUrlDecoder().decode(event.get("signature").asText()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    public static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
