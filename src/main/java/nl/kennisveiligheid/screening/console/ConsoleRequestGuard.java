package nl.kennisveiligheid.screening.console;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * What every console request must show before it reaches a page: a session its officer has not
 * signed out of and, for anything that changes state, a form body carrying the session's
 * {@link FormToken}. API requests carry bearer tokens, never cookies, and are left alone.
 */
public class ConsoleRequestGuard {

    private static final Set<String> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    /** Quarkus names the console tenant's session cookie after the tenant, in chunks when it is long. */
    static final String SESSION_COOKIE = "q_session_console";

    @Inject
    SecurityIdentity identity;

    @Inject
    ConsoleSessions sessions;

    @Inject
    FormToken formToken;

    @ServerRequestFilter
    @WithFormRead
    public Optional<Response> guard(ResteasyReactiveContainerRequestContext context) {
        if (!context.getUriInfo().getPath().startsWith("/console")) {
            return Optional.empty();
        }
        Optional<String> session = ConsoleSessions.sessionId(identity);
        if (session.isPresent() && sessions.ended(session.get())) {
            NewCookie[] expired = context.getCookies().keySet().stream().filter(name -> name.startsWith(SESSION_COOKIE))
                    .map(name -> new NewCookie.Builder(name).value("").path("/console").maxAge(0).httpOnly(true)
                            .sameSite(NewCookie.SameSite.STRICT).build())
                    .toArray(NewCookie[]::new);
            return Optional.of(Response.seeOther(URI.create("/console/signed-out")).cookie(expired).build());
        }
        if (SAFE.contains(context.getMethod())) {
            return Optional.empty();
        }
        MediaType type = context.getMediaType();
        if (type == null || !(type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                || type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE))) {
            throw new FormRefused(Response.Status.UNSUPPORTED_MEDIA_TYPE.getStatusCode());
        }
        if (!formToken.verifies(presentedToken(context))) {
            throw new FormRefused(Response.Status.FORBIDDEN.getStatusCode());
        }
        return Optional.empty();
    }

    private static String presentedToken(ResteasyReactiveContainerRequestContext context) {
        Object value = ((ResteasyReactiveRequestContext) context.getServerRequestContext())
                .getFormParameter(FormToken.FIELD, true, false);
        if (value instanceof FormValue form) {
            return form.isFileItem() ? null : form.getValue();
        }
        return value instanceof String text ? text : null;
    }
}
