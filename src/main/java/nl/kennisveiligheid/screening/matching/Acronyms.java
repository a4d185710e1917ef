package nl.kennisveiligheid.screening.matching;

/**
 * The acronym institutions are known by, formed from the initials of a name's words other than
 * grammar words: "National University of Defense Technology" gives NUDT, "Beijing University of
 * Aeronautics and Astronautics" gives BUAA.
 */
public final class Acronyms {

    private Acronyms() {}

    /** The acronym of a name's normalised words, or null for names of fewer than two words. */
    public static String of(String[] words) {
        StringBuilder acronym = new StringBuilder();
        for (String word : words) {
            if (!TokenWeights.isStopWord(word) && !word.isEmpty()) {
                acronym.append(word.charAt(0));
            }
        }
        return acronym.length() >= 2 ? acronym.toString() : null;
    }
}
