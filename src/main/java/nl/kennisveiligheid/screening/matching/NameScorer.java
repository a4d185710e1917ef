package nl.kennisveiligheid.screening.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Scores two names as a weighted cosine of their words (soft TF-IDF in the manner of Cohen,
 * Ravikumar and Fienberg, 2003): words pair up when equal or within typo tolerance, each pair counts
 * with both words' weights, and every unpaired word lowers the score through its side's norm, so
 * that a missing distinctive word ("Electronic", "Aeronautics") costs much and a missing generic one
 * ("University") costs little. Words written joined on one side and apart on the other ("Malek-Ashtar",
 * pinyin with or without syllable breaks) are joined before pairing.
 */
public final class NameScorer {

    private NameScorer() {}

    public static NameScore score(WeightedName query, WeightedName listed) {
        if (query.isEmpty() || listed.isEmpty()) {
            return NameScore.NONE;
        }
        List<String> q = new ArrayList<>(List.of(query.words()));
        List<String> l = new ArrayList<>(List.of(listed.words()));
        joinSplitWords(q, l);
        joinSplitWords(l, q);
        return pairUp(q, l);
    }

    private static NameScore pairUp(List<String> q, List<String> l) {
        record Pair(int qi, int li, double similarity) {}
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < q.size(); i++) {
            for (int j = 0; j < l.size(); j++) {
                double similarity = TypoTolerance.similarity(q.get(i), l.get(j));
                if (similarity > 0) {
                    pairs.add(new Pair(i, j, similarity));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::similarity)
                .thenComparingDouble(p -> TokenWeights.weight(l.get(p.li()))).reversed());
        // A misspelt word weighs what the word it stands for weighs: "Institue" is as generic as "Institute".
        double[] qWeights = q.stream().mapToDouble(TokenWeights::weight).toArray();
        boolean[] qUsed = new boolean[q.size()];
        boolean[] lUsed = new boolean[l.size()];
        List<Pair> chosen = new ArrayList<>();
        for (Pair p : pairs) {
            if (!qUsed[p.qi()] && !lUsed[p.li()]) {
                qUsed[p.qi()] = true;
                lUsed[p.li()] = true;
                qWeights[p.qi()] = TokenWeights.weight(l.get(p.li()));
                chosen.add(p);
            }
        }
        double dot = 0;
        double[] products = new double[chosen.size()];
        for (int k = 0; k < chosen.size(); k++) {
            Pair p = chosen.get(k);
            products[k] = p.similarity() * qWeights[p.qi()] * TokenWeights.weight(l.get(p.li()));
            dot += products[k];
        }
        double norms = norm(qWeights) * norm(l.stream().mapToDouble(TokenWeights::weight).toArray());
        if (dot == 0 || norms == 0) {
            return NameScore.NONE;
        }
        List<NameScore.WordMatch> words = new ArrayList<>();
        for (int k = 0; k < chosen.size(); k++) {
            Pair p = chosen.get(k);
            words.add(new NameScore.WordMatch(q.get(p.qi()), l.get(p.li()), p.similarity(), products[k] / dot));
        }
        words.sort(Comparator.comparingDouble(NameScore.WordMatch::share).reversed());
        return new NameScore(Math.min(1.0, dot / norms), words);
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
