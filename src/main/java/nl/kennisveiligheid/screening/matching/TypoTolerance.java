package nl.kennisveiligheid.screening.matching;

import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Word similarity that forgives typing and transliteration slips in proportion to the word's
 * length, as search engines do: none for words of up to four letters (acronyms and short words
 * differ meaningfully by one letter), one edit up to eight, two beyond; the first letter must
 * agree (slips there are rare, and it keeps the index's fuzzy look-up to one bucket).
 */
public final class TypoTolerance {

    private static final LevenshteinDistance ONE_EDIT = new LevenshteinDistance(1);
    private static final LevenshteinDistance TWO_EDITS = new LevenshteinDistance(2);

    private TypoTolerance() {}

    public static int allowedEdits(int length) {
        if (length <= 4) {
            return 0;
        }
        return length <= 8 ? 1 : 2;
    }

    /** 1 for equal words, 1 - edits/length within the allowed edits, otherwise 0. */
    public static double similarity(String a, String b) {
        if (a.equals(b)) {
            return 1.0;
        }
        int shorter = Math.min(a.length(), b.length());
        int allowed = allowedEdits(shorter);
        if (allowed == 0 || Math.abs(a.length() - b.length()) > allowed) {
            return 0.0;
        }
        if (a.charAt(0) != b.charAt(0)) {
            return 0.0;
        }
        int edits = (allowed == 1 ? ONE_EDIT : TWO_EDITS).apply(a, b);
        if (edits < 0) {
            return 0.0;
        }
        return 1.0 - (double) edits / Math.max(a.length(), b.length());
    }
}
