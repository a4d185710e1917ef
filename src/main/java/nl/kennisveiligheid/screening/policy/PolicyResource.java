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
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import nl.kennisveiligheid.screening.common.EmptyBody;
import nl.kennisveiligheid.screening.common.InvalidInputException;
import nl.kennisveiligheid.screening.common.ProblemException;
import nl.kennisveiligheid.screening.common.PublicUrl;
import nl.kennisveiligheid.screening.security.CallerInstitution;
import nl.kennisveiligheid.screening.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
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

    @Inject
    java.time.Clock clock;

    /**
     * A policy version as the API shows it; {@code document} only when one version is asked for.
     * {@code status} is DRAFT, PROPOSED (publication awaits a second administrator), SCHEDULED
     * (published, not yet in effect), PUBLISHED or CANCELLED.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record PolicyVersionView(String version,
            @Schema(enumeration = {"DRAFT", "PROPOSED", "SCHEDULED", "PUBLISHED", "CANCELLED"}) String status,
            String contentHash, Instant effectiveFrom,
            Instant createdAt, String createdBy, Instant publishedAt, String publishedBy,
            @Schema(description = "Who proposed the publication that a second administrator confirmed or will confirm")
            String proposedBy, Instant proposedAt,
            @Schema(description = "The effective time the proposal asks for; absent: when confirmed")
            Instant proposedEffectiveFrom, String cancelledBy, Instant cancelledAt, PolicyDocument document) {

        static PolicyVersionView of(PolicyVersion v, boolean withDocument, Instant now) {
            return new PolicyVersionView(v.version, v.statusAt(now), v.contentHash, v.effectiveFrom, v.createdAt,
                    v.createdBy, v.publishedAt, v.publishedBy, v.proposedBy, v.proposedAt, v.proposedEffectiveFrom,
                    v.cancelledBy, v.cancelledAt, withDocument ? PolicyService.parse(v.document) : null);
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
                    + "version without its document (read it with getPolicy), so a 4 MiB upload is not sent back. Replacing a "
                    + "draft needs its ETag in If-Match (428 without, 412 when the draft changed since), so that two "
                    + "administrators never overwrite each other unseen; a replaced draft loses a pending publication proposal.")
    @APIResponse(responseCode = "201", description = "A new draft; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PolicyVersionView.class)))
    @APIResponse(responseCode = "200", description = "An existing draft of the same version was replaced",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PolicyVersionView.class)))
    @APIResponse(responseCode = "409", description = "That version is published and immutable, or there are as many drafts "
            + "as allowed (`too-many-drafts`)")
    @APIResponse(responseCode = "412", description = "If-Match does not name the draft's current ETag")
    @APIResponse(responseCode = "428", description = "The version exists as a draft and If-Match is missing")
    public Response create(PolicyDocument document,
            @Parameter(description = "The ETag of the draft to replace, as GET gave it; required to replace a draft")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        if (document == null) {
            throw new InvalidInputException("", "a policy document is required");
        }
        PolicyService.Stored stored = policies.create(document, caller.subject(), entityTag(ifMatch));
        PolicyVersionView view = PolicyVersionView.of(stored.version(), false, clock.instant());
        if (stored.created()) {
            return Response.created(publicUrl.of("/api/v1/policies/" + stored.version().version)).entity(view)
                    .tag(etag(stored.version())).build();
        }
        return Response.ok(view).tag(etag(stored.version())).build();
    }

    @POST
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml"})
    @RolesAllowed(Roles.POLICY_ADMIN)
    @Operation(operationId = "createPolicyDraft", summary = "Create a draft policy version")
    public Response createFromYaml(String yaml, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch)
            throws JsonProcessingException {
        if (yaml == null || yaml.isBlank()) {
            throw new InvalidInputException("", "a policy document is required");
        }
        return create(DefaultPolicyLoader.YAML.readValue(yaml, PolicyDocument.class), ifMatch);
    }

    @GET
    @RolesAllowed({Roles.POLICY_ADMIN, Roles.LEGAL_OFFICER, Roles.AUDITOR})
    @Operation(operationId = "listPolicies", summary = "Every policy version, newest first",
            description = "Drafts and published versions with their status, content hash and effective time, without "
                    + "their documents.")
    public List<PolicyVersionView> list() {
        return policies.list().stream().map(v -> PolicyVersionView.of(v, false, clock.instant())).toList();
    }

    @GET
    @Path("/current")
    @RolesAllowed({Roles.POLICY_ADMIN, Roles.LEGAL_OFFICER, Roles.AUDITOR})
    @Operation(operationId = "getCurrentPolicy", summary = "The policy version in effect now",
            description = "The published version with the latest effective time that has passed, with its document.")
    public PolicyVersionView current() {
        return PolicyVersionView.of(policies.currentVersion()
                .orElseThrow(() -> ProblemException.notFound("A policy in effect")), true, clock.instant());
    }

    @GET
    @Path("/{version}")
    @Produces({MediaType.APPLICATION_JSON, "application/yaml"})
    @RolesAllowed({Roles.POLICY_ADMIN, Roles.LEGAL_OFFICER, Roles.AUDITOR})
    @Operation(operationId = "getPolicy", summary = "One policy version with its document",
            description = "A draft or published version by its version name, with its ETag (the content hash), which "
                    + "replacing a draft sends back in If-Match. With `Accept: application/yaml` the answer is the document "
                    + "alone, as YAML, so that the next draft starts from it.")
    @APIResponse(responseCode = "200", description = "The version",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PolicyVersionView.class)),
                    @Content(mediaType = "application/yaml", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING))})
    public Response get(@PathParam("version") @VersionId String version, @HeaderParam(HttpHeaders.ACCEPT) String accept)
            throws JsonProcessingException {
        PolicyVersion found = policies.find(version).orElseThrow(() -> ProblemException.notFound("Policy version " + version));
        if (accept != null && accept.contains("yaml") && !accept.contains(MediaType.APPLICATION_JSON)) {
            return Response.ok(DefaultPolicyLoader.YAML.writeValueAsString(PolicyService.parse(found.document)),
                    "application/yaml").tag(etag(found)).build();
        }
        return Response.ok(PolicyVersionView.of(found, true, clock.instant()), MediaType.APPLICATION_JSON)
                .tag(etag(found)).build();
    }

    @GET
    @Path("/{from}/diff/{to}")
    @RolesAllowed({Roles.POLICY_ADMIN, Roles.LEGAL_OFFICER, Roles.AUDITOR})
    @Operation(operationId = "diffPolicies", summary = "What changes from one version to another",
            description = "Areas, terms and exclude terms, entities and their aliases, countries and risk levels, "
                    + "exempt nationalities, positions, thresholds, periods and retention: each change with its path "
                    + "(list items by code or id, `highRiskEntities[hit].aliases`), ADDED, REMOVED or CHANGED, and the "
                    + "values; with counts per section.")
    public PolicyDiff.Result diff(@PathParam("from") @VersionId String from, @PathParam("to") @VersionId String to) {
        PolicyVersion older = policies.find(from).orElseThrow(() -> ProblemException.notFound("Policy version " + from));
        PolicyVersion newer = policies.find(to).orElseThrow(() -> ProblemException.notFound("Policy version " + to));
        return PolicyDiff.between(PolicyService.parse(older.document), PolicyService.parse(newer.document));
    }

    @DELETE
    @Path("/{version}")
    @RolesAllowed(Roles.POLICY_ADMIN)
    @Operation(operationId = "deletePolicyDraft", summary = "Delete a draft",
            description = "Removes a draft that will not be published. A published version is part of the record: 409.")
    @APIResponse(responseCode = "204", description = "The draft is gone")
    @APIResponse(responseCode = "404", description = "No such version")
    @APIResponse(responseCode = "409", description = "The version is published and stays")
    public Response delete(@PathParam("version") @VersionId String version) {
        policies.deleteDraft(version);
        return Response.noContent().build();
    }

    @POST
    @Path("/{version}/publication")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.POLICY_ADMIN)
    @Operation(operationId = "publishPolicy", summary = "Propose to publish a draft",
            description = "Publication takes two policy administrators. This proposes the draft, as it is now, effective "
                    + "from `effectiveFrom` (default: when confirmed); it becomes PROPOSED. A second administrator "
                    + "confirms it with confirmPublication, which publishes it and records it on the decision log with its "
                    + "whole document. Replacing the draft withdraws the proposal.")
    @APIResponse(responseCode = "202", description = "The version, PROPOSED: it awaits a second administrator")
    @APIResponse(responseCode = "409", description = "Proposed or published already")
    public Response publish(@PathParam("version") @VersionId String version, Publication publication) {
        Instant effectiveFrom = publication == null ? null : publication.effectiveFrom();
        return Response.accepted(PolicyVersionView.of(policies.proposePublication(version, effectiveFrom,
                caller.subject()), false, clock.instant())).build();
    }

    @POST
    @Path("/{version}/publication/confirmation")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.POLICY_ADMIN)
    @Operation(operationId = "confirmPublication", summary = "Confirm a proposed publication",
            description = "A second policy administrator, never the proposer, publishes the proposed version, effective "
                    + "from the proposed time (or now). From then on the version is immutable; it is SCHEDULED until it takes "
                    + "effect, and cases received from then on are assessed with it. When it takes effect, open cases and "
                    + "positive decisions are re-screened with it (getRescreening).")
    @APIResponse(responseCode = "200", description = "The published (or scheduled) version")
    @APIResponse(responseCode = "409", description = "Not proposed, or the caller proposed it")
    public PolicyVersionView confirmPublication(@PathParam("version") @VersionId String version, EmptyBody body) {
        return PolicyVersionView.of(policies.confirmPublication(version, caller.subject()), true, clock.instant());
    }

    @POST
    @Path("/{version}/cancellation")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.POLICY_ADMIN)
    @Operation(operationId = "cancelPolicy", summary = "Cancel a scheduled version",
            description = "A version published for a future date is cancelled before it takes effect; it stays in the "
                    + "record as CANCELLED, and the cancellation is on the decision log. A version in effect is a 409.")
    @APIResponse(responseCode = "200", description = "The version, CANCELLED")
    @APIResponse(responseCode = "409", description = "Not scheduled: a draft, in effect already, or cancelled")
    public PolicyVersionView cancel(@PathParam("version") @VersionId String version, EmptyBody body) {
        return PolicyVersionView.of(policies.cancel(version, caller.subject()), false, clock.instant());
    }

    /** A strong entity tag: the content hash, which changes with every change of the document. */
    private static EntityTag etag(PolicyVersion version) {
        return new EntityTag(version.contentHash);
    }

    /** The content hash an If-Match names, without quotes or a weak prefix. */
    private static String entityTag(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        return tag.replace("\"", "");
    }
}
