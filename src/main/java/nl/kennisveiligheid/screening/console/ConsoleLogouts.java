package nl.kennisveiligheid.screening.console;

import io.quarkus.oidc.SecurityEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

/**
 * Ends the console session on every replica whenever Quarkus performs an RP-initiated logout, also
 * when someone goes to the logout path straight rather than through the sign-out form, so that a
 * copy of the session cookie is refused either way. Observed asynchronously: the event is fired on
 * the event loop, and recording the end writes to the database.
 */
@ApplicationScoped
public class ConsoleLogouts {

    @Inject
    ConsoleSessions sessions;

    void onLogout(@ObservesAsync SecurityEvent event) {
        if (event.getEventType() == SecurityEvent.Type.OIDC_LOGOUT_RP_INITIATED) {
            ConsoleSessions.sessionId(event.getSecurityIdentity()).ifPresent(sessions::end);
        }
    }
}
