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
 *
 * <p>ICU's Han-Latin costs about 10 µs a character, so the work is bounded: a name's first
 * {@value #MAX_HAN_READ} Han characters are read; once its generic words are translated, at most
 * {@value #MAX_HAN_TRANSLITERATED} characters go to pinyin, a run at most {@value #MAX_HAN_RUN} (its
 * pinyin is cut at the word length anyway); and a thread's recent runs are remembered, since an
 * affiliation's parts repeat the same runs. Real names need less: the longest on the reference list,
 * "中国人民解放军战略支援部队信息工程大学", has 19 characters, 10 of them left once its generic words are
 * translated.
 */
final class ScriptTransliterator {

    private static final ThreadLocal<Transliterator> ANY_TO_LATIN =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Any-Latin"));
    /** Traditional characters to simplified, so that "哈爾濱工業大學" meets "哈尔滨工业大学" and its generic words. */
    private static final ThreadLocal<Transliterator> TRADITIONAL_TO_SIMPLIFIED =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Traditional-Simplified"));
    /** Spaces or punctuation between Han characters, which carry no word breaks of their own. */
    private static final Pattern SPACED_HAN = Pattern.compile("(?<=\\p{IsHan})[\\s\\p{P}&&[^()（）【】\\[\\]]]+(?=\\p{IsHan})");
    private static final ThreadLocal<Transliterator> HAN_TO_LATIN =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Han-Latin"));

    static final int MAX_HAN_READ = 64;
    static final int MAX_HAN_TRANSLITERATED = 24;
    static final int MAX_HAN_RUN = 16;
    private static final int REMEMBERED_RUNS = 256;
    private static final ThreadLocal<Map<String, String>> RECENT_RUNS = ThreadLocal.withInitial(() ->
            new java.util.LinkedHashMap<>(REMEMBERED_RUNS * 2, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > REMEMBERED_RUNS;
                }
            });

    private ScriptTransliterator() {}

    static String toLatin(String text) {
        if (LookAlikeLetters.isAscii(text)) {
            return text;
        }
        String withGenericWords = text;
        if (containsHan(text)) {
            withGenericWords = TRADITIONAL_TO_SIMPLIFIED.get().transliterate(
                    upToHanCharacters(SPACED_HAN.matcher(text).replaceAll(""), MAX_HAN_READ));
        }
        for (Map.Entry<String, String> generic : NameVocabulary.get().nativeWords().entrySet()) {
            if (withGenericWords.contains(generic.getKey())) {
                withGenericWords = withGenericWords.replace(generic.getKey(), generic.getValue());
            }
        }
        StringBuilder out = new StringBuilder(withGenericWords.length() * 2);
        StringBuilder hanRun = new StringBuilder();
        StringBuilder otherRun = new StringBuilder();
        int[] hanBudget = {MAX_HAN_TRANSLITERATED};
        withGenericWords.codePoints().forEach(cp -> {
            if (isHan(cp)) {
                flushOther(otherRun, out);
                hanRun.appendCodePoint(cp);
            } else {
                flushHan(hanRun, out, hanBudget);
                otherRun.appendCodePoint(cp);
            }
        });
        flushHan(hanRun, out, hanBudget);
        flushOther(otherRun, out);
        return out.toString();
    }

    /** A run of Han characters as one pinyin word, within what is left of the name's budget. */
    private static void flushHan(StringBuilder run, StringBuilder out, int[] budget) {
        if (run.isEmpty()) {
            return;
        }
        int take = Math.min(Math.min(MAX_HAN_RUN, budget[0]), run.codePointCount(0, run.length()));
        if (take > 0) {
            budget[0] -= take;
            String characters = run.substring(0, run.offsetByCodePoints(0, take));
            out.append(' ').append(RECENT_RUNS.get().computeIfAbsent(characters,
                    c -> AsciiFolding.fold(HAN_TO_LATIN.get().transliterate(c)).replaceAll("[\\s'’]+", "")))
                    .append(' ');
        }
        run.setLength(0);
    }

    private static void flushOther(StringBuilder run, StringBuilder out) {
        if (run.isEmpty()) {
            return;
        }
        String text = run.toString();
        out.append(LookAlikeLetters.isAscii(text) ? text : AsciiFolding.fold(ANY_TO_LATIN.get().transliterate(text)));
        run.setLength(0);
    }

    /** {@code text} up to and including its {@code limit}th Han character. */
    private static String upToHanCharacters(String text, int limit) {
        int seen = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (isHan(cp) && ++seen == limit) {
                return text.substring(0, i);
            }
        }
        return text;
    }

    private static boolean containsHan(String text) {
        return text.codePoints().anyMatch(ScriptTransliterator::isHan);
    }

    static long hanCharacters(String text) {
        return text.codePoints().filter(ScriptTransliterator::isHan).count();
    }

    private static boolean isHan(int codePoint) {
        return UScript.getScript(codePoint) == UScript.HAN;
    }
}
