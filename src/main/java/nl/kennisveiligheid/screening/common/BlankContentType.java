package nl.kennisveiligheid.screening.common;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * An empty {@code Content-Type:} header is a client's mistake: the framework's media-type parser
 * throws on it while matching the resource, which surfaced as a 500. It is refused before that.
 */
@Provider
@PreMatching
public class BlankContentType implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String type = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (type != null && type.isBlank()) {
            request.abortWith(Problems.response(415, "unsupported-media-type", "Unsupported Media Type",
                    "The Content-Type header is empty; send the body as application/json."));
        }
    }
}
