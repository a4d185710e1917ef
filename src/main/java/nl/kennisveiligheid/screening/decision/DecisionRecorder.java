package nl.kennisveiligheid.screening.decision;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import nl.kennisveiligheid.screening.audit.AuditOutbox;
import nl.kennisveiligheid.screening.common.CanonicalJson;
import nl.kennisveiligheid.screening.triage.Assessment;

/**
 * The one place a binding decision is recorded. It joins the caller's transaction, so that a
 * decision and the case's new state commit together or not at all.
 */
@ApplicationScoped
public class DecisionRecorder {

    @Inject
    MeterRegistry metrics;

    @Inject
    AuditOutbox outbox;

    /**
     * What is decided, by whom, on which grounds and under which policy version. Made by the named
     * factories below, one for each way a case is decided, rather than by position.
     */
    public record Binding(UUID caseId, String outcome, String reasoning, List<String> conditions, String kind,
            String decidedBy, String confirmedBy, UUID supersedes, Instant decidedAt, Instant receivedAt,
            String policyVersion, String policyHash, CaseSnapshot facts) {

        /** Triage decided at receipt (NOT_REQUIRED or CLEARED), with reasoning generated from the indicators. */
        public static Binding automated(UUID caseId, String outcome, String reasoning, Instant receivedAt,
                String policyVersion, String policyHash, CaseSnapshot facts) {
            return new Binding(caseId, outcome, reasoning, List.of(), Decision.KIND_AUTOMATED, Decision.AUTOMATED, null,
                    null, receivedAt, receivedAt, policyVersion, policyHash, facts);
        }

        /** Officers decided a flagged case; a refusal names its confirming second officer. */
        public static Binding byOfficers(UUID caseId, String outcome, String reasoning, List<String> conditions,
                String decidedBy, String confirmedBy, Instant decidedAt, Instant receivedAt, String policyVersion,
                String policyHash, CaseSnapshot facts) {
            return new Binding(caseId, outcome, reasoning, conditions, Decision.KIND_OFFICER, decidedBy, confirmedBy,
                    null, decidedAt, receivedAt, policyVersion, policyHash, facts);
        }

        /** Officers decided an objection: the decision upholds or replaces {@code supersedes}. */
        public static Binding onObjection(UUID caseId, String outcome, String reasoning, List<String> conditions,
                String decidedBy, String confirmedBy, UUID supersedes, Instant decidedAt, Instant receivedAt,
                String policyVersion, String policyHash, CaseSnapshot facts) {
            return new Binding(caseId, outcome, reasoning, conditions, Decision.KIND_OBJECTION, decidedBy, confirmedBy,
                    supersedes, decidedAt, receivedAt, policyVersion, policyHash, facts);
        }

        /**
         * Officers decided a case that re-screening flagged, under the version that flagged it: an
         * approval upholds the earlier decision, a refusal revokes it.
         */
        public static Binding onRescreening(UUID caseId, String outcome, String reasoning, List<String> conditions,
                String decidedBy, String confirmedBy, UUID supersedes, Instant decidedAt, Instant receivedAt,
                String policyVersion, String policyHash, CaseSnapshot facts) {
            return new Binding(caseId, outcome, reasoning, conditions, Decision.KIND_RESCREENING, decidedBy, confirmedBy,
                    supersedes, decidedAt, receivedAt, policyVersion, policyHash, facts);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Decision record(Binding b) {
        Decision decision = new Decision();
        decision.id = UUID.randomUUID();
        decision.caseId = b.caseId();
        decision.outcome = b.outcome();
        decision.reasoning = b.reasoning();
        decision.conditions = CanonicalJson.string(b.conditions() == null ? List.of() : b.conditions());
        decision.kind = b.kind();
        decision.decidedBy = b.decidedBy();
        decision.confirmedBy = b.confirmedBy();
        decision.supersedes = b.supersedes();
        decision.decidedAt = b.decidedAt();
        decision.policyVersion = b.policyVersion();
        decision.policyHash = b.policyHash();
        decision.persist();
        outbox.decisionRecorded(event(decision, b));
        metrics.counter("screening.decisions", "outcome", b.outcome(), "kind", b.kind()).increment();
        Timer.builder("screening.time.to.decision").tag("kind", b.kind()).register(metrics)
                .record(Duration.between(b.receivedAt(), b.decidedAt()));
        return decision;
    }

    private static AuditOutbox.DecisionEvent event(Decision decision, Binding b) {
        Assessment assessment = b.facts().assessment();
        List<AuditOutbox.IndicatorReason> indicators = assessment.indicators().stream()
                .map(i -> new AuditOutbox.IndicatorReason(i.type().name(), i.listEntry(), i.score(), i.threshold()))
                .toList();
        List<String> areas = assessment.sensitiveAreas().stream().map(Assessment.SensitiveAreaFinding::code).toList();
        boolean automated = Decision.KIND_AUTOMATED.equals(b.kind());
        ObjectNode reasons = AuditOutbox.reasons(indicators, areas, b.reasoning(), automated);
        reasons.put("kind", b.kind());
        if (assessment.matchingVersion() != null) {
            reasons.put("matchingVersion", assessment.matchingVersion());
        }
        if (b.confirmedBy() != null) {
            reasons.put("confirmedBy", b.confirmedBy());
        }
        if (b.supersedes() != null) {
            reasons.put("supersedes", b.supersedes().toString());
        }
        return new AuditOutbox.DecisionEvent(decision.id, b.caseId(), b.facts().institution(),
                b.facts().subjectMaterial(), b.outcome(), b.decidedBy(), b.policyVersion(), b.policyHash(),
                reasons, automated ? null : b.reasoning(), payload(b.facts(), b.reasoning(), decision.conditions),
                b.decidedAt());
    }

    /**
     * The encrypted payload, {"assessment","conditions","reasoning","request"}, in canonical form. The
     * request, the assessment and the conditions are stored canonical already, and RFC 8785 orders an
     * object's members by name, so the payload is composed from them rather than parsed and
     * canonicalised a second time (the largest canonicalisation of a decision).
     */
    static String payload(CaseSnapshot facts, String reasoning, String canonicalConditions) {
        ObjectNode reasoningMember = CanonicalJson.MAPPER.createObjectNode().put("reasoning", reasoning);
        String canonicalReasoning = CanonicalJson.string(reasoningMember);
        return "{\"assessment\":" + facts.canonicalAssessment() + ",\"conditions\":" + canonicalConditions + ","
                + canonicalReasoning.substring(1, canonicalReasoning.length() - 1) + ",\"request\":"
                + facts.canonicalRequest() + "}";
    }
}
