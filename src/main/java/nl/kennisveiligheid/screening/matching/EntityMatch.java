package nl.kennisveiligheid.screening.matching;

import java.util.List;

/**
 * One list entry that an input name matched, with everything needed to explain the match to a
 * legal officer: which entry, which of its names or aliases, which part of the input, both
 * normalised forms, the score, how it was reached, the words that carried it, the qualifying or
 * distinctive words one side lacked, and the input's words read as a campus, department or city tail.
 */
public record EntityMatch(
        String entityId,
        String listedName,
        String inputText,
        String matchedPart,
        String normalizedInput,
        String normalizedListed,
        double score,
        Method method,
        List<NameScore.WordMatch> words,
        List<NameScore.MissingWord> missing,
        List<String> tail,
        boolean countryDiffers) {

    /** How the score was reached. */
    public enum Method {
        /** The normalised forms are equal. */
        EXACT,
        /** Weighted word similarity. */
        WORDS,
        /** The input is an acronym formed from the listed name's significant words. */
        ACRONYM
    }
}
