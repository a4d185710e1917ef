package nl.kennisveiligheid.screening.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import nl.kennisveiligheid.screening.policy.PolicyCompiler;
import nl.kennisveiligheid.screening.policy.PolicyDocument;
import nl.kennisveiligheid.screening.triage.Assessment.Outcome;
import nl.kennisveiligheid.screening.triage.Judgements.Judgement;
import nl.kennisveiligheid.screening.triage.Judgements.Scope;
import nl.kennisveiligheid.screening.triage.TriageInput.Organisation;
import org.junit.jupiter.api.Test;

/** Which confirmed judgements apply to an assessment, and what is left flagging: pure, no database. */
class JudgementsTest {

    static final LocalDate CONFIRMED = LocalDate.of(2026, 11, 2);
    static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    static final TriagePolicy POLICY = TriageTest.COMPILED;
    static final String HIT_HASH = POLICY.entities().get("hit").contentHash();

    static Assessment assess(List<Organisation> affiliations, String description) {
        return Triage.assess(new TriageInput(List.of("CN"), "POSTDOC", List.of("SEMICONDUCTORS"), description, List.of(),
                affiliations, List.of()), POLICY);
    }

    static Judgement judgement(Scope scope, String entityHash, LocalDate validUntil) {
        return new Judgement("j-1", scope, "demo-university", "hit", entityHash,
                Judgements.keyOf("Harbin Inst. of Technology"), CONFIRMED, validUntil);
    }

    @Test
    void aJudgedMatchNoLongerFlagsButStaysInTheAssessment() {
        Assessment flagged = assess(List.of(TriageTest.HIT), "lithography");
        assertThat(flagged.outcome()).isEqualTo(Outcome.FLAGGED);
        Assessment judged = Judgements.apply(flagged, POLICY, List.of(judgement(Scope.INSTITUTION, HIT_HASH,
                DAY.plusDays(1))), "demo-university", DAY);
        assertThat(judged.outcome()).isEqualTo(Outcome.CLEARED);
        assertThat(judged.indicators()).hasSize(1);
        assertThat(judged.indicators().get(0).judgement().reference()).isEqualTo("j-1");
        assertThat(judged.reasons()).anyMatch(r -> r.contains("j-1") && r.contains("not this entity"));
    }

    @Test
    void anotherIndicatorStillFlags() {
        Assessment flagged = assess(List.of(TriageTest.HIT), "lithography for qubits");
        Assessment judged = Judgements.apply(flagged, POLICY, List.of(judgement(Scope.ALL, HIT_HASH, DAY)),
                "another-institute", DAY);
        assertThat(judged.outcome()).isEqualTo(Outcome.FLAGGED);
        assertThat(judged.indicators()).filteredOn(i -> i.judgement() == null)
                .extracting(Assessment.Indicator::type).containsExactly(Assessment.IndicatorType.UNDECLARED_SENSITIVE_AREA);
    }

    @Test
    void aJudgementHoldsOnlyForItsEntrysContentItsScopeAndItsDays() {
        Assessment flagged = assess(List.of(TriageTest.HIT), "lithography");
        List<Judgement> changedEntry = List.of(judgement(Scope.ALL, "0".repeat(64), DAY.plusYears(1)));
        List<Judgement> otherInstitution = List.of(judgement(Scope.INSTITUTION, HIT_HASH, DAY.plusYears(1)));
        List<Judgement> expired = List.of(judgement(Scope.ALL, HIT_HASH, DAY.minusDays(1)));
        assertThat(Judgements.apply(flagged, POLICY, changedEntry, "demo-university", DAY).outcome())
                .isEqualTo(Outcome.FLAGGED);
        assertThat(Judgements.apply(flagged, POLICY, otherInstitution, "another-institute", DAY).outcome())
                .isEqualTo(Outcome.FLAGGED);
        assertThat(Judgements.apply(flagged, POLICY, expired, "demo-university", DAY).outcome()).isEqualTo(Outcome.FLAGGED);
        assertThat(Judgements.apply(flagged, POLICY, expired, "demo-university", CONFIRMED.minusDays(1)).outcome())
                .as("not before it was confirmed").isEqualTo(Outcome.FLAGGED);
    }

    @Test
    void anotherTextMatchingTheSameEntryIsNotCovered() {
        Assessment flagged = assess(List.of(new Organisation("HIT", "CN")), "lithography");
        assertThat(Judgements.apply(flagged, POLICY, List.of(judgement(Scope.ALL, HIT_HASH, DAY)), "demo-university", DAY)
                .outcome()).isEqualTo(Outcome.FLAGGED);
    }

    @Test
    void anEntrysHashChangesWithAnyOfItsFields() {
        PolicyDocument.Entity hit = TriageTest.POLICY.highRiskEntities().get(0);
        PolicyDocument.Entity moreAliases = new PolicyDocument.Entity(hit.id(), hit.name(), List.of("HIT", "HGD"),
                hit.country(), hit.category(), hit.riskLevel(), hit.source());
        PolicyDocument.Entity lowerRisk = new PolicyDocument.Entity(hit.id(), hit.name(), hit.aliases(), hit.country(),
                hit.category(), "HIGH", hit.source());
        assertThat(PolicyCompiler.entryHash(hit)).isEqualTo(HIT_HASH)
                .isNotEqualTo(PolicyCompiler.entryHash(moreAliases)).isNotEqualTo(PolicyCompiler.entryHash(lowerRisk));
    }
}
