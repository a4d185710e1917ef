package nl.kennisveiligheid.screening.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The traps of entity matching, on a small list written here so the test stands on its own. */
class EntityMatchingTest {

    private static final double THRESHOLD = 0.90;
    private static final double REVIEW_THRESHOLD = 0.80;
    private static EntityIndex index;

    @BeforeAll
    static void buildIndex() {
        index = EntityIndex.build(List.of(
                new ListedEntity("hit", "Harbin Institute of Technology", List.of("HIT", "哈尔滨工业大学", "Harbin Gongye Daxue"), "CN"),
                new ListedEntity("heu", "Harbin Engineering University", List.of("HEU", "哈尔滨工程大学"), "CN"),
                new ListedEntity("nwpu", "Northwestern Polytechnical University", List.of("NWPU", "西北工业大学"), "CN"),
                new ListedEntity("uestc", "University of Electronic Science and Technology of China", List.of("UESTC"), "CN"),
                new ListedEntity("nuaa", "Nanjing University of Aeronautics and Astronautics", List.of("NUAA"), "CN"),
                new ListedEntity("njust", "Nanjing University of Science and Technology", List.of("NJUST"), "CN"),
                new ListedEntity("nudt", "National University of Defense Technology", List.of("国防科技大学"), "CN"),
                new ListedEntity("beihang", "Beihang University",
                        List.of("Beijing University of Aeronautics and Astronautics", "BUAA"), "CN"),
                new ListedEntity("bit", "Beijing Institute of Technology", List.of("BIT"), "CN"),
                new ListedEntity("mut", "Malek Ashtar University of Technology", List.of("دانشگاه صنعتی مالک اشتر"), "IR"),
                new ListedEntity("mipt", "Moscow Institute of Physics and Technology",
                        List.of("Московский физико-технический институт"), "RU")));
    }

    private static String top(String input, String country) {
        List<EntityMatch> matches = index.match(input, country, THRESHOLD);
        return matches.isEmpty() ? null : matches.get(0).entityId();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Harbin University of Science and Technology|CN",
            "University of Science and Technology of China|CN",
            "Nanjing University|CN",
            "Northwestern University|US",
            "Beijing Normal University|CN",
            "Harbin Normal University|CN",
            "Beijing Institute of Petrochemical Technology|CN",
            "Northeastern University|CN",
            "Moscow State University|RU",
            "Beijing University of Technology|CN",
            "Nanjing University of Information Science and Technology|CN",
            "Harbin University|CN",
            "Xidian University|CN",
            "西安电子科技大学|CN",
    })
    void similarNamesOfDifferentInstitutionsDoNotMatch(String input, String country) {
        assertThat(top(input, country)).as(input).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Harbin Inst. of Technology|CN|hit",
            "HARBIN INSTITUTE OF TECHNOLOGY|CN|hit",
            "Harbin Institute of Technology (Shenzhen)|CN|hit",
            "Harbin Institute of Technology, School of Astronautics|CN|hit",
            "School of Astronautics, Harbin Institute of Technology, Harbin|CN|hit",
            "Technology Institute of Harbin|CN|hit",
            "North-western Polytechnical Univ., Xi'an|CN|nwpu",
            "Northwestern Polytechnic University|CN|nwpu",
            "Univ. of Electronic Sci. & Technol. of China|CN|uestc",
            "Nanjing Univ Aeronaut & Astronaut|CN|nuaa",
            "Natl. Univ. of Defence Technology, Changsha|CN|nudt",
            "NUDT|CN|nudt",
            "BUAA|CN|beihang",
            "Beijing Univ. of Aeronautics & Astronautics|CN|beihang",
            "Malek-Ashtar University of Technology|IR|mut",
            "Moscow Inst. of Physics & Technology|RU|mipt",
            "Наrbin Institute of Technology|CN|hit",
            "ΒΕΙΗΑΝG University|CN|beihang",
            "ВІТ|CN|bit",
            "H a r b i n Institute of Technology|CN|hit",
            "哈爾濱工業大學|CN|hit",
            "Nanjing Univ Sci & Technol, Sch Chem Engn, Nanjing 210094, Peoples R China|CN|njust",
    })
    void writtenVariantsOfAListedNameMatch(String input, String country, String expected) {
        assertThat(top(input, country)).as(input).isEqualTo(expected);
    }

    @Test
    void scriptsMeetTheirLatinForms() {
        assertThat(top("哈尔滨工业大学", "CN")).isEqualTo("hit");
        assertThat(top("Harbin Gongye Daxue", "CN")).isEqualTo("hit");
        assertThat(top("HarbinGongye Daxue", "CN")).isEqualTo("hit");
        assertThat(top("国防科技大学", null)).isEqualTo("nudt");
        assertThat(top("Московский физико-технический институт", "RU")).isEqualTo("mipt");
        assertThat(top("دانشگاه صنعتی مالک اشتر", "IR")).isEqualTo("mut");
    }

    @Test
    void anAcronymOfAnotherCountryDoesNotCountAsAMatch() {
        assertThat(index.match("NUDT", "US", THRESHOLD)).allSatisfy(m -> assertThat(m.countryDiffers()).isTrue());
        assertThat(index.match("BIT", "IN", 0.0)).allSatisfy(m -> assertThat(m.score()).isLessThan(1.0));
    }

    @Test
    void everyMatchExplainsItself() {
        EntityMatch match = index.match("Harbin Inst. of Technology, Shenzhen", "CN", THRESHOLD).get(0);
        assertThat(match.entityId()).isEqualTo("hit");
        assertThat(match.listedName()).isEqualTo("Harbin Institute of Technology");
        assertThat(match.inputText()).isEqualTo("Harbin Inst. of Technology, Shenzhen");
        assertThat(match.matchedPart()).isEqualTo("Harbin Inst. of Technology");
        assertThat(match.normalizedInput()).isEqualTo("harbin institute of technology");
        assertThat(match.normalizedListed()).isEqualTo("harbin institute of technology");
        assertThat(match.score()).isEqualTo(1.0);
        assertThat(match.method()).isEqualTo(EntityMatch.Method.EXACT);
        assertThat(match.words()).extracting(NameScore.WordMatch::queryWord).contains("harbin");
    }

    @Test
    void aTypoInTheDistinctiveWordIsAWeakMatchForReviewNotAMatch() {
        assertThat(top("Harbn Institute of Technology", "CN")).isNull();
        List<EntityMatch> weak = index.match("Harbn Institute of Technology", "CN", REVIEW_THRESHOLD);
        assertThat(weak).extracting(EntityMatch::entityId).containsExactly("hit");
    }

    @Test
    void aTypoInAGenericWordStillMatches() {
        assertThat(top("Harbin Institue of Technolgy", "CN")).isEqualTo("hit");
        assertThat(top("Beijing Univ of Aeronuatics and Astronautics", "CN")).isEqualTo("beihang");
    }

    @Test
    void theDistinctiveWordCarriesTheScore() {
        EntityMatch match = index.match("Harbn Institute of Technology", "CN", REVIEW_THRESHOLD).get(0);
        assertThat(match.method()).isEqualTo(EntityMatch.Method.WORDS);
        assertThat(match.words().get(0).listWord()).isEqualTo("harbin");
        assertThat(match.words().get(0).share()).isGreaterThan(0.5);
    }

    @Test
    void scoresAreDeterministic() {
        assertThat(index.match("Harbin Institue of Technology", "CN", 0.5))
                .isEqualTo(index.match("Harbin Institue of Technology", "CN", 0.5));
    }
}
