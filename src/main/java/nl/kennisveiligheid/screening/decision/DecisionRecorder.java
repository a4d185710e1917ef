package nl.kennisveiligheid.screening.decision;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import nl.kennisveiligheid.screening.common.CanonicalJson;

/**
 * The one place a binding decision is recorded. It joins the caller's transaction, so that a
 * decision and the case's new state commit together or not at all.
 */
@ApplicationScoped
public class DecisionRecorder {

    @Inject
    MeterRegistry metrics;

    /** What is decided, by whom, on which grounds and under which policy version. */
    public record Binding(UUID caseId, String outcome, String reasoning, List<String> conditions, String kind,
            String decidedBy, String confirmedBy, UUID supersedes, Instant decidedAt, Instant receivedAt,
            String policyVersion, String policyHash) {}

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
        metrics.counter("screening.decisions", "outcome", b.outcome(), "kind", b.kind()).increment();
        Timer.builder("screening.time.to.decision").tag("kind", b.kind()).register(metrics)
                .record(Duration.between(b.receivedAt(), b.decidedAt()));
        return decision;
    }
}
