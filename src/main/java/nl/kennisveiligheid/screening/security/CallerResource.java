package nl.kennisveiligheid.screening.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Lets a client check its credentials: which roles and institution the service sees in its token.
 * Integrators use it before they send their first screening request.
 */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "caller", description = "What the service sees in the caller's token")
public class CallerResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    CallerInstitution institution;

    /** The caller as the service sees it. */
    public record Caller(String subject, List<String> roles, String institution) {}

    /** The institution an HR system acts for. */
    public record InstitutionView(String institution) {}

    @GET
    @RolesAllowed({Roles.HR_SYSTEM, Roles.LEGAL_OFFICER, Roles.AUDITOR, Roles.POLICY_ADMIN, Roles.REVIEW_LEAD,
            Roles.PRIVACY_OFFICER})
    @Operation(operationId = "getCaller", summary = "The caller as the service sees it",
            description = "The token's subject, its screening roles and, for an HR system, its institution. Integrators "
                    + "call it to check their credentials before the first request.")
    public Caller me() {
        List<String> roles = identity.getRoles().stream()
                .filter(r -> r.equals(Roles.HR_SYSTEM) || r.equals(Roles.LEGAL_OFFICER)
                        || r.equals(Roles.AUDITOR) || r.equals(Roles.POLICY_ADMIN))
                .sorted().toList();
        return new Caller(institution.subject(), roles, institution.orNull());
    }

    @GET
    @Path("/institution")
    @RolesAllowed(Roles.HR_SYSTEM)
    @Operation(operationId = "getCallerInstitution", summary = "The institution an HR system's token acts for",
            description = "The `institution` claim of the token. A token without one is refused with a 403, as every "
                    + "screening call would be.")
    public InstitutionView institution() {
        return new InstitutionView(institution.require());
    }
}
