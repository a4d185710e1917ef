package nl.kennisveiligheid.screening.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyPagesTest {

    @Test
    void aDiffValueReadsAsWordsNotAsJson() {
        assertThat(PolicyPages.text(null)).isEmpty();
        assertThat(PolicyPages.text(12)).isEqualTo("12");
        assertThat(PolicyPages.text(List.of("BUAA", "Beihang"))).isEqualTo("BUAA, Beihang");
        var entity = new java.util.LinkedHashMap<String, Object>();
        entity.put("aliases", List.of("HIT"));
        entity.put("id", "hit");
        entity.put("name", "Harbin Institute of Technology");
        entity.put("source", null);
        assertThat(PolicyPages.text(entity)).isEqualTo("aliases: HIT; id: hit; name: Harbin Institute of Technology");
        assertThat(PolicyPages.text(Map.of("terms", List.of()))).isEqualTo("terms: ");
    }

    @Test
    void aChangeBelongsToTheSectionItsPathStartsWith() {
        assertThat(PolicyPages.section("highRiskEntities[hit].aliases")).isEqualTo("highRiskEntities");
        assertThat(PolicyPages.section("deadlines.decisionWeeks")).isEqualTo("deadlines");
        assertThat(PolicyPages.section("exemptNationalities")).isEqualTo("exemptNationalities");
    }
}
