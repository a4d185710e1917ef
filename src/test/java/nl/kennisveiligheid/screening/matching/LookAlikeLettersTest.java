package nl.kennisveiligheid.screening.matching;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Names are read by what they look like where letters from another script would mislead. */
class LookAlikeLettersTest {

    @Test
    void aMixedScriptWordIsReadAsItLooks() {
        assertThat(NameNormalizer.normalized("Наrbin Institute")).as("Cyrillic Н and а").isEqualTo("harbin institute");
        assertThat(NameNormalizer.normalized("Вeihang University")).as("Cyrillic В reads V").isEqualTo("beihang university");
        assertThat(NameNormalizer.normalized("ΒΕΙΗΑΝG")).as("Greek capitals, Ι is an I").isEqualTo("beihang");
        assertThat(NameNormalizer.normalized("Beijіng")).as("Ukrainian і").isEqualTo("beijing");
    }

    @Test
    void aWordInOneScriptIsReadForWhatItSays() {
        assertThat(NameNormalizer.normalized("Московский институт")).isEqualTo("moskovskij institute");
        assertThat(NameNormalizer.normalized("Northwestern")).as("no TR39 'rn' to 'm' on Latin text").isEqualTo("northwestern");
    }

    @Test
    void mixedScriptWordsAreReportedAndCjkWithLatinIsNot() {
        assertThat(LookAlikeLetters.mixedScriptWords("Тsinghua University, Beijing")).containsExactly("Тsinghua");
        assertThat(LookAlikeLetters.mixedScriptWords("Tsinghua University")).isEmpty();
        assertThat(LookAlikeLetters.mixedScriptWords("Московский университет")).isEmpty();
        assertThat(LookAlikeLetters.mixedScriptWords("東京大学 Todai")).isEmpty();
        assertThat(LookAlikeLetters.mixedScriptWords("دانشگاه تهران")).isEmpty();
    }

    @Test
    void traditionalChineseIsSimplifiedBeforePinyin() {
        assertThat(NameNormalizer.normalized("哈爾濱工業大學")).isEqualTo(NameNormalizer.normalized("哈尔滨工业大学"))
                .isEqualTo("haerbingongye university");
        assertThat(NameNormalizer.normalized("國防科技大學")).isEqualTo("guofangkeji university");
    }

    @Test
    void lettersSpeltOutOneByOneAreJoinedButInitialsAreNot() {
        assertThat(NameNormalizer.normalized("H a r b i n Institute")).isEqualTo("harbin institute");
        assertThat(NameNormalizer.normalized("B.U.A.A.")).isEqualTo("buaa");
        assertThat(NameNormalizer.normalized("哈 尔 滨 工 程 大 学")).isEqualTo("haerbingongcheng university");
        assertThat(NameNormalizer.normalized("K. N. Toosi University")).isEqualTo("k n toosi university");
    }

    @Test
    void theWorkPerNameIsBounded() {
        String longName = "北".repeat(2_000);
        assertThat(NameNormalizer.words(longName)).singleElement()
                .satisfies(w -> assertThat(w).hasSize(NameNormalizer.MAX_WORD_LENGTH));
        String manyWords = "word ".repeat(500);
        assertThat(NameNormalizer.words(manyWords)).hasSize(NameNormalizer.MAX_WORDS);
        assertThat(NameNormalizer.words("北".repeat(70) + "大学")).as("Chinese is read up to 64 characters")
                .doesNotContain("university");
        assertThat(NameNormalizer.words("北".repeat(20) + "大学")).contains("university");
        assertThat(NameNormalizer.words("北".repeat(30) + "大学" + "南".repeat(10)))
                .as("after 24 characters of pinyin, the rest of the Chinese is not transliterated")
                .containsExactly("bei".repeat(14).substring(0, NameNormalizer.MAX_WORD_LENGTH), "university",
                        "nan".repeat(ScriptTransliterator.MAX_HAN_TRANSLITERATED - ScriptTransliterator.MAX_HAN_RUN));
        assertThat(NameNormalizer.normalized("中国人民解放军战略支援部队信息工程大学"))
                .as("the longest name on the reference list is read whole")
                .isEqualTo("china pla zhanluezhiyuanbuduixinxigongcheng university");
        assertThat(NameNormalizer.readsWhole("x".repeat(NameNormalizer.MAX_CODE_POINTS))).isTrue();
        assertThat(NameNormalizer.readsWhole("x".repeat(NameNormalizer.MAX_CODE_POINTS + 1))).isFalse();
        assertThat(NameNormalizer.readsWhole("北".repeat(ScriptTransliterator.MAX_HAN_READ))).isTrue();
        assertThat(NameNormalizer.readsWhole("北".repeat(ScriptTransliterator.MAX_HAN_READ + 1))).isFalse();
        String longLatin = "x".repeat(400) + " Harbin";
        assertThat(NameNormalizer.words(longLatin)).as("characters past the bound are not read").doesNotContain("harbin");
    }

    @Test
    void aWordWhollyInLookAlikeLettersGetsASecondReadingBesideTheFirst() {
        assertThat(LookAlikeLetters.wholeWordLookAlikes("ВІТ")).isEqualTo("BIT");
        assertThat(LookAlikeLetters.wholeWordLookAlikes("Московский")).as("not every letter looks Latin").isNull();
        assertThat(LookAlikeLetters.wholeWordLookAlikes("Harbin")).isNull();
    }
}
