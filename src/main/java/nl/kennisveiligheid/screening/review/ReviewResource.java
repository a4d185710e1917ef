package nl.kennisveiligheid.screening.review;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import nl.kennisveiligheid.screening.common.CaseStatus;
import nl.kennisveiligheid.screening.common.EmptyBody;
import nl.kennisveiligheid.screening.common.InvalidInputException;
import nl.kennisveiligheid.screening.security.CallerIdentity;
import nl.kennisveiligheid.screening.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Legal officers work the queue of flagged cases and decide them. */
@Path("/api/v1/reviews")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.LEGAL_OFFICER)
@Tag(name = "reviews", description = "The legal officers' queue and decisions")
public class ReviewResource {

    @Inject
    ReviewService reviews;

    @Inject
    CallerIdentity caller;

    @GET
    @Operation(summary = "The queue, oldest deadline first; state one of FLAGGED, IN_REVIEW, REFUSAL_PROPOSED, OBJECTED; "
            + "assignee a user name")
    public List<ReviewViews.QueueItem> queue(@QueryParam("state") String state, @QueryParam("assignee") String assignee) {
        return reviews.queue(parseState(state), assignee);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A case in full: request, assessment with explanations, decisions and history")
    public ReviewViews.CaseDetail detail(@PathParam("id") UUID id) {
        return reviews.detail(id);
    }

    @POST
    @Path("/{id}/assignment")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Take a case (a taken case is a 409)")
    public ReviewViews.CaseDetail assign(@PathParam("id") UUID id, EmptyBody body) {
        return reviews.assign(id, officer());
    }

    @POST
    @Path("/{id}/release")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Give a taken case back to the queue")
    public ReviewViews.CaseDetail release(@PathParam("id") UUID id, EmptyBody body) {
        return reviews.release(id, officer());
    }

    @POST
    @Path("/{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decide a taken case; REFUSED becomes a proposal that a second officer confirms")
    public ReviewViews.CaseDetail decide(@PathParam("id") UUID id, @NotNull @Valid ReviewBodies.DecisionBody body) {
        return reviews.decide(id, officer(), body);
    }

    @POST
    @Path("/{id}/confirmation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A second officer confirms a proposed refusal (agree) or sends it back")
    public ReviewViews.CaseDetail confirm(@PathParam("id") UUID id, @NotNull @Valid ReviewBodies.ConfirmationBody body) {
        return reviews.confirm(id, officer(), body);
    }

    @POST
    @Path("/{id}/extension")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Extend the deadline once, with a reason")
    public ReviewViews.CaseDetail extend(@PathParam("id") UUID id, @NotNull @Valid ReviewBodies.ExtensionBody body) {
        return reviews.extend(id, officer(), body);
    }

    private ReviewService.Officer officer() {
        return new ReviewService.Officer(caller.officerId(), caller.userName());
    }

    private static CaseStatus parseState(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        return Arrays.stream(CaseStatus.values())
                .filter(s -> s.name().equals(state) && ReviewService.QUEUE.contains(s)).findFirst()
                .orElseThrow(() -> new InvalidInputException("state", "must be one of " + ReviewService.QUEUE.stream()
                        .map(Enum::name).sorted().toList()));
    }
}
