package nl.kennisveiligheid.screening.console;

import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import nl.kennisveiligheid.screening.cases.OfficerActions;
import nl.kennisveiligheid.screening.common.CaseStatus;
import nl.kennisveiligheid.screening.common.InvalidInputException;
import nl.kennisveiligheid.screening.common.Problem;
import nl.kennisveiligheid.screening.figures.Figure;
import nl.kennisveiligheid.screening.figures.FigureCsv;
import nl.kennisveiligheid.screening.figures.FigureQueries;
import nl.kennisveiligheid.screening.figures.Period;
import nl.kennisveiligheid.screening.common.ProblemException;
import nl.kennisveiligheid.screening.review.ReviewBodies;
import nl.kennisveiligheid.screening.review.ReviewService;
import nl.kennisveiligheid.screening.review.ReviewViews;
import nl.kennisveiligheid.screening.security.CallerIdentity;
import nl.kennisveiligheid.screening.security.Roles;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The legal officers' web console: the queue, a case in full, and the actions the workflow leaves
 * this officer now. Every action goes through {@link ReviewService}, which refuses what the rules
 * forbid whether or not the page offered it. Forms post and redirect (303), so a reload never
 * repeats an action.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.LEGAL_OFFICER)
@io.smallrye.faulttolerance.api.ApplyGuard(nl.kennisveiligheid.screening.load.EndpointGuards.CONSOLE)
@nl.kennisveiligheid.screening.load.WaitLimited
public class ConsoleResource {

    @Inject
    ReviewService reviews;

    @Inject
    nl.kennisveiligheid.screening.review.OfficerDirectory directory;

    @Inject
    CallerIdentity caller;

    @Inject
    nl.kennisveiligheid.screening.review.TeamOverview team;

    @Inject
    FigureQueries figureQueries;

    @Inject
    AuditPages auditPages;

    @Inject
    PolicyPages policyPages;

    @Inject
    nl.kennisveiligheid.screening.policy.PolicyService policies;

    @Inject
    nl.kennisveiligheid.screening.replay.ReplayService replays;

    @Inject
    SecurityIdentity identity;

    @Inject
    ConsoleSessions sessions;

    @Inject
    Validator validator;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    @CookieParam(ConsoleLocale.COOKIE)
    String chosenLanguage;

    /**
     * The console's home: the queue for officers and leads, the audit pages for auditors, the
     * policies for policy administrators; {@code view=archive} lists the cases that left the queue.
     */
    @GET
    @RolesAllowed({Roles.LEGAL_OFFICER, Roles.REVIEW_LEAD, Roles.AUDITOR, Roles.POLICY_ADMIN})
    public Response queue(@QueryParam("view") String view,
            @QueryParam("q") @jakarta.validation.constraints.Size(max = 200)
            @nl.kennisveiligheid.screening.common.PlainText String text,
            @QueryParam("state") String state,
            @QueryParam("assignee") @jakarta.validation.constraints.Size(max = 200)
            @nl.kennisveiligheid.screening.common.PlainText String assignee,
            @QueryParam("sort") String sort, @QueryParam("page") String pageNumber) {
        ConsolePage page = page();
        if (!page.seesCases()) {
            return Response.seeOther(URI.create(page.auditor() ? "/console/audit" : "/console/policies")).build();
        }
        CaseListQuery filter = CaseListQuery.read(view, text, state, assignee, sort, pageNumber);
        if (page.officer()) {
            officer();
        }
        var found = reviews.search(new ReviewService.Search(filter.state(), blankToNull(filter.assignee()), null, null,
                null, null, null, null, null, filter.page() - 1, CaseListQuery.PAGE_SIZE,
                filter.archive() ? Set.copyOf(CaseListQuery.archiveStates()) : null, blankToNull(filter.text()),
                page.officer(), filter.order()));
        var questions = reviews.openQuestions(found.items().stream().map(ReviewViews.QueueItem::id).toList());
        return Response.ok(render(ConsoleTemplates.queue(page, filter,
                new ConsoleTemplates.CaseList(found.items(), (int) found.total(), filter.page(), questions))))
                .type(MediaType.TEXT_HTML_TYPE).build();
    }

    /** A team lead's page: the load per officer, the cases nobody took by age, and moving a case. */
    @GET
    @Path("/team")
    @RolesAllowed(Roles.REVIEW_LEAD)
    public String team(@QueryParam("case") String caseId, @QueryParam("done") String done) {
        return teamPage(caseId, FormState.none(), "moved".equals(done));
    }

    @POST
    @Path("/team/reassignment")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.REVIEW_LEAD)
    public Response reassign(@RestForm("case") String caseId, @RestForm String assignee, @RestForm String reason) {
        UUID id = uuidOrNull(caseId);
        if (id == null) {
            throw new NotFoundException();
        }
        var body = new ReviewBodies.ReassignmentBody(blankToNull(assignee), reason);
        return submit("reassignment", values("assignee", assignee, "reason", reason),
                () -> reviews.reassign(id, new ReviewService.Officer(caller.officerId(), caller.userName()), valid(body)),
                state -> teamPage(caseId, state, false), "/console/team?done=moved");
    }

    /** The figures a head of unit reports, per month or per week: charts, their tables, CSV downloads. */
    @GET
    @Path("/figures")
    @RolesAllowed({Roles.LEGAL_OFFICER, Roles.REVIEW_LEAD, Roles.AUDITOR})
    public String figures(@QueryParam("period") String period) {
        return render(ConsoleTemplates.figures(page(), figureQueries.compute(Period.named(period), locale())));
    }

    /** One figure as CSV: the same rows and numbers as its table on the page, headed in the page's language. */
    @GET
    @Path("/figures/{figure}.csv")
    @Produces("text/csv")
    @RolesAllowed({Roles.LEGAL_OFFICER, Roles.REVIEW_LEAD, Roles.AUDITOR})
    public Response figureCsv(@PathParam("figure") String key, @QueryParam("period") String period) {
        Period chosen = Period.named(period);
        Figure figure = figureQueries.compute(chosen, locale()).figure(key);
        if (figure == null) {
            throw new NotFoundException();
        }
        ConsoleMessages words = io.quarkus.qute.i18n.MessageBundles.get(ConsoleMessages.class,
                io.quarkus.qute.i18n.Localized.Literal.of(lang()));
        String csv = FigureCsv.of(figure, words.rowHeader(key), figure.series().stream().map(words::seriesName).toList());
        return Response.ok(csv, "text/csv; charset=utf-8").header("Content-Disposition",
                "attachment; filename=\"" + key + "-" + chosen.sqlUnit + ".csv\"").build();
    }

    /** The auditor's page: the current checkpoint and keys, starting a replay, past replays, a case's events. */
    @GET
    @Path("/audit")
    @RolesAllowed(Roles.AUDITOR)
    public String audit() throws java.sql.SQLException {
        return render(ConsoleTemplates.audit(page(), auditPages.overview(), FormState.none()));
    }

    @POST
    @Path("/audit/replays")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.AUDITOR)
    public Response startReplay(@RestForm String checkpoint) throws java.sql.SQLException {
        String trusted = blankToNull(checkpoint);
        Map<String, String> typed = values("checkpoint", checkpoint);
        if (trusted != null && trusted.length() > 4096) {
            return page(400, ConsoleTemplates.audit(page(), auditPages.overview(),
                    new FormState("replay", typed, List.of(new FormState.FieldProblem("checkpoint", "tooLong")), null)));
        }
        try {
            var started = replays.start(caller.officerId(), trusted);
            return Response.seeOther(URI.create("/console/audit/replays/" + started.id())).build();
        } catch (ProblemException e) {
            return page(e.status(), ConsoleTemplates.audit(page(), auditPages.overview(),
                    new FormState("replay", typed, List.of(), e.slug())));
        }
    }

    /** A replay's report; while it runs the page refreshes itself, so the auditor can watch without scripts. */
    @GET
    @Path("/audit/replays/{id}")
    @RolesAllowed(Roles.AUDITOR)
    public String replay(@PathParam("id") UUID id) {
        try {
            return render(ConsoleTemplates.replay(page(), replays.find(id)));
        } catch (ProblemException e) {
            throw new NotFoundException();
        }
    }

    /** One case's events on the log, by case id or external reference, with their inclusion proofs. */
    @GET
    @Path("/audit/cases")
    @RolesAllowed(Roles.AUDITOR)
    public String auditCase(@QueryParam("q") @jakarta.validation.constraints.Size(max = 200)
            @nl.kennisveiligheid.screening.common.PlainText String text) throws java.sql.SQLException {
        List<AuditPages.CaseMatch> found = auditPages.find(text);
        AuditPages.CaseLog log = found.size() == 1 ? auditPages.events(found.get(0), List.of()) : null;
        return render(ConsoleTemplates.auditCase(page(), text == null ? "" : text.strip(), found, log));
    }

    /** The policy versions with their state, a diff between any two, and (for administrators) an upload. */
    @GET
    @Path("/policies")
    @RolesAllowed({Roles.POLICY_ADMIN, Roles.LEGAL_OFFICER, Roles.REVIEW_LEAD})
    public String policies() {
        return render(ConsoleTemplates.policies(page(), policyPages.versions(), UploadState.none()));
    }

    @GET
    @Path("/policies/diff")
    @RolesAllowed({Roles.POLICY_ADMIN, Roles.LEGAL_OFFICER, Roles.REVIEW_LEAD})
    public String policyDiff(@QueryParam("from") @nl.kennisveiligheid.screening.policy.VersionId String from,
            @QueryParam("to") @nl.kennisveiligheid.screening.policy.VersionId String to) {
        if (from == null || to == null || policyPages.version(from).isEmpty() || policyPages.version(to).isEmpty()) {
            throw new NotFoundException();
        }
        return render(ConsoleTemplates.policyDiff(page(), from, to, policyPages.diff(from, to)));
    }

    @GET
    @Path("/policies/versions/{version}")
    @RolesAllowed({Roles.POLICY_ADMIN, Roles.LEGAL_OFFICER, Roles.REVIEW_LEAD})
    public String policyVersion(@PathParam("version") @nl.kennisveiligheid.screening.policy.VersionId String version, @QueryParam("done") String done) {
        return policyVersionPage(version, FormState.none(), UploadState.none(), done);
    }

    /** A draft uploaded as a YAML or JSON file; replacing a draft carries the ETag of the draft the page showed. */
    @POST
    @Path("/policies/drafts")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Roles.POLICY_ADMIN)
    public Response uploadDraft(@RestForm("document") org.jboss.resteasy.reactive.multipart.FileUpload document,
            @RestForm String replaces) throws java.io.IOException {
        String replacing = blankToNull(replaces);
        UploadState refused;
        try {
            if (document == null || document.uploadedFile() == null || document.size() == 0) {
                throw new PolicyPages.Unreadable(PolicyPages.DocumentProblem.reading("", "NO_FILE", "no file"));
            }
            var parsed = PolicyPages.read(java.nio.file.Files.readString(document.uploadedFile()));
            var stored = policies.create(parsed, caller.officerId(), replacing);
            return Response.seeOther(URI.create("/console/policies/versions/"
                    + java.net.URLEncoder.encode(stored.version().version, java.nio.charset.StandardCharsets.UTF_8)
                    + "?done=uploaded")).build();
        } catch (PolicyPages.Unreadable e) {
            refused = new UploadState(List.of(e.problem()), null);
        } catch (java.nio.charset.MalformedInputException e) {
            refused = new UploadState(List.of(PolicyPages.DocumentProblem.reading("", "NOT_UTF8", "not UTF-8 text")), null);
        } catch (InvalidInputException e) {
            refused = new UploadState(PolicyPages.problemsOf(e), null);
        } catch (ProblemException e) {
            refused = new UploadState(List.of(), e.slug());
        }
        return page(refused.refusal() == null ? 400 : 409, ConsoleTemplates.policies(page(), policyPages.versions(), refused));
    }

    @POST
    @Path("/policies/versions/{version}/publication")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.POLICY_ADMIN)
    public Response proposePublication(@PathParam("version") @nl.kennisveiligheid.screening.policy.VersionId String version, @RestForm String effectiveFrom) {
        java.time.Instant from;
        try {
            from = effectiveFrom == null || effectiveFrom.isBlank() ? null : java.time.LocalDate.parse(effectiveFrom.strip())
                    .atStartOfDay(nl.kennisveiligheid.screening.periods.LegalCalendar.LEGAL_ZONE).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return page(400, policyVersionTemplate(version, new FormState("publication", values("effectiveFrom", effectiveFrom),
                    List.of(new FormState.FieldProblem("effectiveFrom", "invalid")), null), UploadState.none(), null));
        }
        return policyAction(version, "publication", values("effectiveFrom", effectiveFrom), "proposed",
                () -> policies.proposePublication(version, from, caller.officerId()));
    }

    @POST
    @Path("/policies/versions/{version}/confirmation")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.POLICY_ADMIN)
    public Response confirmPublication(@PathParam("version") @nl.kennisveiligheid.screening.policy.VersionId String version) {
        return policyAction(version, "confirmation", Map.of(), "published",
                () -> policies.confirmPublication(version, caller.officerId()));
    }

    @POST
    @Path("/policies/versions/{version}/cancellation")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.POLICY_ADMIN)
    public Response cancelPublication(@PathParam("version") @nl.kennisveiligheid.screening.policy.VersionId String version) {
        return policyAction(version, "cancellation", Map.of(), "cancelled",
                () -> policies.cancel(version, caller.officerId()));
    }

    private Response policyAction(String version, String form, Map<String, String> typed, String done,
            Supplier<nl.kennisveiligheid.screening.policy.PolicyVersion> change) {
        return submit(form, typed, change::get,
                state -> render(policyVersionTemplate(version, state, UploadState.none(), null)),
                "/console/policies/versions/" + java.net.URLEncoder.encode(version, java.nio.charset.StandardCharsets.UTF_8)
                        + "?done=" + done);
    }

    private String policyVersionPage(String version, FormState form, UploadState upload, String done) {
        return render(policyVersionTemplate(version, form, upload, done));
    }

    private TemplateInstance policyVersionTemplate(String version, FormState form, UploadState upload, String done) {
        List<PolicyPages.VersionRow> all = policyPages.versions();
        var row = all.stream().filter(v -> v.version().equals(version)).findFirst().orElseThrow(NotFoundException::new);
        // The version before it in the list (newest first) is what it is compared with by default.
        String previous = all.stream().dropWhile(v -> v != row).skip(1).findFirst()
                .map(PolicyPages.VersionRow::version).orElse(null);
        String completed = done != null && List.of("uploaded", "proposed", "published", "cancelled").contains(done) ? done : null;
        return ConsoleTemplates.policyVersion(page(), row, previous, policyPages.rescreening(version),
                caller.officerId(), form, upload, completed);
    }

    private String teamPage(String caseId, FormState form, boolean moved) {
        UUID id = uuidOrNull(caseId);
        ReviewViews.CaseDetail moving = null;
        if (id != null) {
            try {
                moving = reviews.detail(id);
            } catch (ProblemException e) {
                throw new NotFoundException();
            }
        }
        return render(ConsoleTemplates.team(page(), team.perOfficer(), team.unassignedByAge(), team.longestWaiting(25),
                team.officers(), moving, form, moved));
    }

    private static UUID uuidOrNull(String value) {
        try {
            return value == null || value.isBlank() ? null : UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw new NotFoundException();
        }
    }

    @GET
    @Path("/cases/{id}")
    @RolesAllowed({Roles.LEGAL_OFFICER, Roles.REVIEW_LEAD})
    public String caseDetail(@PathParam("id") UUID id, @QueryParam("done") String done) {
        OfficerActions.Action completed = Arrays.stream(OfficerActions.Action.values())
                .filter(a -> a.name().equals(done)).findFirst().orElse(null);
        return caseResponse(id, FormState.none(), completed);
    }

    @POST
    @Path("/cases/{id}/take")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response take(@PathParam("id") UUID id) {
        return act(id, OfficerActions.Action.TAKE, "take", Map.of(), () -> reviews.assign(id, officer()));
    }

    @POST
    @Path("/cases/{id}/release")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response release(@PathParam("id") UUID id) {
        return act(id, OfficerActions.Action.RELEASE, "release", Map.of(), () -> reviews.release(id, officer()));
    }

    @POST
    @Path("/cases/{id}/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(@PathParam("id") UUID id, @RestForm String outcome, @RestForm String reasoning,
            @RestForm String conditions) {
        List<String> lines = conditions == null ? List.of()
                : conditions.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        var body = new ReviewBodies.DecisionBody(blankToNull(outcome), reasoning, lines);
        return act(id, OfficerActions.Action.DECIDE, "decision",
                values("outcome", outcome, "reasoning", reasoning, "conditions", conditions),
                () -> reviews.decide(id, officer(), valid(body)));
    }

    @POST
    @Path("/cases/{id}/confirmation")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response confirm(@PathParam("id") UUID id, @RestForm String agree, @RestForm String reasoning) {
        Boolean agrees = "yes".equals(agree) ? Boolean.TRUE : "no".equals(agree) ? Boolean.FALSE : null;
        var body = new ReviewBodies.ConfirmationBody(agrees, reasoning);
        return act(id, OfficerActions.Action.CONFIRM, "confirmation", values("agree", agree, "reasoning", reasoning),
                () -> reviews.confirm(id, officer(), valid(body)));
    }

    @POST
    @Path("/cases/{id}/extension")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response extend(@PathParam("id") UUID id, @RestForm String reason) {
        var body = new ReviewBodies.ExtensionBody(reason);
        return act(id, OfficerActions.Action.EXTEND, "extension", values("reason", reason),
                () -> reviews.extend(id, officer(), false, valid(body)));
    }

    @POST
    @Path("/cases/{id}/information-request")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response requestInformation(@PathParam("id") UUID id, @RestForm String question, @RestForm String replyBy) {
        var body = new ReviewBodies.InformationRequestBody(question, replyBy);
        return act(id, OfficerActions.Action.REQUEST_INFORMATION, "information",
                values("question", question, "replyBy", replyBy),
                () -> reviews.requestInformation(id, officer(), valid(body)));
    }

    @POST
    @Path("/cases/{id}/late-objection-admission")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response admitLateObjection(@PathParam("id") UUID id, @RestForm String reason) {
        var body = new ReviewBodies.AdmissionBody(reason);
        return act(id, OfficerActions.Action.ADMIT_LATE_OBJECTION, "admission", values("reason", reason),
                () -> reviews.admitLateObjection(id, officer(), valid(body)));
    }

    /**
     * Ends the session on every replica before the identity provider's sign-out, so that a copy of
     * the session cookie is refused from now on (Quarkus's logout path then ends the Keycloak session).
     */
    @POST
    @Path("/sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut() {
        ConsoleSessions.sessionId(identity).ifPresent(sessions::end);
        return Response.seeOther(URI.create("/console/logout")).build();
    }

    /** Switches the console's language and returns to the page the officer was on. */
    @GET
    @Path("/language/{lang}")
    @PermitAll
    public Response language(@PathParam("lang") String lang, @QueryParam("next") String next) {
        String chosen = ConsoleLocale.supported(lang).orElseThrow(NotFoundException::new);
        NewCookie cookie = new NewCookie.Builder(ConsoleLocale.COOKIE).value(chosen).path("/console")
                .maxAge(365 * 24 * 3600).httpOnly(true).sameSite(NewCookie.SameSite.LAX).build();
        return Response.seeOther(URI.create(localConsolePath(next))).cookie(cookie).build();
    }

    @GET
    @Path("/signed-out")
    @PermitAll
    public String signedOut() {
        return render(ConsoleTemplates.notice(new ConsolePage(lang(), null, "/console/signed-out"), "signed-out"));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return page(403, ConsoleTemplates.notice(page(), "forbidden"));
    }

    @ServerExceptionMapper
    public Response overloaded(org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException e) {
        return Response.fromResponse(page(503, ConsoleTemplates.notice(page(), "overloaded")))
                .header(HttpHeaders.RETRY_AFTER, "1").build();
    }

    /** A query value the console cannot use (a filter with control characters, far too long). */
    @ServerExceptionMapper
    public Response badValue(jakarta.validation.ConstraintViolationException e) {
        return page(400, ConsoleTemplates.notice(page(), "bad-request"));
    }

    @ServerExceptionMapper
    public Response formRefused(FormRefused e) {
        return page(e.status(), ConsoleTemplates.notice(page(), "form-refused"));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return page(404, ConsoleTemplates.notice(page(), "not-found"));
    }

    private Response act(UUID id, OfficerActions.Action action, String form, Map<String, String> values,
            Supplier<ReviewViews.CaseDetail> change) {
        return submit(form, values, change::get, state -> caseResponse(id, state, null),
                "/console/cases/" + id + "?done=" + action.name());
    }

    /**
     * Carries out a form's action: done, the browser is sent on to {@code doneAt} (303, so a reload
     * never repeats it); refused, the same page comes back with the form as typed and why, with the
     * status the API would give. Every console form goes through here, so each refusal reads alike.
     */
    private Response submit(String form, Map<String, String> typed, Runnable change,
            java.util.function.Function<FormState, String> pageAgain, String doneAt) {
        try {
            change.run();
        } catch (InvalidInputException e) {
            var problems = e.errors().stream().map(f -> new FormState.FieldProblem(f.field(), problemKey(f.message())))
                    .toList();
            return html(400, pageAgain.apply(new FormState(form, typed, problems, null)));
        } catch (ProblemException e) {
            if (e.status() == 404) {
                throw new NotFoundException();
            }
            return html(e.status(), pageAgain.apply(new FormState(form, typed, List.of(), e.slug())));
        } catch (jakarta.persistence.OptimisticLockException | org.hibernate.StaleObjectStateException e) {
            return html(409, pageAgain.apply(new FormState(form, typed, List.of(), "concurrent-change")));
        }
        return Response.seeOther(URI.create(doneAt)).build();
    }

    private static Response html(int status, String page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(page).build();
    }

    private String caseResponse(UUID id, FormState form, OfficerActions.Action done) {
        ReviewService.OfficerView view;
        try {
            // A team lead reads every case and moves it from the team page; only officers act on it here.
            view = identity.hasRole(Roles.LEGAL_OFFICER) ? reviews.detailFor(id, officer())
                    : new ReviewService.OfficerView(reviews.detail(id), Set.of());
        } catch (ProblemException e) {
            throw new NotFoundException();
        }
        return render(ConsoleTemplates.caseDetail(page(), view.detail(), view.actions(), form, done));
    }

    private <T> T valid(T body) {
        Set<ConstraintViolation<T>> violations = validator.validate(body);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations.stream()
                    .map(v -> new Problem.FieldError(v.getPropertyPath().toString(), constraintKey(v)))
                    .sorted(Comparator.comparing(Problem.FieldError::field))
                    .toList());
        }
        return body;
    }

    /** A message key for the page, from the constraint that failed. */
    private static String constraintKey(ConstraintViolation<?> violation) {
        String constraint = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        return switch (constraint) {
            case "NotNull", "NotBlank", "NotEmpty" -> "required";
            case "Size" -> "tooLong";
            default -> "invalid";
        };
    }

    /** Service-side rules speak in sentences; the page needs a key it can translate. */
    private static String problemKey(String message) {
        return switch (message) {
            case "required", "tooLong", "invalid" -> message;
            case ReviewService.CONDITIONS_REQUIRED -> "conditionsRequired";
            case ReviewService.CONDITIONS_NOT_ALLOWED -> "conditionsNotAllowed";
            default -> "invalid";
        };
    }

    /** The signed-in officer, made known by user name so that a team lead can give them cases. */
    private ReviewService.Officer officer() {
        ReviewService.Officer officer = new ReviewService.Officer(caller.officerId(), caller.userName());
        directory.remember(officer);
        return officer;
    }

    private ConsolePage page() {
        String name = identity.isAnonymous() ? null : caller.userName();
        return new ConsolePage(lang(), name, uri.getPath(), identity.getRoles());
    }

    private String lang() {
        return ConsoleLocale.choose(chosenLanguage, headers.getAcceptableLanguages());
    }

    private String render(TemplateInstance template) {
        return template.setAttribute("locale", locale()).render();
    }

    /** British English writes dates day-first, as Dutch readers expect. */
    private Locale locale() {
        String lang = lang();
        return Locale.forLanguageTag(lang.equals("en") ? "en-GB" : lang);
    }

    private Response page(int status, TemplateInstance template) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(render(template)).build();
    }

    /** Only a path inside the console: the switch must never send an officer to another site. */
    static String localConsolePath(String next) {
        if (next == null || !next.startsWith("/console") || next.contains("//") || next.contains("\\")
                || next.chars().anyMatch(ch -> ch < 0x21 || ch == 0x7f)) {
            return "/console";
        }
        try {
            // A path that is not a valid URI reference ("/console{") is no page to return to.
            java.net.URI.create(next);
        } catch (IllegalArgumentException e) {
            return "/console";
        }
        return next;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Map<String, String> values(String... pairs) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1] == null ? "" : pairs[i + 1]);
        }
        return values;
    }
}
