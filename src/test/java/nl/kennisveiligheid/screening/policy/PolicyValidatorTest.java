package nl.kennisveiligheid.screening.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nl.kennisveiligheid.screening.common.Problem.FieldError;
import nl.kennisveiligheid.screening.triage.TriagePolicy;
import org.junit.jupiter.api.Test;

class PolicyValidatorTest {

    private static final PolicyDocument.Area AREA = new PolicyDocument.Area("SEMICONDUCTORS", "Semiconductors",
            List.of("EU-CT-2023:1", "EU-DU:3"), List.of("wafer"), null);
    private static final PolicyDocument.Entity HIT = new PolicyDocument.Entity("hit", "Harbin Institute of Technology",
            List.of("HIT"), "CN", "DEFENCE_LINKED_UNIVERSITY", "VERY_HIGH", "ASPI");

    private static List<String> fields(PolicyDocument document) {
        return PolicyValidator.validate(document).stream().map(FieldError::field).toList();
    }

    @Test
    void aMinimalDocumentIsValid() {
        assertThat(fields(new PolicyDocument("2027.1", null, null, null, List.of(AREA), List.of(HIT), null, null))).isEmpty();
    }

    @Test
    void requiredSectionsAreNamed() {
        assertThat(fields(new PolicyDocument(null, null, null, null, null, null, null, null)))
                .containsExactlyInAnyOrder("version", "sensitiveAreas", "highRiskEntities");
    }

    @Test
    void duplicateEntityIdsAndBadCountriesAreNamed() {
        PolicyDocument.Entity duplicate = new PolicyDocument.Entity("hit", "Other", null, "cn", "X", "EXTREME", null);
        assertThat(fields(new PolicyDocument("2027.1", List.of("NL", "XX", "NL"), List.of("POSTDOC", "JANITOR"), null,
                List.of(AREA), List.of(HIT, duplicate), null, null)))
                .containsExactlyInAnyOrder("exemptNationalities[1]", "exemptNationalities[2]", "positionTypesInScope[1]",
                        "highRiskEntities[1].id", "highRiskEntities[1].country", "highRiskEntities[1].riskLevel");
    }

    @Test
    void unknownReferencesAndDuplicateAreaCodesAreNamed() {
        PolicyDocument.Area bad = new PolicyDocument.Area("SEMICONDUCTORS", "Again", List.of("EU-CT-2023:11", "ISO:9"),
                List.of(), null);
        assertThat(fields(new PolicyDocument("2027.1", null, null, null, List.of(AREA, bad), List.of(HIT), null, null)))
                .containsExactlyInAnyOrder("sensitiveAreas[1].code", "sensitiveAreas[1].references[0]",
                        "sensitiveAreas[1].references[1]", "sensitiveAreas[1].terms");
    }

    @Test
    void thresholdsOutOfRangeAreNamed() {
        assertThat(fields(new PolicyDocument("2027.1", null, null, new PolicyDocument.Deadlines(0, null, null, null, List.of("2027-05-07", "2027-5-7")),
                List.of(AREA), List.of(HIT), new PolicyDocument.Matching(1.2, 0.95), null)))
                .containsExactlyInAnyOrder("deadlines.decisionWeeks", "deadlines.extraHolidays[1]", "matching.entityThreshold");
        assertThat(fields(new PolicyDocument("2027.1", null, null, null, List.of(AREA), List.of(HIT),
                new PolicyDocument.Matching(0.8, 0.9), null))).containsExactly("matching.reviewThreshold");
    }

    @Test
    void theDefaultPolicyIsValidAndCoversTheReferenceFacts() {
        PolicyDocument d = DefaultPolicyLoader.readDefault();
        assertThat(PolicyValidator.validate(d)).isEmpty();
        assertThat(d.sensitiveAreas()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(d.sensitiveAreas().stream().flatMap(a -> a.references().stream()).distinct())
                .contains("EU-CT-2023:1", "EU-CT-2023:2", "EU-CT-2023:3", "EU-CT-2023:4", "EU-CT-2023:5", "EU-CT-2023:6",
                        "EU-CT-2023:7", "EU-CT-2023:8", "EU-CT-2023:9", "EU-CT-2023:10");
        assertThat(d.exemptNationalities()).hasSize(31).contains("NL", "DE", "NO", "IS", "LI", "CH").doesNotContain("GB", "US");
        assertThat(d.highRiskEntities()).hasSize(44);
        assertThat(d.withDefaults().deadlines()).isEqualTo(new PolicyDocument.Deadlines(4, 4, 6, 6, null));
        TriagePolicy compiled = PolicyCompiler.compile(d, "h");
        for (String[] textAndArea : new String[][] {
                {"Onderzoek naar halfgeleiders en EUV-lithografie", "SEMICONDUCTORS"},
                {"Fotonische chips voor datacentra", "PHOTONICS"},
                {"Photonic integrated circuits for optical communication", "PHOTONICS"},
                {"Vaccinontwikkeling tegen influenza", "BIOTECHNOLOGY"},
                {"Formulation of mRNA vaccines", "BIOTECHNOLOGY"},
                {"Medicijnontwikkeling voor zeldzame ziekten", "BIOTECHNOLOGY"}}) {
            assertThat(compiled.areaMatcher().match("d", textAndArea[0]))
                    .as(textAndArea[0]).extracting(m -> m.areaCode()).contains(textAndArea[1]);
        }
    }
}
