package nl.kennisveiligheid.screening.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import nl.kennisveiligheid.screening.common.InvalidInputException;
import nl.kennisveiligheid.screening.common.ProblemException;
import nl.kennisveiligheid.screening.common.PublicUrl;
import nl.kennisveiligheid.screening.security.CallerInstitution;
import nl.kennisveiligheid.screening.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Policy administrators publish versions of the lists; legal officers and auditors read them. */
@Path("/api/v1/policies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "policies", description = "Versioned policy documents: sensitive areas, exempt nationalities, entities, thresholds")
public class PolicyResource {

    @Inject
    PublicUrl publicUrl;

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
    @Operation(operationId = "createPolicyDraft", summary = "Create a draft policy version",
            description = "Stores the document as a draft (JSON or YAML), or replaces a draft of the same version. Unknown "
                    + "fields are refused, so a typo never passes silently. A version that is published already is a 409, "
                    + "and so is a new draft beyond `screening.policy.max-drafts` (50). The answer describes the stored "
                    + "version without its document (read it with getPolicy), so a 4 MiB upload is not sent back.")
    @APIResponse(responseCode = "201", description = "A new draft; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PolicyVersionView.class)))
    @APIResponse(responseCode = "200", description = "An existing draft of the same version was replaced",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PolicyVersionView.class)))
    @APIResponse(responseCode = "409", description = "That version is published and immutable, or there are as many drafts "
            + "as allowed (`too-many-drafts`)")
    public Response create(PolicyDocument document) {
        if (document == null) {
            throw new InvalidInputException("", "a policy document is required");
        }
        PolicyService.Stored stored = policies.create(document, caller.subject());
        PolicyVersionView view = PolicyVersionView.of(stored.version(), false);
        if (stored.created()) {
            return Response.created(publicUrl.of("/api/v1/policies/" + stored.version().version)).entity(view).build();
        }
        return Response.ok(view).build();
    }

    @POST
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml"})
    @RolesAllowed(Roles.POLICY_ADMIN)
    @Operation(operationId = "createPolicyDraft", summary = "Create a draft policy version")
    public Response createFromYaml(String yaml) throws JsonProcessingException {
        if (yaml == null || yaml.isBlank()) {
            throw new InvalidInputException("", "a policy document is required");
        }
        return create(DefaultPolicyLoader.YAML.readValue(yaml, PolicyDocument.class));
    }

    @GET
    @RolesAllowed({Roles.POLICY_ADMIN, Roles.LEGAL_OFFICER, Roles.AUDITOR})
    @Operation(operationId = "listPolicies", summary = "Every policy version, newest first",
            description = "Drafts and published versions with their status, content hash and effective time, without "
                    + "their documents.")
    public List<PolicyVersionView> list() {
        return policies.list().stream().map(v -> PolicyVersionView.of(v, false)).toList();
    }

    @GET
    @Path("/current")
    @RolesAllowed({Roles.POLICY_ADMIN, Roles.LEGAL_OFFICER, Roles.AUDITOR})
    @Operation(operationId = "getCurrentPolicy", summary = "The policy version in effect now",
            description = "The published version with the latest effective time that has passed, with its document.")
    public PolicyVersionView current() {
        return PolicyVersionView.of(policies.currentVersion()
                .orElseThrow(() -> ProblemException.notFound("A policy in effect")), true);
    }

    @GET
    @Path("/{version}")
    @RolesAllowed({Roles.POLICY_ADMIN, Roles.LEGAL_OFFICER, Roles.AUDITOR})
    @Operation(operationId = "getPolicy", summary = "One policy version with its document",
            description = "A draft or published version by its version name.")
    public PolicyVersionView get(@PathParam("version") String version) {
        return PolicyVersionView.of(policies.find(version)
                .orElseThrow(() -> ProblemException.notFound("Policy version " + version)), true);
    }

    @DELETE
    @Path("/{version}")
    @RolesAllowed(Roles.POLICY_ADMIN)
    @Operation(operationId = "deletePolicyDraft", summary = "Delete a draft",
            description = "Removes a draft that will not be published. A published version is part of the record: 409.")
    @APIResponse(responseCode = "204", description = "The draft is gone")
    @APIResponse(responseCode = "404", description = "No such version")
    @APIResponse(responseCode = "409", description = "The version is published and stays")
    public Response delete(@PathParam("version") String version) {
        policies.deleteDraft(version);
        return Response.noContent().build();
    }

    @POST
    @Path("/{version}/publication")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.POLICY_ADMIN)
    @Operation(operationId = "publishPolicy", summary = "Publish a draft",
            description = "Publishes the draft, effective from `effectiveFrom` (default now), and records it on the decision "
                    + "log with its whole document. From then on the version is immutable; cases received after "
                    + "`effectiveFrom` are assessed with it.")
    @APIResponse(responseCode = "200", description = "The published version")
    @APIResponse(responseCode = "409", description = "The version is published already")
    public PolicyVersionView publish(@PathParam("version") String version, Publication publication) {
        Instant effectiveFrom = publication == null ? null : publication.effectiveFrom();
        return PolicyVersionView.of(policies.publish(version, effectiveFrom, caller.subject()), true);
    }
}
