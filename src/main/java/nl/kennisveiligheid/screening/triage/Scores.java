package nl.kennisveiligheid.screening.triage;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Scores as four-decimal strings: exact to compare on replay, free of floating-point in the log. */
public final class Scores {

    private Scores() {}

    public static String format(double score) {
        return BigDecimal.valueOf(score).setScale(4, RoundingMode.HALF_UP).toPlainString();
    }
}
