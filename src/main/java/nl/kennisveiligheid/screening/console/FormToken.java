package nl.kennisveiligheid.screening.console;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The console's anti-forgery token, bound to the sign-in session: an HMAC of the identity provider's
 * session id under a key derived from the console's session secret (OWASP's HMAC-based token
 * pattern). A token made up by hand, or taken from another officer's session, does not verify, and
 * no cookie carries it, so a cookie planted from another port of the same host is of no use.
 * Templates read it as {@code inject:csrf.token}.
 */
@ApplicationScoped
@Named("csrf")
public class FormToken {

    public static final String FIELD = "csrf-token";

    @Inject
    SecurityIdentity identity;

    @ConfigProperty(name = "quarkus.oidc.console.authentication.state-secret")
    String sessionSecret;

    private volatile byte[] key;

    public String getParameterName() {
        return FIELD;
    }

    /** This session's token; empty on a page without a signed-in officer. */
    public String getToken() {
        return ConsoleSessions.sessionId(identity).map(this::tokenFor).orElse("");
    }

    /** Whether {@code presented} is the token of the current session. */
    public boolean verifies(String presented) {
        Optional<String> expected = ConsoleSessions.sessionId(identity).map(this::tokenFor);
        return presented != null && expected.isPresent() && MessageDigest.isEqual(
                expected.get().getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.UTF_8));
    }

    String tokenFor(String sessionId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key(), sessionId));
    }

    private byte[] key() {
        if (key == null) {
            key = hmac(sessionSecret.getBytes(StandardCharsets.UTF_8), "console form token v1");
        }
        return key;
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
