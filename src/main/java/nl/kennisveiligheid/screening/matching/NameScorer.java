package nl.kennisveiligheid.screening.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Scores two names from both sides: how much of the input the listed name explains, and how much of
 * the listed name the input covers.
 *
 * <p>The base is a weighted cosine of their words (soft TF-IDF in the manner of Cohen, Ravikumar
 * and Fienberg, 2003): words pair up when equal or within typo tolerance, and each pair counts with
 * both words' weights from the word table. On that base, what is missing costs, in the manner of
 * Watchman's unmatched-word penalty and nomenklatura's logic-v2 unmatched name parts:
 * <ul>
 *   <li>every qualifying or distinctive word of either side that the other lacks multiplies the
 *       score by {@value #MISSING_WORD_FACTOR}, so "Nanjing University" is not "Nanjing University of
 *       Science and Technology", and "Tianjin University of Technology" is not "Tianjin University";
 *   <li>two different institution types ("Institute" against "University") cost the same;
 *   <li>a listed name with distinctive words of which the input shares none ("Army Medical Center"
 *       against a name that only shares "Army" and "Medical") is scaled by {@value #NOTHING_DISTINCTIVE_FACTOR}.
 * </ul>
 * Words the input adds after the whole listed name (a campus, hospital, college or city, starting
 * with a distinctive word or "at"/"in"), or before it (a school or department), are a tail, not part
 * of the name: "Sichuan University West China Hospital" is Sichuan University. Words that continue
 * the name ("of Technology") are never a tail. Words written joined on one side and apart on the
 * other ("Malek-Ashtar", pinyin with or without syllable breaks) are joined before pairing.
 */
public final class NameScorer {

    static final double MISSING_WORD_FACTOR = 0.85;
    static final double NOTHING_DISTINCTIVE_FACTOR = 0.5;
    static final double TAIL_FACTOR = 0.98;
    /**
     * Names split differently ("Malek-Ashtar", pinyin with syllable breaks) are short; joining is
     * tried only up to this many words a side, since its cost grows with both.
     */
    static final int MAX_WORDS_TO_JOIN = 10;
    /** Stop words after which the input's extra words are still the listed name's own ("... of Technology"). */
    private static final Set<String> CONTINUATIONS = Set.of("of", "and", "for");
    /** Stop words that introduce a place rather than continue the name ("... at Weihai"). */
    private static final Set<String> PLACE_PREPOSITIONS = Set.of("at", "in");

    private NameScorer() {}

    public static NameScore score(WeightedName query, WeightedName listed) {
        if (query.isEmpty() || listed.isEmpty()) {
            return NameScore.NONE;
        }
        List<String> q = new ArrayList<>(List.of(query.words()));
        List<String> l = new ArrayList<>(List.of(listed.words()));
        if (q.size() <= MAX_WORDS_TO_JOIN && l.size() <= MAX_WORDS_TO_JOIN) {
            joinSplitWords(q, l);
            joinSplitWords(l, q);
        }
        Pairing pairing = Pairing.of(q, l);
        boolean[] inTail = pairing.tailPositions(q, l);
        List<String> tail = new ArrayList<>();
        List<String> withoutTail = new ArrayList<>(q.size());
        for (int i = 0; i < q.size(); i++) {
            (inTail[i] ? tail : withoutTail).add(q.get(i));
        }
        if (tail.isEmpty()) {
            return pairing.score(q, l, 1.0, List.of());
        }
        return Pairing.of(withoutTail, l).score(withoutTail, l, TAIL_FACTOR, tail);
    }

    /** The word pairs chosen greedily, most similar first. */
    private record Pairing(List<Pair> chosen, boolean[] qUsed, boolean[] lUsed) {

        record Pair(int qi, int li, double similarity, double listedWeight) {}

        static Pairing of(List<String> q, List<String> l) {
            double[] lWeights = new double[l.size()];
            for (int j = 0; j < l.size(); j++) {
                lWeights[j] = TokenWeights.weight(l.get(j));
            }
            List<Pair> pairs = new ArrayList<>();
            for (int i = 0; i < q.size(); i++) {
                for (int j = 0; j < l.size(); j++) {
                    double similarity = TypoTolerance.similarity(q.get(i), l.get(j));
                    if (similarity > 0) {
                        pairs.add(new Pair(i, j, similarity, lWeights[j]));
                    }
                }
            }
            pairs.sort(Comparator.comparingDouble(Pair::similarity).thenComparingDouble(Pair::listedWeight).reversed());
            boolean[] qUsed = new boolean[q.size()];
            boolean[] lUsed = new boolean[l.size()];
            List<Pair> chosen = new ArrayList<>();
            for (Pair p : pairs) {
                if (!qUsed[p.qi()] && !lUsed[p.li()]) {
                    qUsed[p.qi()] = true;
                    lUsed[p.li()] = true;
                    chosen.add(p);
                }
            }
            return new Pairing(chosen, qUsed, lUsed);
        }

        /** Which of the input's words lie outside the listed name when the whole listed name is found in it. */
        boolean[] tailPositions(List<String> q, List<String> l) {
            boolean[] inTail = new boolean[q.size()];
            for (int j = 0; j < l.size(); j++) {
                if (!lUsed[j] && carriesName(l.get(j))) {
                    return inTail;
                }
            }
            int first = -1;
            int last = -1;
            for (int i = 0; i < q.size(); i++) {
                if (qUsed[i] && carriesName(q.get(i)) && first < 0) {
                    first = i;
                }
                if (qUsed[i]) {
                    last = i;
                }
            }
            if (first < 0) {
                return inTail;
            }
            for (int i = first; i <= last; i++) {
                if (!qUsed[i] && carriesName(q.get(i))) {
                    return inTail; // the input interleaves words of its own: another name, not a tail
                }
            }
            if (last + 1 < q.size() && !CONTINUATIONS.contains(q.get(last)) && startsTail(q.get(last + 1))) {
                for (int i = last + 1; i < q.size(); i++) {
                    inTail[i] = true;
                }
            }
            if (first > 0 && namesUnit(q.subList(0, first))) {
                for (int i = 0; i < first; i++) {
                    inTail[i] = true;
                }
            }
            return inTail;
        }

        /** Grammar and country words are added and dropped freely; the others make up the name. */
        private static boolean carriesName(String word) {
            WordClass c = TokenWeights.classOf(word);
            return c != WordClass.STOP && c != WordClass.CONTEXT;
        }

        private static boolean startsTail(String word) {
            if (CONTINUATIONS.contains(word)) {
                return false;
            }
            return PLACE_PREPOSITIONS.contains(word) || TokenWeights.isDistinctive(word);
        }

        /** Whether words before the listed name name a unit of it ("School of Astronautics"). */
        private static boolean namesUnit(List<String> prefix) {
            for (String word : prefix) {
                WordClass c = TokenWeights.classOf(word);
                if (c == WordClass.TYPE || c == WordClass.GENERIC) {
                    return true;
                }
            }
            return false;
        }

        NameScore score(List<String> q, List<String> l, double factor, List<String> tail) {
            WordClass[] qClasses = classes(q);
            WordClass[] lClasses = classes(l);
            // A misspelt word weighs what the word it stands for weighs: "Institue" is as generic as "Institute".
            double[] qWeights = new double[q.size()];
            for (int i = 0; i < qWeights.length; i++) {
                qWeights[i] = qClasses[i].weight();
            }
            for (Pair p : chosen) {
                qWeights[p.qi()] = p.listedWeight();
            }
            double dot = 0;
            double[] products = new double[chosen.size()];
            for (int k = 0; k < chosen.size(); k++) {
                Pair p = chosen.get(k);
                products[k] = p.similarity() * qWeights[p.qi()] * p.listedWeight();
                dot += products[k];
            }
            double[] lWeights = new double[l.size()];
            for (int j = 0; j < lWeights.length; j++) {
                lWeights[j] = lClasses[j].weight();
            }
            double norms = norm(qWeights) * norm(lWeights);
            if (dot == 0 || norms == 0) {
                return NameScore.NONE;
            }
            List<NameScore.MissingWord> missing = new ArrayList<>();
            addUnmatched(missing, q, qClasses, qUsed, NameScore.Side.INPUT, WordClass::costsWhenMissing);
            addUnmatched(missing, l, lClasses, lUsed, NameScore.Side.LISTED, WordClass::costsWhenMissing);
            double penalty = Math.pow(MISSING_WORD_FACTOR, missing.size());
            List<NameScore.MissingWord> types = new ArrayList<>();
            addUnmatched(types, q, qClasses, qUsed, NameScore.Side.INPUT, c -> c == WordClass.TYPE);
            int inputTypes = types.size();
            addUnmatched(types, l, lClasses, lUsed, NameScore.Side.LISTED, c -> c == WordClass.TYPE);
            if (inputTypes > 0 && types.size() > inputTypes) {
                penalty *= MISSING_WORD_FACTOR;
                missing.addAll(types);
            }
            boolean listedHasDistinctive = false;
            boolean distinctiveShared = false;
            for (int j = 0; j < l.size(); j++) {
                boolean distinctive = lClasses[j] == WordClass.DISTINCTIVE;
                listedHasDistinctive |= distinctive;
                distinctiveShared |= distinctive && lUsed[j];
            }
            if (listedHasDistinctive && !distinctiveShared) {
                penalty *= NOTHING_DISTINCTIVE_FACTOR;
            }
            List<NameScore.WordMatch> words = new ArrayList<>();
            for (int k = 0; k < chosen.size(); k++) {
                Pair p = chosen.get(k);
                words.add(new NameScore.WordMatch(q.get(p.qi()), l.get(p.li()), p.similarity(), products[k] / dot));
            }
            words.sort(Comparator.comparingDouble(NameScore.WordMatch::share).reversed());
            return new NameScore(Math.min(1.0, dot / norms) * penalty * factor, words, List.copyOf(missing),
                    List.copyOf(tail));
        }
    }

    /** Adds the words of one side that found no counterpart and whose class {@code counts}. */
    private static void addUnmatched(List<NameScore.MissingWord> missing, List<String> words, WordClass[] classes,
            boolean[] used, NameScore.Side side, java.util.function.Predicate<WordClass> counts) {
        for (int i = 0; i < words.size(); i++) {
            if (!used[i] && counts.test(classes[i])) {
                missing.add(new NameScore.MissingWord(words.get(i), side, classes[i]));
            }
        }
    }

    private static WordClass[] classes(List<String> words) {
        WordClass[] classes = new WordClass[words.size()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = TokenWeights.classOf(words.get(i));
        }
        return classes;
    }

    /** Joins 2 or 3 adjacent words of {@code side} whose concatenation matches an unmatched word of {@code other}. */
    static void joinSplitWords(List<String> side, List<String> other) {
        for (String target : other) {
            if (target.length() < 6 || hasCounterpart(target, side)) {
                continue;
            }
            joinLoop:
            for (int span = 2; span <= 3; span++) {
                for (int start = 0; start + span <= side.size(); start++) {
                    if (!couldJoinInto(side, start, span, target)) {
                        continue;
                    }
                    String joined = String.join("", side.subList(start, start + span));
                    if (TypoTolerance.similarity(joined, target) > 0) {
                        for (int k = 1; k < span; k++) {
                            side.remove(start + 1);
                        }
                        side.set(start, joined);
                        break joinLoop;
                    }
                }
            }
        }
    }

    /** Whether the words could join into {@code target} at all: same first letter, length within the typo tolerance. */
    private static boolean couldJoinInto(List<String> side, int start, int span, String target) {
        if (side.get(start).isEmpty() || side.get(start).charAt(0) != target.charAt(0)) {
            return false;
        }
        int length = 0;
        for (int k = start; k < start + span; k++) {
            length += side.get(k).length();
        }
        return Math.abs(length - target.length()) <= TypoTolerance.allowedEdits(Math.min(length, target.length()));
    }

    private static boolean hasCounterpart(String word, List<String> words) {
        for (String candidate : words) {
            if (TypoTolerance.similarity(word, candidate) > 0) {
                return true;
            }
        }
        return false;
    }

    private static double norm(double[] weights) {
        double sum = 0;
        for (double weight : weights) {
            sum += weight * weight;
        }
        return Math.sqrt(sum);
    }
}
