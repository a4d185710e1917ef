package nl.kennisveiligheid.screening.console;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The console's sign-in sessions as the service knows them: a session is named by the identity
 * provider's session id (the ID token's {@code sid}) and ends, on every replica at once, when its
 * officer signs out. The session cookie is an encrypted token that the browser keeps; without this
 * record a copied cookie would keep working until its tokens expired.
 */
@ApplicationScoped
public class ConsoleSessions {

    /** Longer than Keycloak's longest session, after which an ended session cannot come back anyway. */
    static final Duration REMEMBERED = Duration.ofDays(2);

    @Inject
    Clock clock;

    /** The provider's session id of a signed-in console user, if the token names one. */
    public static Optional<String> sessionId(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Optional.empty();
        }
        Object sid = token.getClaim("sid");
        return sid == null || sid.toString().isBlank() ? Optional.empty() : Optional.of(sid.toString());
    }

    @Transactional
    public void end(String sessionId) {
        Instant now = clock.instant();
        Panache.getEntityManager().createNativeQuery("delete from console_session_ended where ended_at < ?1")
                .setParameter(1, now.minus(REMEMBERED)).executeUpdate();
        Panache.getEntityManager().createNativeQuery("insert into console_session_ended (session_id, ended_at)"
                        + " values (?1, ?2) on conflict (session_id) do nothing")
                .setParameter(1, sessionId).setParameter(2, now).executeUpdate();
    }

    @Transactional
    public boolean ended(String sessionId) {
        return !Panache.getEntityManager().createNativeQuery(
                "select 1 from console_session_ended where session_id = ?1").setParameter(1, sessionId)
                .getResultList().isEmpty();
    }
}
