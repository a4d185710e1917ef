package nl.kennisveiligheid.screening.matching;

/**
 * How much a word of an institution's name says about which institution it is, by its class in the
 * word table. Generic words are down-weighted, never deleted: deleting them made "University of
 * Science and Technology of China" and "University of Electronic Science and Technology of China"
 * the same name in public screening engines, while keeping them at a small weight lets their
 * presence or absence still count.
 */
public final class TokenWeights {

    public static final double STOP = WordClass.STOP.weight();
    public static final double GENERIC = WordClass.GENERIC.weight();
    public static final double DISTINCTIVE = WordClass.DISTINCTIVE.weight();

    private TokenWeights() {}

    public static WordClass classOf(String token) {
        return NameVocabulary.get().classOf(token);
    }

    public static double weight(String token) {
        return classOf(token).weight();
    }

    public static boolean isDistinctive(String token) {
        return classOf(token) == WordClass.DISTINCTIVE;
    }

    public static boolean isStopWord(String token) {
        return classOf(token) == WordClass.STOP;
    }
}
