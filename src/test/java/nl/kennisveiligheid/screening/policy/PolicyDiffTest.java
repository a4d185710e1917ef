package nl.kennisveiligheid.screening.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nl.kennisveiligheid.screening.policy.PolicyDiff.Change;
import nl.kennisveiligheid.screening.policy.PolicyDiff.Kind;
import org.junit.jupiter.api.Test;

/** The changes between two versions, down to a term, an alias or a threshold: pure. */
class PolicyDiffTest {

    static PolicyDocument.Entity hit(List<String> aliases, String risk) {
        return new PolicyDocument.Entity("hit", "Harbin Institute of Technology", aliases, "CN", "DEFENCE_LINKED_UNIVERSITY",
                risk, "ASPI");
    }

    static PolicyDocument document(String version, List<PolicyDocument.Area> areas, List<PolicyDocument.Entity> entities,
            Double entityThreshold) {
        return new PolicyDocument(version, null, null, null, areas, entities,
                new PolicyDocument.Matching(entityThreshold, null), null);
    }

    static final PolicyDocument.Area CHIPS = new PolicyDocument.Area("SEMICONDUCTORS", "Semiconductors", null,
            List.of("lithography", "wafer"), null);

    @Test
    void areasEntitiesAliasesTermsAndThresholdsAreListed() {
        PolicyDocument.Area chipsChanged = new PolicyDocument.Area("SEMICONDUCTORS", "Semiconductors", null,
                List.of("lithography", "etching"), List.of("solar"));
        PolicyDocument.Area quantum = new PolicyDocument.Area("QUANTUM", "Quantum", null, List.of("qubit"), null);
        PolicyDocument.Entity csc = new PolicyDocument.Entity("csc", "China Scholarship Council", List.of(), "CN",
                "STATE_FUNDER", "MEDIUM", "test");
        PolicyDiff.Result diff = PolicyDiff.between(
                document("1", List.of(CHIPS), List.of(hit(List.of("HIT"), "VERY_HIGH"), csc), 0.9),
                document("2", List.of(chipsChanged, quantum), List.of(hit(List.of("HIT", "HGD"), "HIGH")), 0.92));
        assertThat(diff.changes()).contains(
                new Change("sensitiveAreas[SEMICONDUCTORS].terms", Kind.REMOVED, "wafer", null),
                new Change("sensitiveAreas[SEMICONDUCTORS].terms", Kind.ADDED, null, "etching"),
                new Change("sensitiveAreas[SEMICONDUCTORS].excludeTerms", Kind.ADDED, null, "solar"),
                new Change("sensitiveAreas[QUANTUM]", Kind.ADDED, null, quantum),
                new Change("highRiskEntities[hit].aliases", Kind.ADDED, null, "HGD"),
                new Change("highRiskEntities[hit].riskLevel", Kind.CHANGED, "VERY_HIGH", "HIGH"),
                new Change("highRiskEntities[csc]", Kind.REMOVED, csc, null),
                new Change("matching.entityThreshold", Kind.CHANGED, 0.9, 0.92));
        assertThat(diff.changes()).hasSize(8);
        assertThat(diff.summary().get("highRiskEntities")).containsEntry(Kind.ADDED, 1).containsEntry(Kind.CHANGED, 1)
                .containsEntry(Kind.REMOVED, 1);
    }

    @Test
    void aVersionDiffersFromItselfInNothingAndDefaultsCountAsGiven() {
        PolicyDocument plain = document("1", List.of(CHIPS), List.of(hit(List.of("HIT"), "VERY_HIGH")), null);
        PolicyDocument explicit = document("2", List.of(CHIPS), List.of(hit(List.of("HIT"), "VERY_HIGH")), 0.90);
        assertThat(PolicyDiff.between(plain, explicit).changes()).isEmpty();
    }
}
