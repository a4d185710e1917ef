package nl.kennisveiligheid.screening.matching;

import java.util.List;

/**
 * How alike two names are (0..1, a weighted cosine over their words), with the word pairs that
 * carried it, largest share first.
 */
public record NameScore(double score, List<WordMatch> words) {

    /** One word of the query paired with one of the list entry, and its share of the score. */
    public record WordMatch(String queryWord, String listWord, double similarity, double share) {}

    public static final NameScore NONE = new NameScore(0, List.of());
}
