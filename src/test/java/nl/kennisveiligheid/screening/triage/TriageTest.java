package nl.kennisveiligheid.screening.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nl.kennisveiligheid.screening.policy.PolicyCompiler;
import nl.kennisveiligheid.screening.policy.PolicyDocument;
import nl.kennisveiligheid.screening.triage.Assessment.IndicatorType;
import nl.kennisveiligheid.screening.triage.Assessment.Outcome;
import nl.kennisveiligheid.screening.triage.TriageInput.Organisation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Triage over a table of scenarios, with a small policy written here. */
class TriageTest {

    static final PolicyDocument POLICY = new PolicyDocument("t1", null, null, null,
            List.of(new PolicyDocument.Area("SEMICONDUCTORS", "Semiconductors", List.of("EU-CT-2023:1"),
                            List.of("lithography", "semiconductor", "halfgeleider"), null),
                    new PolicyDocument.Area("QUANTUM", "Quantum", null, List.of("qubit", "quantum computing"), null)),
            List.of(new PolicyDocument.Entity("hit", "Harbin Institute of Technology", List.of("HIT", "哈尔滨工业大学"), "CN",
                            "DEFENCE_LINKED_UNIVERSITY", "VERY_HIGH", "ASPI"),
                    new PolicyDocument.Entity("csc", "China Scholarship Council", List.of(), "CN", "STATE_FUNDER", "MEDIUM",
                            "test")),
            null, null);
    static final TriagePolicy COMPILED = PolicyCompiler.compile(POLICY, "hash");

    record Scenario(String name, List<String> nationalities, String position, List<String> declared, String description,
            List<Organisation> affiliations, List<Organisation> funders, Outcome outcome, List<IndicatorType> indicators) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final Organisation DELFT = new Organisation("Delft University of Technology", "NL");
    static final Organisation HIT = new Organisation("Harbin Inst. of Technology", "CN");

    static List<Scenario> scenarios() {
        return List.of(
                new Scenario("exempt nationality", List.of("NL"), "POSTDOC", List.of("SEMICONDUCTORS"), "EUV lithography",
                        List.of(HIT), List.of(), Outcome.NOT_REQUIRED, List.of()),
                new Scenario("dual national with one exempt nationality", List.of("CN", "DE"), "POSTDOC",
                        List.of("SEMICONDUCTORS"), "lithography", List.of(HIT), List.of(), Outcome.NOT_REQUIRED, List.of()),
                new Scenario("bachelor student out of scope", List.of("CN"), "BACHELOR_STUDENT", List.of("SEMICONDUCTORS"),
                        "lithography", List.of(HIT), List.of(), Outcome.NOT_REQUIRED, List.of()),
                new Scenario("no sensitive area", List.of("CN"), "POSTDOC", List.of(), "Medieval manuscripts",
                        List.of(HIT), List.of(), Outcome.NOT_REQUIRED, List.of()),
                new Scenario("nationality alone is no indicator", List.of("CN"), "PHD_CANDIDATE", List.of("SEMICONDUCTORS"),
                        "Lithography process control", List.of(DELFT), List.of(), Outcome.CLEARED, List.of()),
                new Scenario("undeclared area found in text", List.of("IR"), "RESEARCHER", List.of("SEMICONDUCTORS"),
                        "Lithography for qubits", List.of(DELFT), List.of(), Outcome.FLAGGED,
                        List.of(IndicatorType.UNDECLARED_SENSITIVE_AREA)),
                new Scenario("area only in text is in scope and undeclared", List.of("IR"), "RESEARCHER", List.of(),
                        "Onderzoek naar halfgeleiders", List.of(), List.of(), Outcome.FLAGGED,
                        List.of(IndicatorType.UNDECLARED_SENSITIVE_AREA)),
                new Scenario("high-risk affiliation", List.of("CN"), "POSTDOC", List.of("SEMICONDUCTORS"), "lithography",
                        List.of(DELFT, HIT), List.of(), Outcome.FLAGGED, List.of(IndicatorType.HIGH_RISK_AFFILIATION)),
                new Scenario("high-risk funder", List.of("CN"), "POSTDOC", List.of("SEMICONDUCTORS"), "lithography",
                        List.of(), List.of(new Organisation("China Scholarship Council", "CN")), Outcome.FLAGGED,
                        List.of(IndicatorType.HIGH_RISK_FUNDER)),
                new Scenario("weak entity match between the thresholds", List.of("CN"), "POSTDOC", List.of("SEMICONDUCTORS"),
                        "lithography", List.of(new Organisation("Harbn Institute of Technology", "CN")), List.of(),
                        Outcome.FLAGGED, List.of(IndicatorType.WEAK_ENTITY_MATCH)),
                new Scenario("a listed name with a look-alike Cyrillic letter", List.of("CN"), "POSTDOC",
                        List.of("SEMICONDUCTORS"), "lithography",
                        List.of(new Organisation("Наrbin Institute of Technology", "CN")), List.of(), Outcome.FLAGGED,
                        List.of(IndicatorType.MIXED_SCRIPT_NAME, IndicatorType.HIGH_RISK_AFFILIATION)),
                new Scenario("mixed scripts are a signal even when nothing matches", List.of("CN"), "POSTDOC",
                        List.of("SEMICONDUCTORS"), "lithography",
                        List.of(new Organisation("Тsinghua University", "CN")), List.of(), Outcome.FLAGGED,
                        List.of(IndicatorType.MIXED_SCRIPT_NAME)),
                new Scenario("a funder in traditional characters", List.of("CN"), "POSTDOC", List.of("SEMICONDUCTORS"),
                        "lithography", List.of(), List.of(new Organisation("哈爾濱工業大學", "CN")), Outcome.FLAGGED,
                        List.of(IndicatorType.HIGH_RISK_FUNDER)),
                new Scenario("a listed name hidden behind more text than matching reads", List.of("CN"), "POSTDOC",
                        List.of("SEMICONDUCTORS"), "lithography",
                        List.of(new Organisation("Department of Applied Physics and Materials, ".repeat(5)
                                + "Harbin Institute of Technology", "CN")), List.of(), Outcome.FLAGGED,
                        List.of(IndicatorType.NAME_NOT_READ_WHOLLY)),
                new Scenario("similar name of another institution", List.of("CN"), "POSTDOC", List.of("SEMICONDUCTORS"),
                        "lithography", List.of(new Organisation("Harbin Normal University", "CN")), List.of(),
                        Outcome.CLEARED, List.of()));
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void scenario(Scenario s) {
        Assessment a = Triage.assess(new TriageInput(s.nationalities(), s.position(), s.declared(), s.description(),
                List.of(), s.affiliations(), s.funders()), COMPILED);
        assertThat(a.outcome()).isEqualTo(s.outcome());
        assertThat(a.indicators()).extracting(Assessment.Indicator::type).containsExactlyElementsOf(s.indicators());
        assertThat(a.policyVersion()).isEqualTo("t1");
        assertThat(a.reasons()).isNotEmpty();
    }

    @Test
    void anIndicatorExplainsItself() {
        Assessment a = Triage.assess(new TriageInput(List.of("CN"), "POSTDOC", List.of("SEMICONDUCTORS"), "lithography",
                List.of(), List.of(HIT), List.of()), COMPILED);
        Assessment.Indicator indicator = a.indicators().get(0);
        assertThat(indicator.listEntry()).isEqualTo("hit");
        assertThat(indicator.listEntryName()).isEqualTo("Harbin Institute of Technology");
        assertThat(indicator.riskLevel()).isEqualTo("VERY_HIGH");
        assertThat(indicator.field()).isEqualTo("affiliations[0].name");
        assertThat(indicator.matchedText()).isEqualTo("Harbin Inst. of Technology");
        assertThat(indicator.matchedAlias()).isEqualTo("Harbin Institute of Technology");
        assertThat(indicator.score()).isEqualTo("1.0000");
        assertThat(indicator.threshold()).isEqualTo("0.9000");
        assertThat(indicator.explanation()).contains("hit", "score 1.0000", "0.9000");
    }

    @Test
    void raisingTheEntityThresholdTurnsAMatchIntoAWeakOne() {
        PolicyDocument strict = new PolicyDocument("t2", null, null, null, POLICY.sensitiveAreas(),
                POLICY.highRiskEntities(), new PolicyDocument.Matching(1.0, 0.5), null);
        Assessment a = Triage.assess(new TriageInput(List.of("CN"), "POSTDOC", List.of("SEMICONDUCTORS"), "lithography",
                List.of(), List.of(new Organisation("Harbin Institue of Technology", "CN")), List.of()),
                PolicyCompiler.compile(strict, "h2"));
        assertThat(a.indicators()).extracting(Assessment.Indicator::type).containsExactly(IndicatorType.WEAK_ENTITY_MATCH);
        assertThat(a.indicators().get(0).threshold()).isEqualTo("0.5000");
    }

    @Test
    void anEmptyExemptListScreensEveryone() {
        PolicyDocument everyone = new PolicyDocument("t3", List.of(), null, null, POLICY.sensitiveAreas(),
                POLICY.highRiskEntities(), null, null);
        Assessment a = Triage.assess(new TriageInput(List.of("NL"), "POSTDOC", List.of("SEMICONDUCTORS"), "lithography",
                List.of(), List.of(DELFT), List.of()), PolicyCompiler.compile(everyone, "h3"));
        assertThat(a.inScope()).isTrue();
        assertThat(a.outcome()).isEqualTo(Outcome.CLEARED);
    }

    @Test
    void declaredAndFoundAreasCarryTheirEvidence() {
        Assessment a = Triage.assess(new TriageInput(List.of("CN"), "POSTDOC", List.of("SEMICONDUCTORS"), "EUV lithography",
                List.of("qubit"), List.of(), List.of()), COMPILED);
        assertThat(a.sensitiveAreas()).extracting(Assessment.SensitiveAreaFinding::code).containsExactly("QUANTUM", "SEMICONDUCTORS");
        assertThat(a.sensitiveAreas().get(1).matchedBy()).isEqualTo(Assessment.MatchedBy.DECLARED_AND_TEXT);
        assertThat(a.sensitiveAreas().get(1).evidence().get(0).text()).isEqualTo("lithography");
        assertThat(a.sensitiveAreas().get(0).evidence().get(0).field()).isEqualTo("research.keywords[0]");
    }

    private static Assessment.Indicator only(Organisation affiliation, TriagePolicy policy) {
        Assessment a = Triage.assess(new TriageInput(List.of("CN"), "POSTDOC", List.of("SEMICONDUCTORS"), "lithography",
                List.of(), List.of(affiliation), List.of()), policy);
        assertThat(a.indicators()).hasSize(1);
        return a.indicators().get(0);
    }

    @Test
    void aStrongMatchSaysItMatchesAndNamesTheEntryAndTheExactForm() {
        Assessment.Indicator exact = only(new Organisation("Harbin Institute of Technology", "CN"), COMPILED);
        assertThat(exact.type()).isEqualTo(IndicatorType.HIGH_RISK_AFFILIATION);
        assertThat(exact.explanation()).startsWith("Affiliation 'Harbin Institute of Technology' (affiliations[0].name) "
                + "matches high-risk entity 'Harbin Institute of Technology' [hit, DEFENCE_LINKED_UNIVERSITY, VERY_HIGH]")
                .contains("≥ entity threshold 0.9000").doesNotContain("resembles", "review threshold", "countries differ")
                .contains("normalised forms equal").endsWith(".");
        assertThat(exact.carriedBy()).isNotEmpty().allSatisfy(w -> assertThat(w).doesNotContain("~"));
    }

    @Test
    void aWeakMatchSaysItResemblesAndShowsTheTypoAndBothThresholds() {
        Assessment.Indicator weak = only(new Organisation("Harbn Institute of Technology", "CN"), COMPILED);
        assertThat(weak.type()).isEqualTo(IndicatorType.WEAK_ENTITY_MATCH);
        assertThat(weak.threshold()).isEqualTo("0.8000");
        assertThat(weak.explanation()).contains("resembles high-risk entity", "≥ review threshold 0.8000",
                "but < entity threshold 0.9000", "carried by", "'harbn'~'harbin'").doesNotContain(" matches ");
        assertThat(weak.carriedBy()).contains("harbn~harbin");
    }

    @Test
    void anAcronymMatchAndADifferentCountrySayWhatTheyDid() {
        Assessment.Indicator acronym = only(new Organisation("HIT", "CN"), COMPILED);
        assertThat(acronym.explanation()).contains("through 'HIT'");
        Assessment.Indicator abroad = only(new Organisation("Harbin Institute of Technology", "US"), COMPILED);
        assertThat(abroad.explanation()).contains("the countries differ, which lowered the score");
        assertThat(Double.parseDouble(abroad.score())).isLessThan(1.0);
    }

    @Test
    void aFunderIsNamedAsAFunderAndAnUndeclaredAreaExplainsItself() {
        Assessment a = Triage.assess(new TriageInput(List.of("CN"), "POSTDOC", List.of("SEMICONDUCTORS"),
                "lithography for qubit control", List.of(), List.of(),
                List.of(new Organisation("China Scholarship Council", "CN"))), COMPILED);
        assertThat(a.indicators()).extracting(Assessment.Indicator::type)
                .containsExactly(IndicatorType.HIGH_RISK_FUNDER, IndicatorType.UNDECLARED_SENSITIVE_AREA);
        assertThat(a.indicators().get(0).explanation()).startsWith("Funder 'China Scholarship Council' (funding[0].funder)");
        assertThat(a.indicators().get(1).explanation()).isEqualTo("The research text touches sensitive area QUANTUM "
                + "(Quantum) through the term 'qubit' in research.description, but the area was not declared.");
        assertThat(a.reasons()).noneMatch(r -> r.startsWith("No risk indicator"));
    }

    @Test
    void aCleanCaseSaysWhyNothingWasFound() {
        Assessment a = Triage.assess(new TriageInput(List.of("CN"), "POSTDOC", List.of("SEMICONDUCTORS"), "lithography",
                List.of(), List.of(DELFT), List.of()), COMPILED);
        assertThat(a.reasons()).contains("No risk indicator: no affiliation or funder matches the high-risk entity list "
                + "at or above 0.8000 and every sensitive area found was declared.");
    }

    @Test
    void aMixedScriptIndicatorNamesTheWordAndTheField() {
        Assessment a = Triage.assess(new TriageInput(List.of("CN"), "POSTDOC", List.of("SEMICONDUCTORS"), "lithography",
                List.of(), List.of(DELFT, new Organisation("Тsinghua University", "CN")), List.of()), COMPILED);
        Assessment.Indicator mixed = a.indicators().get(0);
        assertThat(mixed.type()).isEqualTo(IndicatorType.MIXED_SCRIPT_NAME);
        assertThat(mixed.field()).isEqualTo("affiliations[1].name");
        assertThat(mixed.carriedBy()).containsExactly("Тsinghua");
        assertThat(mixed.listEntry()).isNull();
        assertThat(mixed.explanation()).contains("'Тsinghua'", "more than one script");
        assertThat(a.matchingVersion()).isEqualTo(nl.kennisveiligheid.screening.matching.MatchingVersion.CURRENT);
    }

    @Test
    void aNearMissSaysWhichWordHadNoCounterpartAndATailSaysWhatItSkipped() {
        PolicyDocument lenient = new PolicyDocument("t4", null, null, null, POLICY.sensitiveAreas(),
                POLICY.highRiskEntities(), new PolicyDocument.Matching(0.9, 0.7), null);
        Assessment.Indicator weak = only(new Organisation("Harbin Institute of Technology Physics", "CN"),
                PolicyCompiler.compile(lenient, "h4"));
        assertThat(weak.type()).isEqualTo(IndicatorType.WEAK_ENTITY_MATCH);
        assertThat(weak.explanation()).contains("lowered because the input's qualifying word 'physic' has no counterpart");
        Assessment.Indicator tail = only(new Organisation("Harbin Institute of Technology Weihai Campus", "CN"), COMPILED);
        assertThat(tail.type()).isEqualTo(IndicatorType.HIGH_RISK_AFFILIATION);
        assertThat(tail.explanation()).contains("'weihai campus' read as a campus, unit or place");
    }
}
