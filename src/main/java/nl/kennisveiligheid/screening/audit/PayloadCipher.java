package nl.kennisveiligheid.screening.audit;

import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import nl.kennisveiligheid.screening.keys.Aead;

/**
 * A case's input in the log, sealed with {@link Aead} (base64, the case id as associated data), and
 * the HMAC-SHA256 pseudonyms and commitments keyed by the case key. JDK only.
 */
public final class PayloadCipher {

    private PayloadCipher() {}

    public static byte[] newKey() {
        return Aead.newKey();
    }

    public static String encrypt(byte[] key, byte[] plaintext, String associatedData) {
        return Base64.getEncoder().encodeToString(Aead.seal(key, plaintext, associatedData));
    }

    public static byte[] decrypt(byte[] key, String payload, String associatedData) throws GeneralSecurityException {
        return Aead.open(key, Base64.getDecoder().decode(payload), associatedData);
    }

    /**
     * The candidate's pseudonym on the log: keyed by a secret derived from the case's own key, so it
     * is the same in every event of the case and is shredded with that key. After erasure nobody, the
     * service included, can tell whose events they were; no pseudonym links two cases.
     */
    public static String subjectPseudonym(byte[] caseKey, String material) {
        return pseudonym(derive(caseKey, "screening/subject/v2"), material);
    }

    /**
     * A commitment to a free text that rides encrypted (an officer's reasoning, a question, an
     * answer): it proves the decrypted text is the one logged while the case key lives, and, unlike a
     * plain hash, confirms nothing to someone who guesses the text after the key is shredded.
     */
    public static String textMac(byte[] caseKey, String text) {
        return pseudonym(derive(caseKey, "screening/text/v2"), text);
    }

    /** A subkey for one use, so that the case's AES key is never itself an HMAC key. */
    private static byte[] derive(byte[] key, String purpose) {
        return Base64.getUrlDecoder().decode(pseudonym(key, purpose));
    }

    /** A keyed pseudonym: the same person gives the same value, which reveals nothing without the key. */
    public static String pseudonym(byte[] key, String material) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(material.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
