package nl.kennisveiligheid.screening.matching;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The two-sided scorer: what each side lacks costs, tails do not, and the score says why. */
class NameScorerTest {

    private static final double THRESHOLD = 0.90;

    private static NameScore score(String input, String listed) {
        return NameScorer.score(WeightedName.of(input), WeightedName.of(listed));
    }

    @ParameterizedTest(name = "{0} is not {1}")
    @CsvSource(delimiter = '|', value = {
            // a subset of the listed name: its qualifier is missing from the input
            "Nanjing University|Nanjing University of Science and Technology",
            "Chinese Academy of Engineering|Chinese Academy of Engineering Physics",
            // a superset: the input continues the listed name ("of ...")
            "Tianjin University of Technology|Tianjin University",
            "Hunan Univ Technol|Hunan University",
            // same city, another qualifier or another type
            "Nanjing University of Information Science and Technology|Nanjing University of Science and Technology",
            "Beijing University of Technology|Beijing Institute of Technology",
            "Harbin University of Science and Technology|Harbin Institute of Technology",
            // generic and service words only
            "Chinese Academy of Medical Sciences|Academy of Military Medical Sciences",
            "Army Medical College|Army Medical University",
            "Shenyang Ligong University|Beijing Ligong Daxue",
    })
    void whatOneSideLacksKeepsSisterInstitutionsApart(String input, String listed) {
        assertThat(score(input, listed).score()).isLessThan(THRESHOLD);
    }

    @Test
    void aMissingQualifierCostsMoreThanTheSharedGenericWordsGain() {
        NameScore subset = score("Nanjing University", "Nanjing University of Science and Technology");
        assertThat(subset.missing()).extracting(NameScore.MissingWord::word).containsExactlyInAnyOrder("science", "technology");
        assertThat(subset.missing()).allSatisfy(w -> assertThat(w.side()).isEqualTo(NameScore.Side.LISTED));
        NameScore superset = score("Nanjing University of Information Science and Technology",
                "Nanjing University of Science and Technology");
        assertThat(superset.missing()).singleElement().satisfies(w -> {
            assertThat(w.word()).isEqualTo("information");
            assertThat(w.side()).isEqualTo(NameScore.Side.INPUT);
            assertThat(w.wordClass()).isEqualTo(WordClass.QUALIFIER);
        });
    }

    @Test
    void twoDifferentTypesAreNamedAsTheReason() {
        NameScore s = score("Beijing University of Technology", "Beijing Institute of Technology");
        assertThat(s.missing()).extracting(NameScore.MissingWord::word).containsExactlyInAnyOrder("university", "institute");
        assertThat(s.missing()).allSatisfy(w -> assertThat(w.wordClass()).isEqualTo(WordClass.TYPE));
    }

    @Test
    void sharingOnlyGenericWordsWithANameThatHasDistinctiveOnesIsNoMatch() {
        assertThat(score("Harbin University", "Harbin Engineering University").score()).isLessThan(THRESHOLD);
        assertThat(score("National Engineering University", "Harbin Engineering University").score()).isLessThan(0.5);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "Sichuan University West China Hospital|Sichuan University|west china hospital",
            "Harbin Institute of Technology at Weihai|Harbin Institute of Technology|at weihai",
            "School of Astronautics Harbin Institute of Technology|Harbin Institute of Technology|school of astronautic",
            "University of Electronic Science and Technology of China Chengdu|University of Electronic Science and Technology of China|chengdu",
            "Huazhong University of Science and Technology Tongji Medical College|Huazhong University of Science and Technology|tongji medical college",
    })
    void aCampusUnitOrPlaceAroundTheWholeListedNameIsATail(String input, String listed, String tail) {
        NameScore s = score(input, listed);
        assertThat(s.score()).isGreaterThanOrEqualTo(THRESHOLD).isLessThan(1.0);
        assertThat(String.join(" ", s.tail())).isEqualTo(tail);
        assertThat(s.missing()).isEmpty();
    }

    @Test
    void wordsThatContinueTheNameOrInterleaveItAreNeverATail() {
        assertThat(score("Sichuan University of Science and Engineering", "Sichuan University").tail()).isEmpty();
        assertThat(score("National Defence University of Malaysia", "National Defense University of the PLA").tail())
                .isEmpty();
        assertThat(score("Nanjing University of Information Science and Technology",
                "Nanjing University of Science and Technology").tail()).isEmpty();
    }

    @Test
    void typosAndWordOrderStillMatch() {
        assertThat(score("Harbin Institue of Technolgy", "Harbin Institute of Technology").score())
                .isGreaterThanOrEqualTo(THRESHOLD);
        assertThat(score("Technology Institute of Harbin", "Harbin Institute of Technology").score())
                .isGreaterThanOrEqualTo(THRESHOLD);
    }
}
