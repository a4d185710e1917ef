package nl.kennisveiligheid.screening.intake;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.kennisveiligheid.screening.cases.CaseLifecycle;
import nl.kennisveiligheid.screening.cases.InstitutionEvents;
import nl.kennisveiligheid.screening.cases.ScreeningCase;
import nl.kennisveiligheid.screening.common.CanonicalJson;
import nl.kennisveiligheid.screening.common.CaseStatus;
import nl.kennisveiligheid.screening.common.InvalidInputException;
import nl.kennisveiligheid.screening.common.Problem.FieldError;
import nl.kennisveiligheid.screening.common.ProblemException;
import nl.kennisveiligheid.screening.decision.AutomatedReasoning;
import nl.kennisveiligheid.screening.decision.CaseSnapshot;
import nl.kennisveiligheid.screening.decision.Decision;
import nl.kennisveiligheid.screening.policy.CompiledPolicy;
import nl.kennisveiligheid.screening.policy.PolicyService;
import nl.kennisveiligheid.screening.privacy.SubjectLinks;
import nl.kennisveiligheid.screening.triage.Assessment;
import nl.kennisveiligheid.screening.judgements.JudgementService;
import nl.kennisveiligheid.screening.triage.Judgements;
import nl.kennisveiligheid.screening.triage.Triage;

/**
 * Receives screening requests: checks them, assesses them with the policy in effect, and stores the
 * case with its status (and, for NOT_REQUIRED and CLEARED, its automated binding decision) in one
 * transaction. Idempotent on (institution, externalReference) through the database's unique
 * constraint, so concurrent duplicates cannot create two cases.
 */
@ApplicationScoped
public class IntakeService {

    @Inject
    PolicyService policies;

    @Inject
    CaseLifecycle lifecycle;

    @Inject
    Clock clock;

    @Inject
    SubjectLinks subjectLinks;

    @Inject
    InstitutionEvents events;

    @Inject
    JudgementService judgements;

    /** The outcome of a submission: the case, and whether this call created it. */
    public record Submitted(CaseView view, boolean created) {}

    /**
     * The assessment a request would get now, with nothing stored and nothing published; for a caller
     * without an institution (an officer trying a request), only judgements for every institution apply.
     */
    public Assessment preview(String institution, ScreeningRequest request) {
        CompiledPolicy policy = policies.current();
        check(request, policy);
        return assess(request, policy, institution, clock.instant());
    }

    /**
     * Triage, then the officers' confirmed judgements on the entries it matched: asked for only when a
     * case would be flagged by a match with the list, so most requests read no judgement at all.
     */
    private Assessment assess(ScreeningRequest request, CompiledPolicy policy, String institution, Instant at) {
        Assessment assessment = Triage.assess(TriageInputs.of(request), policy.triage());
        if (assessment.outcome() != Assessment.Outcome.FLAGGED) {
            return assessment;
        }
        java.util.Set<String> entries = new java.util.HashSet<>();
        assessment.indicators().stream().filter(Assessment.Indicator::matchesListEntry)
                .forEach(i -> entries.add(i.listEntry()));
        java.time.LocalDate day = java.time.LocalDate.ofInstant(at, nl.kennisveiligheid.screening.periods.LegalCalendar.LEGAL_ZONE);
        return Judgements.apply(assessment, policy.triage(), judgements.activeOn(day, entries), institution, day);
    }

    @Transactional
    public Submitted submit(String institution, ScreeningRequest request) {
        String requestJson = CanonicalJson.string(request);
        String requestHash = CanonicalJson.sha256Hex(requestJson.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        // Receipt time and policy version are read together, while no publication can commit in between.
        policies.holdPublications();
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        CompiledPolicy policy = policies.inEffectAt(receivedAt);
        List<FieldError> errors = RequestRules.check(request, policy.triage().areaNames(), policy.version());
        if (!errors.isEmpty()) {
            // A retry of a request stored earlier is answered with its case, whatever today's policy says of it.
            return existing(institution, request.externalReference(), requestHash)
                    .orElseThrow(() -> new InvalidInputException(errors));
        }
        Assessment assessment = assess(request, policy, institution, receivedAt);
        String assessmentJson = CanonicalJson.string(assessment);
        UUID id = UUID.randomUUID();
        CaseStatus status = switch (assessment.outcome()) {
            case NOT_REQUIRED -> CaseStatus.NOT_REQUIRED;
            case CLEARED -> CaseStatus.CLEARED;
            case FLAGGED -> CaseStatus.FLAGGED;
        };
        Optional<ScreeningCase> received = lifecycle.receive(new CaseLifecycle.Received(id, institution,
                request.externalReference(), requestHash, requestJson, status, policy.version(), policy.contentHash(),
                assessmentJson, receivedAt, policy.document().deadlines(), policy.calendar(),
                request.position().endDate()));
        if (received.isEmpty()) {
            return existing(institution, request.externalReference(), requestHash).orElseThrow();
        }
        ScreeningCase stored = received.get();
        subjectLinks.link(id, request.candidate().fullName(), request.candidate().dateOfBirth().toString());
        Decision decision = status == CaseStatus.FLAGGED ? null
                : lifecycle.decideAutomatically(stored, AutomatedReasoning.of(assessment), CaseSnapshot.received(
                        institution, requestJson, assessmentJson, assessment, request.candidate().fullName(),
                        request.candidate().dateOfBirth().toString()));
        return new Submitted(CaseView.of(stored, decision, request, assessment), true);
    }

    /** The case an earlier request with this reference created; a different request under it is a 409. */
    private Optional<Submitted> existing(String institution, String externalReference, String requestHash) {
        ScreeningCase existing = ScreeningCase.find("institution = ?1 and externalReference = ?2", institution,
                externalReference).firstResult();
        if (existing == null) {
            return Optional.empty();
        }
        if (!existing.requestHash.equals(requestHash)) {
            throw ProblemException.conflict("reference-reused", "A different request with this externalReference "
                    + "already exists for your institution (case " + existing.id + "); use a new externalReference.");
        }
        return Optional.of(new Submitted(CaseView.of(existing, Decision.latestFor(existing.id)), false));
    }

    public CaseView get(String institution, UUID id) {
        ScreeningCase c = ScreeningCase.findOwn(id, institution);
        if (c == null) {
            throw ProblemException.notFound("Case " + id);
        }
        return view(c);
    }

    /** What a case list may be narrowed by; null members do not narrow. */
    public record ListFilter(CaseStatus status, Instant updatedSince, String externalReference) {}

    public CaseView.Page list(String institution, ListFilter filter, int page, int size) {
        StringBuilder where = new StringBuilder("institution = :institution");
        java.util.Map<String, Object> parameters = new java.util.HashMap<>();
        parameters.put("institution", institution);
        if (filter.status() != null) {
            where.append(" and status = :status");
            parameters.put("status", filter.status());
        }
        if (filter.updatedSince() != null) {
            where.append(" and updatedAt >= :updatedSince");
            parameters.put("updatedSince", filter.updatedSince());
        }
        if (filter.externalReference() != null) {
            where.append(" and externalReference = :externalReference");
            parameters.put("externalReference", filter.externalReference());
        }
        var query = ScreeningCase.find(where.toString(), Sort.descending("receivedAt").and("id"), parameters);
        long total = query.count();
        List<CaseView.Summary> items = query.page(Page.of(page, size)).<ScreeningCase>list().stream()
                .map(CaseView::summary).toList();
        return new CaseView.Page(items, page, size, total, (int) ((total + size - 1) / size));
    }

    public List<nl.kennisveiligheid.screening.cases.CaseEvent> changes(String institution, long after, int limit) {
        return events.after(institution, after, limit).stream().map(InstitutionEvents.Sequenced::typed).toList();
    }

    @Transactional
    public CaseView withdraw(String institution, UUID id) {
        return view(lifecycle.withdraw(id, institution));
    }

    /** The institution's answer to the open question on its case. */
    @Transactional
    public CaseView answer(String institution, UUID id, String answer) {
        return view(lifecycle.answer(id, institution, answer));
    }

    static CaseView view(ScreeningCase c) {
        return CaseView.of(c, Decision.latestFor(c.id));
    }

    private static void check(ScreeningRequest request, CompiledPolicy policy) {
        List<FieldError> errors = RequestRules.check(request, policy.triage().areaNames(), policy.version());
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
