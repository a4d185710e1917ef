package nl.kennisveiligheid.screening.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.time.Instant;
import java.util.List;
import nl.kennisveiligheid.screening.common.InvalidInputException;
import nl.kennisveiligheid.screening.common.ProblemException;
import nl.kennisveiligheid.screening.security.CallerInstitution;
import nl.kennisveiligheid.screening.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Policy administrators publish versions of the lists; legal officers and auditors read them. */
@Path("/api/v1/policies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "policies", description = "Versioned policy documents: sensitive areas, exempt nationalities, entities, thresholds")
public class PolicyResource {

    @Inject
    PolicyService policies;

    @Inject
    CallerInstitution caller;

    /** A policy version as the API shows it; {@code document} only when one version is asked for. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record PolicyVersionView(String version, String status, String contentHash, Instant effectiveFrom,
            Instant createdAt, String createdBy, Instant publishedAt, String publishedBy, PolicyDocument document) {

        static PolicyVersionView of(PolicyVersion v, boolean withDocument) {
            return new PolicyVersionView(v.version, v.status, v.contentHash, v.effectiveFrom, v.createdAt, v.createdBy,
                    v.publishedAt, v.publishedBy, withDocument ? PolicyService.parse(v.document) : null);
        }
    }

    /** Body of a publication; without {@code effectiveFrom} the version takes effect now. */
    public record Publication(Instant effectiveFrom) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.POLICY_ADMIN)
    @Operation(summary = "Create a draft version (or replace a draft of the same version); a published version is a 409")
    public Response create(PolicyDocument document, @Context UriInfo uri) {
        if (document == null) {
            throw new InvalidInputException("", "a policy document is required");
        }
        PolicyService.Stored stored = policies.create(document, caller.subject());
        PolicyVersionView view = PolicyVersionView.of(stored.version(), true);
        if (stored.created()) {
            return Response.created(uri.getAbsolutePathBuilder().path(stored.version().version).build()).entity(view).build();
        }
        return Response.ok(view).build();
    }

    @POST
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml"})
    @RolesAllowed(Roles.POLICY_ADMIN)
    @Operation(summary = "Create a draft version from a YAML document")
    public Response createFromYaml(String yaml, @Context UriInfo uri) throws JsonProcessingException {
        if (yaml == null || yaml.isBlank()) {
            throw new InvalidInputException("", "a policy document is required");
        }
        return create(DefaultPolicyLoader.YAML.readValue(yaml, PolicyDocument.class), uri);
    }

    @GET
    @RolesAllowed({Roles.POLICY_ADMIN, Roles.LEGAL_OFFICER, Roles.AUDITOR})
    @Operation(summary = "Every version, newest first, without their documents")
    public List<PolicyVersionView> list() {
        return policies.list().stream().map(v -> PolicyVersionView.of(v, false)).toList();
    }

    @GET
    @Path("/current")
    @RolesAllowed({Roles.POLICY_ADMIN, Roles.LEGAL_OFFICER, Roles.AUDITOR})
    @Operation(summary = "The version in effect now")
    public PolicyVersionView current() {
        return PolicyVersionView.of(policies.currentVersion()
                .orElseThrow(() -> ProblemException.notFound("A policy in effect")), true);
    }

    @GET
    @Path("/{version}")
    @RolesAllowed({Roles.POLICY_ADMIN, Roles.LEGAL_OFFICER, Roles.AUDITOR})
    @Operation(summary = "One version with its document")
    public PolicyVersionView get(@PathParam("version") String version) {
        return PolicyVersionView.of(policies.find(version)
                .orElseThrow(() -> ProblemException.notFound("Policy version " + version)), true);
    }

    @POST
    @Path("/{version}/publication")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.POLICY_ADMIN)
    @Operation(summary = "Publish a draft, effective from the given time (default now); immutable from then on")
    public PolicyVersionView publish(@PathParam("version") String version, Publication publication) {
        Instant effectiveFrom = publication == null ? null : publication.effectiveFrom();
        return PolicyVersionView.of(policies.publish(version, effectiveFrom, caller.subject()), true);
    }
}
