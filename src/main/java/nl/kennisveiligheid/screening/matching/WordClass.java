package nl.kennisveiligheid.screening.matching;

/**
 * What a word of an institution's name says about which institution it is, and so how much it
 * weighs and what it costs when one name has it and the other does not (see
 * {@code matching/name-words.yaml}).
 */
public enum WordClass {
    /** Grammar ("of", "and"). */
    STOP(0.05),
    /** Country and affiliation words that CVs add or drop ("China", "PLA"). */
    CONTEXT(0.1),
    /** The vocabulary of every organisation ("Research", "National", "Center"). */
    GENERIC(0.4),
    /** The kind of institution ("University", "Institute", "College"). */
    TYPE(0.4),
    /** A field, service or kind of school that tells sister institutions apart ("Science", "Normal", "Army"). */
    QUALIFIER(0.7),
    /** Places, founders and proper names. */
    DISTINCTIVE(1.0);

    private final double weight;

    WordClass(double weight) {
        this.weight = weight;
    }

    public double weight() {
        return weight;
    }

    /** Whether one name having the word and the other lacking it tells two institutions apart. */
    public boolean costsWhenMissing() {
        return this == QUALIFIER || this == DISTINCTIVE;
    }
}
