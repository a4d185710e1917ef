package nl.kennisveiligheid.screening.common;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses request bodies over 64 KiB before they are read, a batch of requests over 4 MiB, and policy
 * documents only at the HTTP server's overall limit (their entity lists can be long).
 */
@Provider
@PreMatching
public class BodySizeLimit implements ContainerRequestFilter {

    public static final long MAX_BYTES = 64 * 1024;
    /** A batch holds up to a hundred requests. */
    public static final long MAX_BATCH_BYTES = 4 * 1024 * 1024;

    /** The most bytes a body sent to {@code path} may have, or -1 when only the server's overall limit applies. */
    static long limitFor(String path) {
        if (path.startsWith("/api/v1/policies")) {
            return -1;
        }
        return path.equals("/api/v1/screenings/batch") ? MAX_BATCH_BYTES : MAX_BYTES;
    }

    static jakarta.ws.rs.core.Response tooLarge(long limit) {
        return Problems.response(413, "payload-too-large", "Payload Too Large",
                "The request body is larger than the " + limit / 1024 + " KiB the service accepts.");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        long limit = limitFor(request.getUriInfo().getPath());
        if (length == null || limit < 0) {
            return;
        }
        try {
            if (Long.parseLong(length.trim()) > limit) {
                request.abortWith(tooLarge(limit));
            }
        } catch (NumberFormatException e) {
            request.abortWith(Problems.response(400, "bad-request", "Bad Request", "The Content-Length header is not a number."));
        }
    }
}
