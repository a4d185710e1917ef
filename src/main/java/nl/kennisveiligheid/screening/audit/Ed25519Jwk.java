package nl.kennisveiligheid.screening.audit;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** The log's public key as a JWK (RFC 8037: kty OKP, crv Ed25519), and back. */
public final class Ed25519Jwk {

    /** The fixed DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519, before the 32 key bytes. */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private Ed25519Jwk() {}

    public static Map<String, String> toJwk(PublicKey key) {
        byte[] encoded = key.getEncoded();
        byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
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
        byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + raw.length);
        System.arraycopy(raw, 0, encoded, X509_PREFIX.length, raw.length);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }
}
