package nl.kennisveiligheid.screening.matching;

import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Transliterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Brings names in Chinese, Cyrillic, Arabic, Persian and other scripts to lowercase ASCII Latin with
 * ICU's transliterators. A run of Han characters becomes one pinyin word without syllable breaks,
 * so that "哈尔滨工业" and "Harbin Gongye" can meet; generic words are translated first, so that
 * they keep their low weight ("大学" is "university", not part of the distinctive word).
 */
final class ScriptTransliterator {

    /** Generic words in non-Latin scripts, longest first, replaced by their English equivalent. */
    private static final Map<String, String> GENERIC_WORDS = orderedMap(
            "中国人民解放军", " china pla ",
            "人民解放军", " pla ",
            "解放军", " pla ",
            "集团有限公司", " group corporation ",
            "集团公司", " group corporation ",
            "有限公司", " company limited ",
            "研究中心", " research center ",
            "研究院", " academy ",
            "研究所", " institute ",
            "大学", " university ",
            "学院", " academy ",
            "集团", " group ",
            "公司", " corporation ",
            "中心", " center ",
            "中国", " china ",
            "دانشگاه", " university ",
            "جامعة", " university ",
            "پژوهشگاه", " institute ",
            "معهد", " institute ",
            "صنعتی", " technology ");

    private static final ThreadLocal<Transliterator> ANY_TO_LATIN =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Any-Latin; Latin-ASCII; Lower"));
    private static final ThreadLocal<Transliterator> HAN_TO_LATIN =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Han-Latin; Latin-ASCII; Lower"));

    private ScriptTransliterator() {}

    static String toLatin(String text) {
        if (isAscii(text)) {
            return text;
        }
        String withGenericWords = text;
        for (Map.Entry<String, String> generic : GENERIC_WORDS.entrySet()) {
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
            out.append(isAscii(text) ? text : ANY_TO_LATIN.get().transliterate(text));
        }
        run.setLength(0);
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
