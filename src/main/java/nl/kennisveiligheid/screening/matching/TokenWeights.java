package nl.kennisveiligheid.screening.matching;

import java.util.Set;

/**
 * How much a word of an institution's name says about which institution it is. Generic words are
 * down-weighted, never deleted: deleting them made "University of Science and Technology of China"
 * and "University of Electronic Science and Technology of China" the same name in public screening
 * engines, while keeping them at a small weight lets their presence or absence still count.
 */
public final class TokenWeights {

    public static final double STOP = 0.05;
    public static final double QUALIFIER = 0.1;
    public static final double GENERIC = 0.4;
    public static final double DISTINCTIVE = 1.0;

    /** Grammar words. */
    private static final Set<String> STOP_WORDS = Set.of(
            "of", "the", "and", "for", "in", "at", "on", "a", "an", "de", "du", "des", "la", "le", "der", "die",
            "das", "van", "voor", "und", "y", "e", "di", "del");

    /** Words that state a country or affiliation and are often added or dropped ("PLA", "China"). */
    private static final Set<String> QUALIFIERS = Set.of(
            "china", "chinese", "pla", "people", "peoples", "liberation", "prc", "republic");

    /** The vocabulary every institution's name is built from. */
    private static final Set<String> GENERIC_WORDS = Set.of(
            "university", "institute", "institution", "college", "academy", "school", "faculty", "department",
            "center", "laboratory", "corporation", "company", "group", "limited", "ltd", "inc", "research",
            "technology", "science", "engineering", "national", "state", "key", "international", "higher",
            "education", "study", "general");

    private TokenWeights() {}

    public static double weight(String token) {
        if (STOP_WORDS.contains(token)) {
            return STOP;
        }
        if (QUALIFIERS.contains(token)) {
            return QUALIFIER;
        }
        if (GENERIC_WORDS.contains(token)) {
            return GENERIC;
        }
        return DISTINCTIVE;
    }

    public static boolean isDistinctive(String token) {
        return weight(token) >= DISTINCTIVE;
    }

    public static boolean isStopWord(String token) {
        return STOP_WORDS.contains(token);
    }
}
