package nl.kennisveiligheid.screening.common;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service's own address as the operator configured it: a {@code Location} is built from it,
 * never from the request's Host header, which any client can set to send the next request elsewhere.
 */
@ApplicationScoped
public class PublicUrl {

    @ConfigProperty(name = "screening.public-url")
    String base;

    /** The absolute URI of a path of this service. */
    public URI of(String path) {
        return URI.create(base.replaceAll("/+$", "") + path);
    }
}
