package nl.kennisveiligheid.screening.judgements;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import nl.kennisveiligheid.screening.audit.AuditOutbox;
import nl.kennisveiligheid.screening.cases.CaseLifecycle;
import nl.kennisveiligheid.screening.cases.ScreeningCase;
import nl.kennisveiligheid.screening.common.CanonicalJson;
import nl.kennisveiligheid.screening.common.CaseStatus;
import nl.kennisveiligheid.screening.common.InvalidInputException;
import nl.kennisveiligheid.screening.common.ProblemException;
import nl.kennisveiligheid.screening.periods.LegalCalendar;
import nl.kennisveiligheid.screening.policy.CompiledPolicy;
import nl.kennisveiligheid.screening.policy.PolicyService;
import nl.kennisveiligheid.screening.policy.PolicyVersion;
import nl.kennisveiligheid.screening.triage.Assessment;
import nl.kennisveiligheid.screening.triage.Judgements;
import nl.kennisveiligheid.screening.triage.TriagePolicy;

/**
 * Officers' judgements through their life: proposed on a case in review by its assignee, confirmed
 * or rejected by a second officer, revoked by a team lead or a policy administrator. Each step is an
 * event on the log. Only confirmed judgements apply, and only to the list entry's content they were
 * made on, until their last day.
 */
@ApplicationScoped
public class JudgementService {

    @Inject
    Clock clock;

    @Inject
    PolicyService policies;

    @Inject
    AuditOutbox outbox;

    /** Who acts, as the records name them. */
    public record Actor(String id, String name) {}

    @Transactional
    public OfficerJudgement propose(UUID caseId, int index, JudgementBodies.JudgementProposal body, Actor officer) {
        ScreeningCase c = CaseLifecycle.load(caseId);
        if (c.status != CaseStatus.IN_REVIEW) {
            throw ProblemException.conflict("wrong-state", "Case " + caseId + " is " + c.status
                    + "; a judgement is recorded on a case in review.");
        }
        if (!officer.id().equals(c.assignee)) {
            throw ProblemException.conflict("not-assignee", "Only the officer who took case " + caseId
                    + " records a judgement on it; take it first.");
        }
        List<Assessment.Indicator> indicators = CanonicalJson.read(c.assessment, new TypeReference<Assessment>() {})
                .indicators();
        if (index < 0 || index >= indicators.size()) {
            throw ProblemException.notFound("Indicator " + index + " of case " + caseId);
        }
        Assessment.Indicator indicator = indicators.get(index);
        if (!indicator.matchesListEntry()) {
            throw ProblemException.conflict("not-an-entity-match", "Indicator " + index + " is " + indicator.type()
                    + "; only a match with a list entry can be judged not to be that entity.");
        }
        String version = indicator.fromPolicyVersion() != null ? indicator.fromPolicyVersion() : c.policyVersion;
        CompiledPolicy policy = policies.compiled(PolicyVersion.findById(version));
        TriagePolicy.ListedEntityInfo entry = policy.triage().entities().get(indicator.listEntry());
        LocalDate today = today();
        LocalDate validUntil = validUntil(body.validUntil(), today, policies.current().document().judgementMaxMonths());
        OfficerJudgement j = new OfficerJudgement();
        j.id = UUID.randomUUID();
        j.caseId = c.id;
        j.indicatorIndex = index;
        j.institution = c.institution;
        j.scope = body.scope();
        j.verdict = body.verdict();
        j.entityId = entry.id();
        j.entityHash = entry.contentHash();
        j.normalizedText = Judgements.normalized(indicator.matchedText());
        j.policyVersion = version;
        j.validUntil = validUntil;
        j.status = OfficerJudgement.PROPOSED;
        j.reasoning = body.reasoning();
        j.proposedBy = officer.id();
        j.proposedByName = officer.name();
        j.proposedAt = clock.instant();
        j.persist();
        log(AuditOutbox.JUDGEMENT_PROPOSED, j, c, officer, j.proposedAt);
        return j;
    }

    @Transactional
    public OfficerJudgement confirm(UUID id, JudgementBodies.JudgementConfirmation body, Actor officer) {
        OfficerJudgement j = load(id);
        if (!OfficerJudgement.PROPOSED.equals(j.status)) {
            throw ProblemException.conflict("wrong-state", "Judgement " + id + " is " + j.status
                    + "; only a proposed judgement is confirmed.");
        }
        if (officer.id().equals(j.proposedBy)) {
            throw ProblemException.conflict("own-proposal",
                    "A judgement needs a second officer: you cannot confirm your own proposal.");
        }
        Instant now = clock.instant();
        j.status = body.agree() ? OfficerJudgement.ACTIVE : OfficerJudgement.REJECTED;
        j.confirmedBy = officer.id();
        j.confirmedByName = officer.name();
        j.confirmedAt = now;
        j.confirmationReasoning = body.reasoning();
        log(body.agree() ? AuditOutbox.JUDGEMENT_CONFIRMED : AuditOutbox.JUDGEMENT_REJECTED, j,
                ScreeningCase.findById(j.caseId), officer, now);
        return j;
    }

    @Transactional
    public OfficerJudgement revoke(UUID id, JudgementBodies.JudgementRevocation body, Actor actor) {
        OfficerJudgement j = load(id);
        if (!OfficerJudgement.ACTIVE.equals(j.status) && !OfficerJudgement.PROPOSED.equals(j.status)) {
            throw ProblemException.conflict("wrong-state", "Judgement " + id + " is " + j.status
                    + "; only a proposed or active judgement is revoked.");
        }
        Instant now = clock.instant();
        j.status = OfficerJudgement.REVOKED;
        j.revokedBy = actor.id();
        j.revokedByName = actor.name();
        j.revokedAt = now;
        j.revocationReasoning = body.reasoning();
        log(AuditOutbox.JUDGEMENT_REVOKED, j, ScreeningCase.findById(j.caseId), actor, now);
        return j;
    }

    public OfficerJudgement load(UUID id) {
        OfficerJudgement j = OfficerJudgement.findById(id);
        if (j == null) {
            throw ProblemException.notFound("Judgement " + id);
        }
        return j;
    }

    /** Every judgement, newest first, narrowed by stored status and list entry when given. */
    public List<OfficerJudgement> list(String status, String entityId) {
        StringBuilder where = new StringBuilder("1 = 1");
        java.util.Map<String, Object> parameters = new java.util.HashMap<>();
        if (status != null) {
            where.append(" and status = :status");
            parameters.put("status", status);
        }
        if (entityId != null) {
            where.append(" and entityId = :entityId");
            parameters.put("entityId", entityId);
        }
        return OfficerJudgement.list(where + " order by proposedAt desc", parameters);
    }

    /** The confirmed judgements that hold on a day, as triage applies them. */
    public List<Judgements.Judgement> activeOn(LocalDate day) {
        return OfficerJudgement.<OfficerJudgement>list("status = ?1 and validUntil >= ?2", OfficerJudgement.ACTIVE, day)
                .stream().map(JudgementService::applicable).toList();
    }

    /** The confirmed judgements on these list entries that hold on a day: intake asks only for the entries it matched. */
    public List<Judgements.Judgement> activeOn(LocalDate day, java.util.Collection<String> entityIds) {
        if (entityIds.isEmpty()) {
            return List.of();
        }
        return OfficerJudgement.<OfficerJudgement>list("status = ?1 and validUntil >= ?2 and entityId in ?3",
                OfficerJudgement.ACTIVE, day, entityIds).stream().map(JudgementService::applicable).toList();
    }

    /**
     * What the judgement says now: its stored status, or, for an active one, LAPSED once the list entry
     * changed (or left the list) in the version in effect, and EXPIRED after its last day.
     */
    public String effectiveStatus(OfficerJudgement j, TriagePolicy current, LocalDate today) {
        if (!OfficerJudgement.ACTIVE.equals(j.status)) {
            return j.status;
        }
        TriagePolicy.ListedEntityInfo entry = current.entities().get(j.entityId);
        if (entry == null || !entry.contentHash().equals(j.entityHash)) {
            return "LAPSED";
        }
        return j.validUntil.isBefore(today) ? "EXPIRED" : OfficerJudgement.ACTIVE;
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), LegalCalendar.LEGAL_ZONE);
    }

    static Judgements.Judgement applicable(OfficerJudgement j) {
        return new Judgements.Judgement(j.id.toString(), Judgements.Scope.valueOf(j.scope), j.institution, j.entityId,
                j.entityHash, Judgements.keyOfNormalized(j.normalizedText), LocalDate.ofInstant(j.confirmedAt, LegalCalendar.LEGAL_ZONE),
                j.validUntil);
    }

    private static LocalDate validUntil(String value, LocalDate today, int maxMonths) {
        LocalDate until;
        try {
            until = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("validUntil", "must be a date as YYYY-MM-DD");
        }
        if (!until.isAfter(today)) {
            throw new InvalidInputException("validUntil", "must be after today");
        }
        if (until.isAfter(today.plusMonths(maxMonths))) {
            throw new InvalidInputException("validUntil", "must be at most " + maxMonths
                    + " months ahead (the policy's judgements.maxMonths): " + today.plusMonths(maxMonths) + " or earlier");
        }
        return until;
    }

    /** On the log: which judgement, on which entry of which content, for whom; the text is hashed, never quoted. */
    private void log(String type, OfficerJudgement j, ScreeningCase c, Actor actor, Instant at) {
        ObjectNode reasons = JsonNodeFactory.instance.objectNode();
        reasons.put("judgementId", j.id.toString());
        reasons.put("verdict", j.verdict);
        reasons.put("status", j.status);
        reasons.put("scope", j.scope);
        reasons.put("listEntry", j.entityId);
        reasons.put("entityHash", j.entityHash);
        reasons.put("textKey", Judgements.keyOfNormalized(j.normalizedText));
        reasons.put("institutionScope", j.institution);
        reasons.put("confirmedOn", j.confirmedAt == null ? null
                : LocalDate.ofInstant(j.confirmedAt, LegalCalendar.LEGAL_ZONE).toString());
        reasons.put("indicator", j.indicatorIndex);
        reasons.put("validUntil", j.validUntil.toString());
        outbox.caseTransition(type, new AuditOutbox.CaseRecord(c.id, c.institution, c.policyVersion, c.policyHash),
                actor.id(), reasons, at);
    }
}
