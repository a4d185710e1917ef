package nl.kennisveiligheid.screening.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

/**
 * The tree writer against the RFC's reference implementation: for generated objects of strings
 * (control characters, quotes, non-Latin scripts, astral characters), integers, decimals, booleans,
 * nulls, nested objects and arrays, both give the same bytes. And the RFC's own example.
 */
class CanonicalWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Property(tries = 500)
    void theTreeWriterEqualsTheReferenceCanonicaliser(@ForAll("objects") Map<String, Object> value) throws Exception {
        String text = JSON.writeValueAsString(value);
        JsonNode tree = JSON.readTree(text);
        assertThat(CanonicalWriter.write(tree)).isEqualTo(new JsonCanonicalizer(text).getEncodedString());
    }

    @Test
    void theRfcExampleCanonicalisesAsTheRfcSays() throws Exception {
        // RFC 8785 section 3.2.3's sorting example: names compared by UTF-16 code units.
        String input = "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\","
                + "\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\",\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";
        String expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O With "
                + "Diaeresis\",\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";
        assertThat(CanonicalWriter.write(JSON.readTree(input))).isEqualTo(expected);
        assertThat(CanonicalWriter.write(JSON.readTree("{\"n\":[1E30,4.5,0.002,1e-27,-0.0,100]}")))
                .isEqualTo("{\"n\":[1e+30,4.5,0.002,1e-27,0,100]}");
    }

    @Provide
    Arbitrary<Map<String, Object>> objects() {
        Arbitrary<String> text = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(10),
                Arbitraries.strings().withCharRange('\u0000', '\u0040').ofMaxLength(6),
                Arbitraries.of("\u20ac", "\ud83d\ude00", "李伟", "\u2028", "é", "\"\\/"));
        Arbitrary<Object> leaves = Arbitraries.oneOf(
                text.map(s -> (Object) s),
                Arbitraries.longs().between(-9_007_199_254_740_991L, 9_007_199_254_740_991L).map(l -> (Object) l),
                Arbitraries.doubles().between(-1e12, 1e12).ofScale(4).map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
        Arbitrary<Object> nested = Arbitraries.maps(text, leaves).ofMaxSize(4).map(m -> (Object) new HashMap<>(m));
        Arbitrary<Object> lists = Arbitraries.oneOf(leaves, nested).list().ofMaxSize(4).map(l -> (Object) List.copyOf(
                l.stream().map(x -> x == null ? "null" : x).toList()));
        return Arbitraries.maps(text, Arbitraries.oneOf(leaves, nested, lists)).ofMaxSize(8).map(HashMap::new);
    }
}
