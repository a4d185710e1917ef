package nl.kennisveiligheid.screening.rescreening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nl.kennisveiligheid.screening.triage.Assessment;
import nl.kennisveiligheid.screening.triage.Assessment.Indicator;
import nl.kennisveiligheid.screening.triage.Assessment.IndicatorType;
import org.junit.jupiter.api.Test;

/** What a re-assessment raises that the stored assessment did not: pure. */
class ReassessmentTest {

    static Indicator indicator(IndicatorType type, String entry, String field, String score) {
        return new Indicator(type, entry, entry, "UNIVERSITY", "HIGH", field, "text", "alias", score, "0.9000", List.of(),
                "explanation");
    }

    static Assessment assessment(List<Indicator> indicators) {
        return new Assessment(true, true, true, List.of(), indicators,
                indicators.isEmpty() ? Assessment.Outcome.CLEARED : Assessment.Outcome.FLAGGED, "1", List.of("reason"), "2");
    }

    static final Indicator HIT = indicator(IndicatorType.HIGH_RISK_AFFILIATION, "hit", "affiliations[0].name", "1.0000");

    @Test
    void theSameIndicatorWithAnotherScoreIsNotNews() {
        Indicator rescored = indicator(IndicatorType.HIGH_RISK_AFFILIATION, "hit", "affiliations[0].name", "0.9500");
        assertThat(Reassessment.raised(assessment(List.of(HIT)), assessment(List.of(rescored)), "2")).isEmpty();
    }

    @Test
    void aNewEntryOrAStrongerKindIsRaisedMarkedWithTheVersion() {
        Indicator weak = indicator(IndicatorType.WEAK_ENTITY_MATCH, "bit", "affiliations[1].name", "0.8500");
        Indicator strong = indicator(IndicatorType.HIGH_RISK_AFFILIATION, "bit", "affiliations[1].name", "0.9500");
        Indicator other = indicator(IndicatorType.HIGH_RISK_FUNDER, "csc", "funding[0].funder", "1.0000");
        List<Indicator> raised = Reassessment.raised(assessment(List.of(HIT, weak)),
                assessment(List.of(HIT, strong, other)), "2");
        assertThat(raised).extracting(Indicator::listEntry).containsExactly("bit", "csc");
        assertThat(raised).extracting(Indicator::fromPolicyVersion).containsOnly("2");
    }

    @Test
    void aMatchJudgedAwayBeforeIsNewsWhenTheJudgementNoLongerApplies() {
        Indicator judged = HIT.judged(new Assessment.Judged("j-1", "NOT_THIS_ENTITY", "2026-11-01", "2027-05-01"));
        assertThat(Reassessment.raised(assessment(List.of(judged)), assessment(List.of(HIT)), "2")).hasSize(1);
        assertThat(Reassessment.raised(assessment(List.of(HIT)), assessment(List.of(judged)), "2"))
                .as("a match judged away is not raised").isEmpty();
    }

    @Test
    void theStoredAssessmentKeepsItsOutcomeAndGainsTheRaisedWithAReason() {
        Indicator raised = indicator(IndicatorType.HIGH_RISK_FUNDER, "csc", "funding[0].funder", "1.0000").fromVersion("2");
        Assessment merged = Reassessment.withRaised(assessment(List.of()), List.of(raised));
        assertThat(merged.outcome()).isEqualTo(Assessment.Outcome.CLEARED);
        assertThat(merged.indicators()).containsExactly(raised);
        assertThat(merged.reasons()).last().asString().contains("version 2");
    }
}
