package nl.kennisveiligheid.screening.intake;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.UUID;
import nl.kennisveiligheid.screening.common.CaseStatus;
import nl.kennisveiligheid.screening.common.EmptyBody;
import nl.kennisveiligheid.screening.common.InvalidInputException;
import nl.kennisveiligheid.screening.security.CallerInstitution;
import nl.kennisveiligheid.screening.security.Roles;
import nl.kennisveiligheid.screening.triage.Assessment;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The HR-facing API: screening requests of the caller's own institution. */
@Path("/api/v1/screenings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "screenings", description = "Screening requests of the caller's institution")
public class ScreeningResource {

    @Inject
    IntakeService intake;

    @Inject
    ObjectionService objections;

    @Inject
    CallerInstitution caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.HR_SYSTEM)
    @Operation(summary = "Submit a screening request; the same body again gives 200 with the same case, a different "
            + "body with the same externalReference a 409")
    public Response submit(@NotNull @Valid ScreeningRequest request, @Context UriInfo uri) {
        IntakeService.Submitted submitted = intake.submit(caller.require(), request);
        if (submitted.created()) {
            return Response.created(uri.getAbsolutePathBuilder().path(submitted.view().id().toString()).build())
                    .entity(submitted.view()).build();
        }
        return Response.ok(submitted.view()).build();
    }

    @POST
    @Path("/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.HR_SYSTEM, Roles.LEGAL_OFFICER})
    @Operation(summary = "Non-binding pre-check: the assessment the request would get now; nothing is stored or published")
    public Assessment preview(@NotNull @Valid ScreeningRequest request) {
        return intake.preview(request);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.HR_SYSTEM)
    @Operation(summary = "One case of the caller's institution")
    public CaseView get(@PathParam("id") UUID id) {
        return intake.get(caller.require(), id);
    }

    @GET
    @RolesAllowed(Roles.HR_SYSTEM)
    @Operation(summary = "The caller's cases, newest first, optionally of one status")
    public CaseView.Page list(@QueryParam("status") String status,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return intake.list(caller.require(), parseStatus(status), page, size);
    }

    @POST
    @Path("/{id}/withdrawal")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.HR_SYSTEM)
    @Operation(summary = "Withdraw an open case")
    public CaseView withdraw(@PathParam("id") UUID id, EmptyBody body) {
        return intake.withdraw(caller.require(), id);
    }

    @POST
    @Path("/{id}/objections")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.HR_SYSTEM)
    @Operation(summary = "Lodge an objection (bezwaar) against the decision, within the policy's objection period")
    public CaseView object(@PathParam("id") UUID id, @NotNull @Valid ObjectionBody body) {
        return objections.object(caller.require(), id, body.grounds());
    }

    /** The grounds of an objection. */
    public record ObjectionBody(@jakarta.validation.constraints.NotBlank
            @jakarta.validation.constraints.Size(max = 10_000) @nl.kennisveiligheid.screening.common.PlainText String grounds) {}

    private static CaseStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return CaseStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status", "must be one of " + Arrays.toString(CaseStatus.values()));
        }
    }
}
