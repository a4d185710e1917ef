package nl.kennisveiligheid.screening.decision;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
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

    @Transactional(Transactional.TxType.MANDATORY)
    public Decision record(UUID caseId, String outcome, String reasoning, List<String> conditions, String decidedBy,
            Instant decidedAt, String policyVersion, String policyHash) {
        Decision decision = new Decision();
        decision.id = UUID.randomUUID();
        decision.caseId = caseId;
        decision.outcome = outcome;
        decision.reasoning = reasoning;
        decision.conditions = CanonicalJson.string(conditions == null ? List.of() : conditions);
        decision.decidedBy = decidedBy;
        decision.decidedAt = decidedAt;
        decision.policyVersion = policyVersion;
        decision.policyHash = policyHash;
        decision.persist();
        return decision;
    }
}
