package nl.kennisveiligheid.screening.matching;

import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Transliterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Brings names in Chinese, Cyrillic, Arabic, Persian and other scripts to lowercase ASCII Latin with
 * ICU's transliterators. A run of Han characters becomes one pinyin word without syllable breaks,
 * so that "哈尔滨工业" and "Harbin Gongye" can meet; traditional characters are simplified first, and
 * generic words (the word table's {@code nativeWords}) translated, so that they keep their class
 * ("大学" is "university", not part of the distinctive word).
 */
final class ScriptTransliterator {

    private static final ThreadLocal<Transliterator> ANY_TO_LATIN =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Any-Latin; Latin-ASCII; Lower"));
    /** Traditional characters to simplified, so that "哈爾濱工業大學" meets "哈尔滨工业大学" and its generic words. */
    private static final ThreadLocal<Transliterator> TRADITIONAL_TO_SIMPLIFIED =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Traditional-Simplified"));
    /** Spaces or punctuation between Han characters, which carry no word breaks of their own. */
    private static final Pattern SPACED_HAN = Pattern.compile("(?<=\\p{IsHan})[\\s\\p{P}&&[^()（）【】\\[\\]]]+(?=\\p{IsHan})");
    private static final ThreadLocal<Transliterator> HAN_TO_LATIN =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Han-Latin; Latin-ASCII; Lower"));

    private ScriptTransliterator() {}

    static String toLatin(String text) {
        if (LookAlikeLetters.isAscii(text)) {
            return text;
        }
        String withGenericWords = text;
        if (containsHan(text)) {
            withGenericWords = TRADITIONAL_TO_SIMPLIFIED.get().transliterate(SPACED_HAN.matcher(text).replaceAll(""));
        }
        for (Map.Entry<String, String> generic : NameVocabulary.get().nativeWords().entrySet()) {
            if (withGenericWords.contains(generic.getKey())) {
                withGenericWords = withGenericWords.replace(generic.getKey(), generic.getValue());
            }
        }
        StringBuilder out = new StringBuilder(withGenericWords.length() * 2);
        StringBuilder hanRun = new StringBuilder();
        StringBuilder otherRun = new StringBuilder();
        withGenericWords.codePoints().forEach(cp -> {
            if (UScript.getScript(cp) == UScript.HAN) {
                flush(otherRun, out, false);
                hanRun.appendCodePoint(cp);
            } else {
                flush(hanRun, out, true);
                otherRun.appendCodePoint(cp);
            }
        });
        flush(hanRun, out, true);
        flush(otherRun, out, false);
        return out.toString();
    }

    private static void flush(StringBuilder run, StringBuilder out, boolean han) {
        if (run.isEmpty()) {
            return;
        }
        if (han) {
            out.append(' ').append(HAN_TO_LATIN.get().transliterate(run.toString()).replaceAll("[\\s'’]+", ""))
                    .append(' ');
        } else {
            String text = run.toString();
            out.append(LookAlikeLetters.isAscii(text) ? text : ANY_TO_LATIN.get().transliterate(text));
        }
        run.setLength(0);
    }

    private static boolean containsHan(String text) {
        return text.codePoints().anyMatch(cp -> UScript.getScript(cp) == UScript.HAN);
    }
}
