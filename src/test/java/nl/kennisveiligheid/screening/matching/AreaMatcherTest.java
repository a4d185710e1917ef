package nl.kennisveiligheid.screening.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AreaMatcherTest {

    private final AreaMatcher matcher = AreaMatcher.build(List.of(
            new SensitiveArea("SEMICONDUCTORS", List.of("semiconductor", "lithography", "EUV", "integrated circuit",
                    "chip design", "halfgeleider", "chipontwerp", "wafer"), List.of("solar wafer")),
            new SensitiveArea("PHOTONICS", List.of("photonic integrated circuit", "fotonische chip"), List.of()),
            new SensitiveArea("BIOTECH", List.of("vaccine", "vaccinontwikkeling"), List.of())));

    private List<String> codes(String text) {
        return matcher.match("research.description", text).stream().map(AreaMatch::areaCode).distinct().sorted().toList();
    }

    @Test
    void pluralsAndWordFormsMatchOnStems() {
        assertThat(codes("Semiconductors for cars")).containsExactly("SEMICONDUCTORS");
        assertThat(codes("Vaccines against influenza")).containsExactly("BIOTECH");
    }

    @Test
    void dutchWordFormsAndCompoundsMatch() {
        assertThat(codes("Onderzoek naar halfgeleiders")).containsExactly("SEMICONDUCTORS");
        assertThat(codes("Nieuwe halfgeleiderchips voor auto's")).containsExactly("SEMICONDUCTORS");
        assertThat(codes("Vaccinontwikkeling tegen griep")).containsExactly("BIOTECH");
        assertThat(codes("Methoden voor chipontwerp")).containsExactly("SEMICONDUCTORS");
    }

    @Test
    void phrasesMatchInEitherOrderWithinOneWord() {
        assertThat(codes("Design of chips for radar")).containsExactly("SEMICONDUCTORS");
        assertThat(codes("Design of modern radar systems with chips")).isEmpty();
    }

    @Test
    void theLongerTermWinsWhereItCoversAShorterOne() {
        assertThat(codes("Photonic integrated circuits for sensing")).containsExactly("PHOTONICS");
        assertThat(codes("Integrated circuits for sensing")).containsExactly("SEMICONDUCTORS");
    }

    @Test
    void excludeTermsCancelTheirAreaWhereTheyOverlap() {
        assertThat(codes("Cheaper solar wafers")).isEmpty();
        assertThat(codes("Solar wafers and EUV lithography")).containsExactly("SEMICONDUCTORS");
    }

    @Test
    void evidenceIsTheSpanAsWritten() {
        AreaMatch match = matcher.match("research.keywords[0]", "Advanced EUV-Lithography at scale").stream()
                .filter(m -> m.term().equals("lithography")).findFirst().orElseThrow();
        assertThat(match.evidence()).isEqualTo("Lithography");
        assertThat(match.field()).isEqualTo("research.keywords[0]");
        assertThat(match.start()).isEqualTo(13);
    }

    @Test
    void unrelatedTextTouchesNoArea() {
        assertThat(codes("Sociolinguistics of Frisian dialects")).isEmpty();
        assertThat(codes("")).isEmpty();
    }
}
