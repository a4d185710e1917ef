package nl.kennisveiligheid.screening.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The institution (tenant) an HR system acts for, taken from the token's {@code institution}
 * claim, which the realm sets per client. Never from the request body: an institution must not be
 * able to act for another one.
 */
@RequestScoped
public class CallerInstitution {

    public static final String CLAIM = "institution";

    @Inject
    JsonWebToken token;

    @Inject
    SecurityIdentity identity;

    /** The caller's institution; refuses the request when the token has none. */
    public String require() {
        String institution = token == null ? null : token.getClaim(CLAIM);
        if (institution == null || institution.isBlank()) {
            throw new MissingInstitutionException();
        }
        return institution;
    }

    /** The caller's institution, or null for callers that act for the screening authority. */
    public String orNull() {
        String institution = token == null ? null : token.getClaim(CLAIM);
        return institution == null || institution.isBlank() ? null : institution;
    }

    public String subject() {
        return identity.getPrincipal().getName();
    }
}
