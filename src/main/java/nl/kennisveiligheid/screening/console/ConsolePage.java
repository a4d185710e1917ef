package nl.kennisveiligheid.screening.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * What every console page shows around its content: the language it is in, who is signed in, and
 * where the language switch returns to.
 */
public record ConsolePage(String lang, String officerName, String path) {

    /** The page's path as a query parameter value, for the language switch. */
    public String returnTo() {
        return URLEncoder.encode(path, StandardCharsets.UTF_8);
    }
}
