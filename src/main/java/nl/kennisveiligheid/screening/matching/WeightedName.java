package nl.kennisveiligheid.screening.matching;

import java.util.List;

/** A name's normalised words with their weights, ready for scoring. */
public record WeightedName(String text, String[] words, double[] weights, double norm) {

    public static WeightedName of(String text) {
        return ofWords(text, NameNormalizer.words(text));
    }

    static WeightedName ofWords(String text, List<String> words) {
        String[] w = words.toArray(String[]::new);
        double[] weights = new double[w.length];
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            weights[i] = TokenWeights.weight(w[i]);
            sum += weights[i] * weights[i];
        }
        return new WeightedName(text, w, weights, Math.sqrt(sum));
    }

    public String normalized() {
        return String.join(" ", words);
    }

    public boolean isEmpty() {
        return words.length == 0;
    }
}
