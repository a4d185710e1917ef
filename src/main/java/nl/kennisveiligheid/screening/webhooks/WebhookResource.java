package nl.kennisveiligheid.screening.webhooks;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import nl.kennisveiligheid.screening.common.EmptyBody;
import nl.kennisveiligheid.screening.common.PublicUrl;
import nl.kennisveiligheid.screening.security.CallerInstitution;
import nl.kennisveiligheid.screening.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An HR system's webhook endpoints for its own institution's case events (Standard Webhooks). */
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.HR_SYSTEM)
@Tag(name = "webhooks", description = "Case events pushed to the institution's endpoints, signed as Standard Webhooks specifies")
public class WebhookResource {

    @Inject
    PublicUrl publicUrl;

    @Inject
    WebhookService webhooks;

    @Inject
    CallerInstitution caller;

    /** A new endpoint. */
    public record Subscription(
            @NotBlank @Size(max = 2000) @Schema(description = "https URL of a public host (http to loopback only in local "
                    + "mode); redirects are not followed") String url,
            @Size(max = 20) @Schema(description = "The event types to receive; all when left out")
            List<@NotBlank @Size(max = 100) String> eventTypes) {}

    /** Which of the institution's events to send again. */
    public record Redelivery(@NotNull @Min(1) Long fromSequence, @NotNull @Min(1) Long toSequence) {}

    /** How many events were queued again. */
    public record Queued(int queued) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createWebhook", summary = "Subscribe an endpoint to the institution's case events",
            description = "The endpoint receives every event (or those of `eventTypes`) that happens from now on, one at a "
                    + "time in `sequence` order, as a POST with the event as its JSON body and the headers `webhook-id` (the "
                    + "event id, the same on every retry), `webhook-timestamp` and `webhook-signature` (`v1,` and the base64 "
                    + "HMAC-SHA256 of `id.timestamp.body` under the secret). The answer carries `secret` (`whsec_...`) this "
                    + "once. A 2xx is delivered; 410 disables the endpoint; anything else is retried over about three days "
                    + "(429 and 5xx honour Retry-After), then the endpoint is disabled. URLs resolving to loopback, private, "
                    + "link-local or metadata addresses are refused.")
    @APIResponse(responseCode = "201", description = "The endpoint, with its secret shown this once",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookService.Created.class)))
    @APIResponse(responseCode = "409", description = "The institution has the most endpoints it may have")
    public Response create(@NotNull @Valid Subscription body) {
        WebhookService.Created created = webhooks.create(caller.require(), body.url(), body.eventTypes());
        return Response.created(publicUrl.of("/api/v1/webhooks/" + created.id())).entity(created).build();
    }

    @GET
    @Operation(operationId = "listWebhooks", summary = "The institution's endpoints",
            description = "Every endpoint that is not deleted, with its status (ACTIVE or DISABLED and why). Secrets are never shown again.")
    public List<WebhookService.Webhook> list() {
        return webhooks.list(caller.require());
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteWebhook", summary = "Remove an endpoint", description = "Nothing more is sent to it.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such endpoint of the institution")
    public Response delete(@PathParam("id") UUID id) {
        webhooks.delete(caller.require(), id);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/secret-rotation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rotateWebhookSecret", summary = "Give an endpoint a new secret",
            description = "Returns the new secret this once. For a day (`previousSecretValidUntil`) deliveries carry two "
                    + "signatures, space-delimited, one per secret, so the receiver can switch without losing any. The body "
                    + "is an empty object.")
    @APIResponse(responseCode = "200", description = "The new secret")
    @APIResponse(responseCode = "404", description = "No such endpoint of the institution")
    public WebhookService.Rotated rotate(@PathParam("id") UUID id, EmptyBody body) {
        return webhooks.rotate(caller.require(), id);
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "What was sent to an endpoint, and how it answered",
            description = "The endpoint (with why it was disabled, if it was) and its latest deliveries, newest first: the "
                    + "event's sequence and webhook-id, PENDING, DELIVERED or FAILED, attempts, the last response code or "
                    + "error, and when the next attempt is due.")
    @APIResponse(responseCode = "200", description = "The endpoint and its latest deliveries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookService.Deliveries.class)))
    @APIResponse(responseCode = "404", description = "No such endpoint of the institution")
    public WebhookService.Deliveries deliveries(@PathParam("id") UUID id,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return webhooks.deliveries(caller.require(), id, limit);
    }

    @POST
    @Path("/{id}/redelivery")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "redeliverWebhookEvents", summary = "Send a range of events again",
            description = "Queues the institution's events `fromSequence` to `toSequence` (of the endpoint's types) for "
                    + "delivery again, before anything newer, with their original webhook-id; a disabled endpoint is "
                    + "enabled again. At most 10,000 events at once.")
    @APIResponse(responseCode = "202", description = "Queued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Queued.class)))
    @APIResponse(responseCode = "404", description = "No such endpoint of the institution")
    public Response redeliver(@PathParam("id") UUID id, @NotNull @Valid Redelivery body) {
        return Response.accepted(new Queued(webhooks.redeliver(caller.require(), id, body.fromSequence(), body.toSequence())))
                .build();
    }
}
