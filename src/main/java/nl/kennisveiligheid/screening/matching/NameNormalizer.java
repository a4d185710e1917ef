package nl.kennisveiligheid.screening.matching;

import com.ibm.icu.text.Normalizer2;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an institution's name as written in a CV, a bibliographic record or a list into comparable
 * words: look-alike letters of mixed-script words folded to Latin, Unicode NFKC with case folding,
 * any script to ASCII Latin (traditional Chinese simplified first), accents dropped, "&amp;" as "and",
 * apostrophes dropped ("Xi'an"), hyphenated words joined ("North-western"), letters spelt out one by
 * one joined ("H a r b i n"), other punctuation as spaces, and each word to the one form the word
 * table gives it ("Univ.", "Natl", "Sci &amp; Technol"; British and American spellings; plurals).
 *
 * <p>The work per name is bounded: only the first {@value #MAX_CODE_POINTS} characters and
 * {@value #MAX_WORDS} words are read (of Chinese fewer: see {@link ScriptTransliterator}),
 * and a word is cut at {@value #MAX_WORD_LENGTH} letters, so
 * that a pathological name costs no more than a long ordinary one. The request contract caps names
 * at 300 characters; real institution names stay well inside these bounds.
 */
public final class NameNormalizer {

    static final int MAX_CODE_POINTS = 200;
    /** What is read of a name, in words, for explanations. */
    public static final String MAX_READ_DESCRIPTION = "the first " + MAX_CODE_POINTS + " characters, of them "
            + ScriptTransliterator.MAX_HAN_READ + " Chinese";
    static final int MAX_WORDS = 16;
    static final int MAX_WORD_LENGTH = 40;
    /**
     * Three or more one-letter words in a row are a word spelt out letter by letter; two are initials
     * ("K. N. Toosi"). Brackets are not separators, so that "(A)" stays apart.
     */
    private static final Pattern SPELT_OUT = Pattern.compile(
            "(?<![\\p{L}\\p{M}])\\p{L}\\p{M}*(?:[\\s\\p{P}&&[^()\\[\\]（）]]+\\p{L}\\p{M}*(?![\\p{L}\\p{M}])){2,}");
    private static final Pattern SPELT_OUT_SEPARATOR = Pattern.compile("[\\s\\p{P}]+");

    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();
    private static final Pattern APOSTROPHES = Pattern.compile("['’`´ʼ]");
    private static final Pattern JOINING_HYPHEN = Pattern.compile("(?<=\\p{Alnum})[-‐‑–](?=\\p{Alnum})");
    private static final Pattern NOT_WORD = Pattern.compile("[^a-z0-9]+");
    private static final Pattern ORDINAL_NUMBER = Pattern.compile("(\\d+)(st|nd|rd|th)");

    private NameNormalizer() {}

    /** The comparable words of a name, in their original order. */
    public static List<String> words(String name) {
        String folded = joinSpeltOut(NFKC_CASEFOLD.normalize(LookAlikeLetters.fold(bounded(name))));
        String latin = ScriptTransliterator.toLatin(folded).toLowerCase(Locale.ROOT);
        latin = latin.replace("&", " and ");
        latin = APOSTROPHES.matcher(latin).replaceAll("");
        latin = JOINING_HYPHEN.matcher(latin).replaceAll("");
        latin = ORDINAL_NUMBER.matcher(latin).replaceAll("$1");
        List<String> raw = new ArrayList<>();
        for (String word : NOT_WORD.split(latin)) {
            if (!word.isEmpty()) {
                raw.add(word);
            }
        }
        List<String> words = new ArrayList<>();
        NameVocabulary vocabulary = NameVocabulary.get();
        for (String word : raw) {
            if (words.size() == MAX_WORDS) {
                break;
            }
            words.add(vocabulary.canonical(word.length() > MAX_WORD_LENGTH ? word.substring(0, MAX_WORD_LENGTH) : word));
        }
        return words;
    }

    /**
     * Whether matching reads all of {@code name}: at most {@value #MAX_CODE_POINTS} characters, of them
     * at most {@link ScriptTransliterator#MAX_HAN_READ} Chinese. A longer name may hide a listed one
     * past what is read, so triage reports it for review.
     */
    public static boolean readsWhole(String name) {
        if (name.codePointCount(0, name.length()) > MAX_CODE_POINTS) {
            return false;
        }
        return ScriptTransliterator.hanCharacters(name) <= ScriptTransliterator.MAX_HAN_READ;
    }

    /** The first {@value #MAX_CODE_POINTS} characters of {@code name}. */
    static String bounded(String name) {
        return name.codePointCount(0, name.length()) > MAX_CODE_POINTS
                ? name.substring(0, name.offsetByCodePoints(0, MAX_CODE_POINTS)) : name;
    }

    /** Whether some letter stands alone between non-letters: the cheap test before the run pattern. */
    private static boolean hasOneLetterWord(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            if (Character.isLetter(text.charAt(i)) && (i == 0 || !Character.isLetter(text.charAt(i - 1)))
                    && (i + 1 == length || !Character.isLetter(text.charAt(i + 1))
                            && Character.getType(text.charAt(i + 1)) != Character.NON_SPACING_MARK)) {
                return true;
            }
        }
        return false;
    }

    /** The normalised form as one string, for explanations and exact comparison. */
    public static String normalized(String name) {
        return String.join(" ", words(name));
    }

    /** Joins each run of at least three one-letter words in any script ("H a r b i n", "B.U.A.A", "ا ش ت ر"). */
    static String joinSpeltOut(String text) {
        if (!hasOneLetterWord(text)) {
            return text;
        }
        Matcher run = SPELT_OUT.matcher(text);
        if (!run.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            run.appendReplacement(out, Matcher.quoteReplacement(SPELT_OUT_SEPARATOR.matcher(run.group()).replaceAll("")));
        } while (run.find());
        run.appendTail(out);
        return out.toString();
    }
}
