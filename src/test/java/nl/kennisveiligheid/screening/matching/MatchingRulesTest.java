package nl.kennisveiligheid.screening.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The small rules the matcher is built from, each at its boundaries. */
class MatchingRulesTest {

    @Test
    void acronymsSkipGrammarWordsAndNeedTwoLetters() {
        assertThat(Acronyms.of(new String[] {"national", "university", "of", "defense", "technology"})).isEqualTo("nudt");
        assertThat(Acronyms.of(new String[] {"the", "harbin", "institute"})).isEqualTo("hi");
        assertThat(Acronyms.of(new String[] {"tsinghua"})).isNull();
        assertThat(Acronyms.of(new String[] {"of", "the", "tsinghua"})).isNull();
        assertThat(Acronyms.of(new String[] {"", "beihang", ""})).isNull();
    }

    @Test
    void wordWeightsRankGrammarBelowQualifiersBelowGenericBelowDistinctive() {
        assertThat(TokenWeights.weight("of")).isEqualTo(TokenWeights.STOP);
        assertThat(TokenWeights.classOf("china")).isEqualTo(WordClass.CONTEXT);
        assertThat(TokenWeights.weight("university")).isEqualTo(TokenWeights.GENERIC);
        assertThat(TokenWeights.weight("harbin")).isEqualTo(TokenWeights.DISTINCTIVE);
        assertThat(TokenWeights.isStopWord("the")).isTrue();
        assertThat(TokenWeights.isStopWord("university")).isFalse();
        assertThat(TokenWeights.isDistinctive("harbin")).isTrue();
        assertThat(TokenWeights.isDistinctive("technology")).isFalse();
        assertThat(TokenWeights.isDistinctive("pla")).isFalse();
    }

    @Test
    void aNamesNormIsTheLengthOfItsWeightVector() {
        WeightedName name = WeightedName.of("Harbin Institute of Technology");
        assertThat(name.words()).containsExactly("harbin", "institute", "of", "technology");
        double expected = Math.sqrt(1.0 + 0.4 * 0.4 + 0.05 * 0.05 + 0.7 * 0.7);
        assertThat(name.norm()).isCloseTo(expected, within(1e-12));
        assertThat(WeightedName.of("").isEmpty()).isTrue();
        assertThat(WeightedName.of("").norm()).isZero();
    }

    @Test
    void typoToleranceGrowsWithTheWordsLength() {
        assertThat(TypoTolerance.allowedEdits(4)).isZero();
        assertThat(TypoTolerance.allowedEdits(5)).isEqualTo(1);
        assertThat(TypoTolerance.allowedEdits(8)).isEqualTo(1);
        assertThat(TypoTolerance.allowedEdits(9)).isEqualTo(2);
        assertThat(TypoTolerance.similarity("hit", "hat")).isZero();
        assertThat(TypoTolerance.similarity("harbin", "harbn")).isCloseTo(1 - 1.0 / 6, within(1e-12));
        assertThat(TypoTolerance.similarity("harbin", "xarbin")).as("the first letter must agree").isZero();
        assertThat(TypoTolerance.similarity("polytechnical", "politechnicel")).isCloseTo(1 - 2.0 / 13, within(1e-12));
        assertThat(TypoTolerance.similarity("polytechnical", "politechnicla")).as("three edits").isZero();
        assertThat(TypoTolerance.similarity("techno", "tecno")).isCloseTo(1 - 1.0 / 6, within(1e-12));
        assertThat(TypoTolerance.similarity("harbin", "harbinxx")).as("two letters longer than one edit allows").isZero();
        assertThat(TypoTolerance.similarity("same", "same")).isEqualTo(1.0);
    }

    @Test
    void pluralsBecomeSingularButNotWordsThatOnlyLookPlural() {
        assertThat(NameVocabulary.get().canonical("universities")).isEqualTo("university");
        assertThat(NameVocabulary.get().canonical("flies")).isEqualTo("fly");
        assertThat(NameVocabulary.get().canonical("ties")).as("too short for the -ies rule").isEqualTo("tie");
        assertThat(NameVocabulary.get().canonical("its")).as("too short to be a plural").isEqualTo("its");
        assertThat(NameVocabulary.get().canonical("sciences")).isEqualTo("science");
        assertThat(NameVocabulary.get().canonical("chips")).isEqualTo("chip");
        assertThat(NameVocabulary.get().canonical("bus")).isEqualTo("bus");
        assertThat(NameVocabulary.get().canonical("physics")).isEqualTo("physic");
        assertThat(NameVocabulary.get().canonical("campus")).isEqualTo("campus");
        assertThat(NameVocabulary.get().canonical("class")).isEqualTo("class");
        assertThat(NameVocabulary.get().canonical("analysis")).isEqualTo("analysis");
        assertThat(NameVocabulary.get().canonical("1990s")).isEqualTo("1990s");
    }

    @Test
    void aLongerTermCoversTheShorterTermsOfAnyAreaInsideItButNotTheSameWordElsewhere() {
        AreaMatcher matcher = AreaMatcher.build(List.of(
                new SensitiveArea("QUANTUM", List.of("quantum computing", "quantum", "computing"), List.of()),
                new SensitiveArea("AI", List.of("computing"), List.of())));
        List<AreaMatch> matches = matcher.match("research.description", "Quantum computing and cloud computing");
        assertThat(matches).extracting(AreaMatch::areaCode, AreaMatch::term, AreaMatch::evidence).containsExactly(
                org.assertj.core.groups.Tuple.tuple("QUANTUM", "quantum computing", "Quantum computing"),
                org.assertj.core.groups.Tuple.tuple("AI", "computing", "computing"),
                org.assertj.core.groups.Tuple.tuple("QUANTUM", "computing", "computing"));
    }
}
