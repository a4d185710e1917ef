package nl.kennisveiligheid.screening.matching;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.Transliterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every rule that reads a name as it looks, tested the way an evader would use it: generated
 * variants of every name and alias on the reference list (look-alike letters from Cyrillic and
 * Greek, letters spelt out, case, bibliographic abbreviations, a campus or city tail, traditional or
 * spaced Chinese characters) must still match their listed entity.
 */
class ListedNameVariantsProperties {

    private static final double THRESHOLD = 0.90;
    private static final List<ListedEntity> ENTITIES = load();
    private static final EntityIndex INDEX = EntityIndex.build(ENTITIES);
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    private static final Map<Character, String> LOOK_ALIKES = Map.ofEntries(
            Map.entry('A', "АΑ"), Map.entry('B', "ВΒ"), Map.entry('C', "С"), Map.entry('E', "ЕΕ"), Map.entry('H', "НΗ"),
            Map.entry('I', "ІΙ"), Map.entry('K', "КΚ"), Map.entry('M', "МΜ"), Map.entry('N', "Ν"), Map.entry('O', "ОΟ"),
            Map.entry('P', "РΡ"), Map.entry('T', "ТΤ"), Map.entry('X', "ХΧ"), Map.entry('Y', "Υ"), Map.entry('a', "а"),
            Map.entry('c', "с"), Map.entry('e', "е"), Map.entry('o', "оο"), Map.entry('p', "р"), Map.entry('x', "х"),
            Map.entry('y', "у"), Map.entry('i', "і"), Map.entry('j', "ј"), Map.entry('s', "ѕ"));
    private static final List<String> TAILS = List.of(", Beijing", " (Shenzhen campus)", ", School of Physics",
            ", Peoples R China", " Graduate School");
    private static final Map<String, String> ABBREVIATIONS = Map.of("University", "Univ", "Institute", "Inst",
            "Technology", "Technol", "Science", "Sci", "Engineering", "Engn", "National", "Natl", "and", "&",
            "Academy", "Acad", "Research", "Res");

    record Named(ListedEntity entity, String name) {}

    private static List<ListedEntity> load() {
        try {
            return EvaluationData.referenceEntities();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<Named> listedNames() {
        List<Named> all = new ArrayList<>();
        for (ListedEntity e : ENTITIES) {
            all.add(new Named(e, e.name()));
            e.aliases().forEach(a -> all.add(new Named(e, a)));
        }
        return Arbitraries.of(all);
    }

    @Property(tries = 600)
    void lookAlikeLettersFromOtherScriptsDoNotHideAListedName(@ForAll("listedNames") Named named,
            @ForAll("seeds") long seed) {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder();
        for (char c : named.name().toCharArray()) {
            String alikes = LOOK_ALIKES.get(c);
            out.append(alikes != null && random.nextInt(3) == 0 ? alikes.charAt(random.nextInt(alikes.length())) : c);
        }
        assertMatches(named, out.toString());
    }

    @Property(tries = 300)
    void aWordSpeltOutLetterByLetterStillMatches(@ForAll("listedNames") Named named, @ForAll("seeds") long seed) {
        String[] words = named.name().split(" ");
        int pick = new Random(seed).nextInt(words.length);
        if (words[pick].length() >= 3 && words[pick].chars().allMatch(Character::isLetter)) {
            words[pick] = String.join(seed % 2 == 0 ? " " : ".", words[pick].split(""));
        }
        assertMatches(named, String.join(" ", words));
    }

    @Property(tries = 300)
    void caseAbbreviationsAndTailsDoNotHideAListedName(@ForAll("listedNames") Named named, @ForAll("seeds") long seed) {
        Random random = new Random(seed);
        String variant = named.name();
        if (random.nextBoolean()) {
            for (Map.Entry<String, String> a : ABBREVIATIONS.entrySet()) {
                variant = variant.replaceAll("\\b" + a.getKey() + "s?\\b", a.getValue());
            }
        }
        variant = switch (random.nextInt(3)) {
            case 0 -> variant.toUpperCase(Locale.ROOT);
            case 1 -> variant.toLowerCase(Locale.ROOT);
            default -> variant;
        };
        if (random.nextBoolean()) {
            variant = variant + TAILS.get(random.nextInt(TAILS.size()));
        }
        assertMatches(named, variant);
    }

    @Property(tries = 200)
    void traditionalOrSpacedCharactersDoNotHideAChineseName(@ForAll("chineseNames") Named named,
            @ForAll("seeds") long seed) {
        String variant = seed % 2 == 0
                ? Transliterator.getInstance("Simplified-Traditional").transliterate(named.name())
                : String.join(seed % 3 == 0 ? " " : "・", named.name().split(""));
        assertMatches(named, variant);
    }

    @Provide
    Arbitrary<Named> chineseNames() {
        return listedNames().filter(n -> HAN.matcher(n.name()).find());
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    private static void assertMatches(Named named, String variant) {
        assertThat(INDEX.match(variant, named.entity().country(), THRESHOLD))
                .as("'%s', a variant of '%s'", variant, named.name())
                .extracting(EntityMatch::entityId).contains(named.entity().id());
    }

}
