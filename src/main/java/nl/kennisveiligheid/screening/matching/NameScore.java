package nl.kennisveiligheid.screening.matching;

import java.util.List;

/**
 * How alike two names are (0..1), with the word pairs that carried it (largest share first), the
 * words of either side that the other lacks and that cost the score, and the input's words that
 * were read as a campus, department or city tail rather than as part of the name.
 */
public record NameScore(double score, List<WordMatch> words, List<MissingWord> missing, List<String> tail) {

    /** One word of the query paired with one of the list entry, and its share of the score. */
    public record WordMatch(String queryWord, String listWord, double similarity, double share) {}

    /** A qualifying or distinctive word that one side has and the other lacks, or one of two different types. */
    public record MissingWord(String word, Side side, WordClass wordClass) {}

    /** Which name has the word the other lacks. */
    public enum Side { INPUT, LISTED }

    public static final NameScore NONE = new NameScore(0, List.of(), List.of(), List.of());

    public NameScore(double score, List<WordMatch> words) {
        this(score, words, List.of(), List.of());
    }
}
