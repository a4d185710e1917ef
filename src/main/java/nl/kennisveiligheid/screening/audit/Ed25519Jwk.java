package nl.kennisveiligheid.screening.audit;

import java.security.PublicKey;
import nl.kennisveiligheid.screening.audit.tree.SignedNote;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The log's public key as a JWK (RFC 8037: kty OKP, crv Ed25519), and back. The raw and X.509
 * encodings are {@link SignedNote}'s, which the checkpoints' keys use too.
 */
public final class Ed25519Jwk {

    private Ed25519Jwk() {}

    public static Map<String, String> toJwk(PublicKey key) {
        byte[] raw = SignedNote.raw(key);
        Map<String, String> jwk = new LinkedHashMap<>();
        jwk.put("kty", "OKP");
        jwk.put("crv", "Ed25519");
        jwk.put("x", Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
        jwk.put("use", "sig");
        jwk.put("alg", "EdDSA");
        jwk.put("kid", nl.kennisveiligheid.screening.common.CanonicalJson.sha256Hex(raw).substring(0, 16));
        return jwk;
    }

    public static PublicKey fromX(String x) {
        byte[] raw = Base64.getUrlDecoder().decode(x);
        if (raw.length != 32) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
        return SignedNote.publicKey(raw);
    }
}
