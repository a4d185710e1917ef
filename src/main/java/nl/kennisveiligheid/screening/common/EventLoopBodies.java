package nl.kennisveiligheid.screening.common;

import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Reads API request bodies of up to {@link BodySizeLimit#MAX_BYTES} on the event loop, before a
 * worker thread is given to the request. Quarkus REST then parses the buffered bytes instead of
 * blocking a worker on the network: a client that sends its body slowly, or stops, holds a
 * connection and at most 64 KiB of memory, never a thread, so readiness and other callers keep
 * their workers. Bodies of routes with larger limits (batches, policy documents) are read as they
 * come, under {@code quarkus.http.read-timeout}. A body over the limit is answered 413 as soon as
 * its bytes pass the limit, whether or not it announced its length. HTTP/2 is off
 * ({@code quarkus.http.http2=false}): Quarkus REST pauses every request it takes over, which an
 * HTTP/2 stream refuses once its body is read; TLS and HTTP/2 end at the ingress in front.
 */
@ApplicationScoped
public class EventLoopBodies {

    private static final Logger LOG = Logger.getLogger(EventLoopBodies.class);

    /** Before Quarkus REST's route, after the HTTP server's own handlers. */
    static final int ORDER = -100;
    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    void install(@Observes Router router) {
        BodyHandler reader = BodyHandler.create(false).setBodyLimit(BodySizeLimit.MAX_BYTES)
                .setDeleteUploadedFilesOnEnd(true);
        router.route("/api/*").order(ORDER).handler(ctx -> {
            if (WITH_BODY.contains(ctx.request().method())
                    && BodySizeLimit.limitFor(ctx.normalizedPath()) == BodySizeLimit.MAX_BYTES) {
                reader.handle(ctx);
            } else {
                ctx.next();
            }
        }).failureHandler(EventLoopBodies::tooLarge);
    }

    private static void tooLarge(RoutingContext ctx) {
        if (ctx.failure() instanceof HttpClosedException || ctx.response().closed()) {
            // The client went away while sending its body: no one to answer, nothing to report.
            LOG.debug("A client closed its connection while sending a request body");
            return;
        }
        if (ctx.statusCode() != 413 || ctx.response().ended()) {
            ctx.next();
            return;
        }
        Object problem = BodySizeLimit.tooLarge(BodySizeLimit.MAX_BYTES).getEntity();
        ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close").end(CanonicalJson.string(problem));
    }
}
