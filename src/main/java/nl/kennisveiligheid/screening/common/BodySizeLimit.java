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

    @Override
    public void filter(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null || request.getUriInfo().getPath().startsWith("/api/v1/policies")) {
            return;
        }
        long limit = request.getUriInfo().getPath().equals("/api/v1/screenings/batch") ? MAX_BATCH_BYTES : MAX_BYTES;
        try {
            if (Long.parseLong(length.trim()) > limit) {
                request.abortWith(Problems.response(413, "payload-too-large", "Payload Too Large",
                        "The request body is larger than the " + limit / 1024 + " KiB the service accepts."));
            }
        } catch (NumberFormatException e) {
            request.abortWith(Problems.response(400, "bad-request", "Bad Request", "The Content-Length header is not a number."));
        }
    }
}
