package nl.kennisveiligheid.screening.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import nl.kennisveiligheid.screening.common.CanonicalJson;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

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
        return CanonicalJson.bytes(copy);
    }

    /** What sealing gives: the hash, the signature, and the whole event's canonical JSON. */
    public record Seal(String hash, String signature, String canonicalEvent) {}

    /**
     * Sets {@code hash} and {@code signature} on the event and returns them with the event's canonical
     * form. The event is canonicalised once: the stored form is the signed canonical text with the two
     * members put in their sorted places. Signing and verifying use Bouncy Castle's RFC 8032
     * implementation, many times faster than the JDK 17 provider, on the same standard keys.
     */
    public static Seal seal(ObjectNode event, PrivateKey key) {
        byte[] bytes = signedBytes(event);
        String hash = CanonicalJson.sha256Hex(bytes);
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, new Ed25519PrivateKeyParameters(raw(key.getEncoded()), 0));
        signer.update(bytes, 0, bytes.length);
        String signature = Base64.getUrlEncoder().withoutPadding().encodeToString(signer.generateSignature());
        event.put("hash", hash);
        event.put("signature", signature);
        String canonical = CanonicalMembers.insert(utf8(bytes), new TreeMap<>(Map.of("hash", hash, "signature", signature)));
        return new Seal(hash, signature, canonical);
    }

    /** With the signed bytes already at hand. */
    public static boolean signatureValid(ObjectNode event, byte[] bytes, PublicKey key) {
        return signatureValid(event.hasNonNull("signature") ? event.get("signature").asText() : null,
                sink -> sink.update(bytes, 0, bytes.length), key);
    }

    /**
     * Whether {@code signature} (base64url) is the key's signature of the bytes {@code signed} feeds,
     * which may come in pieces: a record's signed bytes are the record less two members.
     */
    public static boolean signatureValid(String signature, java.util.function.Consumer<CanonicalRecord.ByteSink> signed,
            PublicKey key) {
        if (signature == null) {
            return false;
        }
        try {
            return ed25519Valid(key, signed, Base64.getUrlDecoder().decode(signature));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * An Ed25519 verification with Bouncy Castle, about ten times faster than the JDK 17 provider
     * (0.1 against 1 to 1.3 ms on the two-core machine), for verifiers that check many checkpoints.
     */
    public static boolean ed25519Valid(PublicKey key, byte[] message, byte[] signature) {
        return ed25519Valid(key, sink -> sink.update(message, 0, message.length), signature);
    }

    private static boolean ed25519Valid(PublicKey key, java.util.function.Consumer<CanonicalRecord.ByteSink> signed,
            byte[] signature) {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(raw(key.getEncoded()), 0));
        signed.accept(verifier::update);
        return verifier.verifySignature(signature);
    }

    /** The 32 raw key bytes at the end of a PKCS#8 or X.509 encoding of an Ed25519 key. */
    private static byte[] raw(byte[] encoded) {
        return java.util.Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    public static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
