package nl.kennisveiligheid.screening.matching;

import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.SpoofChecker;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a name by what it looks like where what it says would be misleading: a word that mixes
 * scripts ("Наrbin" with a Cyrillic Н, "ΒΕΙΗΑΝG" with Greek capitals) is folded to Latin through
 * the Unicode TR39 confusable skeleton (ICU's {@link SpoofChecker}), so that it is compared as the
 * reader sees it and not as "Narbin". Words in one script are left alone: a Russian name is read
 * for what it says. Mixed words are also reported, since real names rarely mix scripts in a word.
 */
public final class LookAlikeLetters {

    /** TR39 "highly restrictive": one script per word, or Latin with the Han-based scripts of CJK. */
    private static final ThreadLocal<SpoofChecker> MIXED_SCRIPT = ThreadLocal.withInitial(() -> new SpoofChecker.Builder()
            .setChecks(SpoofChecker.RESTRICTION_LEVEL)
            .setRestrictionLevel(SpoofChecker.RestrictionLevel.HIGHLY_RESTRICTIVE)
            .build());
    private static final ThreadLocal<SpoofChecker> SKELETON = ThreadLocal.withInitial(() -> new SpoofChecker.Builder().build());
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+");
    /**
     * Each character's look-alike, once computed ("" for none): the skeleton's normalisation costs
     * microseconds a character. Bounded, since the characters are the input's choice.
     */
    private static final java.util.concurrent.ConcurrentHashMap<Integer, String> KNOWN_LOOK_ALIKES =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int REMEMBERED_CHARACTERS = 8192;

    private LookAlikeLetters() {}

    /** The words of {@code text} that mix scripts, in order. */
    public static List<String> mixedScriptWords(String text) {
        List<String> mixed = new ArrayList<>();
        if (isAscii(text)) {
            return mixed;
        }
        Matcher word = WORD.matcher(text);
        while (word.find()) {
            if (MIXED_SCRIPT.get().failsChecks(word.group())) {
                mixed.add(word.group());
            }
        }
        return mixed;
    }

    /** {@code text} with the letters of mixed-script words that look Latin replaced by those Latin letters. */
    static String fold(String text) {
        if (isAscii(text)) {
            return text;
        }
        return replaceWords(text, w -> MIXED_SCRIPT.get().failsChecks(w) ? toLatinLookAlikes(w) : null);
    }

    /**
     * {@code text} with each word written wholly in letters of another script that look Latin
     * ("ВІТ" in Cyrillic) read as Latin ("BIT"), or null when it has none. Such a word may as well be
     * a real word of its script, so this is a second reading beside the first, not a replacement.
     */
    static String wholeWordLookAlikes(String text) {
        if (isAscii(text)) {
            return null;
        }
        String read = replaceWords(text, w -> isAscii(w) ? null : whollyLatinLookAlikes(w));
        return read.equals(text) ? null : read;
    }

    /** {@code text} with each word replaced by what {@code replacement} gives for it (null: kept). */
    private static String replaceWords(String text, java.util.function.UnaryOperator<String> replacement) {
        Matcher word = WORD.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (word.find()) {
            String replaced = replacement.apply(word.group());
            word.appendReplacement(out, Matcher.quoteReplacement(replaced != null ? replaced : word.group()));
        }
        word.appendTail(out);
        return out.toString();
    }

    /** The Latin letters {@code word} looks like, or null at its first letter that looks like none. */
    private static String whollyLatinLookAlikes(String word) {
        StringBuilder out = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); ) {
            int cp = word.codePointAt(i);
            i += Character.charCount(cp);
            String latin = latinLookAlike(cp);
            if (latin == null) {
                return null;
            }
            out.append(latin);
        }
        return out.toString();
    }

    /** The ASCII letters a character looks like (itself for ASCII letters), or null. */
    private static String latinLookAlike(int cp) {
        if (cp < 0x80) {
            return Character.isLetter(cp) ? String.valueOf((char) cp) : null;
        }
        int script = UScript.getScript(cp);
        if (script == UScript.HAN || script == UScript.ARABIC || script == UScript.HANGUL) {
            return null; // no letter of these scripts looks Latin; skip the skeleton's normalisation
        }
        String known = KNOWN_LOOK_ALIKES.get(cp);
        if (known != null) {
            return known.isEmpty() ? null : known;
        }
        String skeleton = SKELETON.get().getSkeleton(new String(Character.toChars(cp)));
        // TR39's prototype for every I-shaped glyph is "l"; a capital I-shape in a name is an I.
        String latin = !isAsciiLetters(skeleton) ? "" : skeleton.equals("l") && Character.isUpperCase(cp) ? "I" : skeleton;
        if (KNOWN_LOOK_ALIKES.size() < REMEMBERED_CHARACTERS) {
            KNOWN_LOOK_ALIKES.put(cp, latin);
        }
        return latin.isEmpty() ? null : latin;
    }

    private static String toLatinLookAlikes(String word) {
        StringBuilder out = new StringBuilder(word.length());
        word.codePoints().forEach(cp -> {
            int script = UScript.getScript(cp);
            if (script == UScript.LATIN || script == UScript.COMMON || script == UScript.INHERITED) {
                out.appendCodePoint(cp);
                return;
            }
            String latin = latinLookAlike(cp);
            if (latin == null) {
                out.appendCodePoint(cp);
            } else {
                out.append(latin);
            }
        });
        return out.toString();
    }

    private static boolean isAsciiLetters(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }
}
