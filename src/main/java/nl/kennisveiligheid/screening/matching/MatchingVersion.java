package nl.kennisveiligheid.screening.matching;

/**
 * The version of the matching rules, recorded in every assessment and on the log, so that an auditor
 * re-derives a decision only with the rules that made it.
 * <ol>
 *   <li>weighted cosine over words (until November 2026);
 *   <li>two-sided scoring with costs for missing qualifying and distinctive words, the word table,
 *       campus and department tails, look-alike letters folded by their TR39 skeleton, traditional
 *       Chinese simplified, spelt-out letters joined, bounded work per name.
 * </ol>
 */
public final class MatchingVersion {

    public static final String CURRENT = "2";
    /** What a record without a version was made with. */
    public static final String BEFORE_VERSIONING = "1";

    private MatchingVersion() {}
}
