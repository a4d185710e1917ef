package nl.kennisveiligheid.screening.policy;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import nl.kennisveiligheid.screening.common.ProblemException;
import nl.kennisveiligheid.screening.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What an integrator needs to get requests right the first time: the area codes with their names and
 * terms, the position types in scope, the exempt nationalities and the periods of a published policy.
 * HR systems may not read the policies themselves; this is the part of them that is theirs to know.
 */
@Path("/api/v1/catalogue")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.HR_SYSTEM, Roles.LEGAL_OFFICER, Roles.AUDITOR, Roles.POLICY_ADMIN, Roles.REVIEW_LEAD,
        Roles.PRIVACY_OFFICER})
@Tag(name = "catalogue", description = "The codes and periods of the policy in effect, for integrators")
public class CatalogueResource {

    @Inject
    PolicyService policies;

    /** A sensitive area as a request names it. */
    public record Area(String code, String name, List<String> terms) {}

    public record Catalogue(String version, String contentHash, Instant effectiveFrom, List<Area> areas,
            List<String> positionTypesInScope, List<String> exemptNationalities,
            @Schema(description = "The periods in weeks and the policy's extra holidays") PolicyDocument.Deadlines periods,
            PolicyDocument.Retention retention) {}

    @GET
    @Operation(operationId = "getCatalogue", summary = "The area codes, position types, exempt nationalities and periods",
            description = "Of the policy in effect now, or of the published `version`. The `ETag` is the policy's content "
                    + "hash: send it as `If-None-Match` to get a 304 while nothing changed.")
    @APIResponse(responseCode = "200", description = "The catalogue",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Catalogue.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag sent")
    @APIResponse(responseCode = "404", description = "No published policy of that version")
    public Response catalogue(@Parameter(description = "A published policy version; the one in effect when left out")
            @QueryParam("version") @VersionId String version,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        CompiledPolicy policy = version == null || version.isBlank() ? policies.current()
                : policies.find(version).filter(PolicyVersion::isPublished).map(policies::compiled)
                        .orElseThrow(() -> ProblemException.notFound("Published policy version " + version));
        EntityTag tag = new EntityTag(policy.contentHash());
        if (ifNoneMatch != null && ifNoneMatch.replace("W/", "").contains("\"" + policy.contentHash() + "\"")) {
            return Response.notModified(tag).build();
        }
        PolicyDocument d = policy.document();
        Catalogue catalogue = new Catalogue(policy.version(), policy.contentHash(), policy.effectiveFrom(),
                d.sensitiveAreas().stream().map(a -> new Area(a.code(), a.name(), a.terms())).toList(),
                d.positionTypesInScope(), d.exemptNationalities(), d.deadlines(), d.retention());
        return Response.ok(catalogue).tag(tag).build();
    }
}
