package nl.kennisveiligheid.screening.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who a person is in the records: an officer id (the token's stable subject, a reference that reveals
 * no name to institutions) and, for officers' own views, the user name.
 */
@RequestScoped
public class CallerIdentity {

    @Inject
    JsonWebToken token;

    public String officerId() {
        return token.getSubject();
    }

    public String userName() {
        String name = token.getClaim("preferred_username");
        return name == null ? token.getSubject() : name;
    }
}
