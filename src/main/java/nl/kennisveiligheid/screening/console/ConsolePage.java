package nl.kennisveiligheid.screening.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import nl.kennisveiligheid.screening.security.Roles;

/**
 * What every console page shows around its content: the language it is in, who is signed in, where
 * the language switch returns to, and (from the roles) which pages the navigation offers.
 */
public record ConsolePage(String lang, String officerName, String path, Set<String> roles) {

    public ConsolePage(String lang, String officerName, String path) {
        this(lang, officerName, path, Set.of());
    }

    /** The page's path as a query parameter value, for the language switch. */
    public String returnTo() {
        return URLEncoder.encode(path, StandardCharsets.UTF_8);
    }

    public boolean officer() {
        return roles.contains(Roles.LEGAL_OFFICER);
    }

    public boolean lead() {
        return roles.contains(Roles.REVIEW_LEAD);
    }

    public boolean auditor() {
        return roles.contains(Roles.AUDITOR);
    }

    public boolean policyAdmin() {
        return roles.contains(Roles.POLICY_ADMIN);
    }

    /** Officers and leads work cases; auditors read figures too; policy administrators keep the lists. */
    public boolean seesCases() {
        return officer() || lead();
    }

    public boolean seesFigures() {
        return officer() || lead() || auditor();
    }

    public boolean seesPolicies() {
        return officer() || lead() || policyAdmin();
    }

    /** Whether this page (or a page under it) is the one open, for aria-current in the navigation. */
    public boolean at(String section) {
        return section.equals("/console") ? path.equals("/console") || path.startsWith("/console/cases")
                : path.startsWith(section);
    }
}
