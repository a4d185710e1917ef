package nl.kennisveiligheid.screening.figures;

import java.util.List;

/**
 * One figure: named series (columns) over labelled rows (periods, areas or institutions). The chart,
 * the table under it and the CSV download are all drawn from this, so they show the same numbers.
 */
public record Figure(String key, Kind kind, Unit unit, List<String> series, List<Row> rows) {

    /** How the figure is drawn. */
    public enum Kind { BARS, STACKED_BARS, LINES, HORIZONTAL_BARS }

    /** What the numbers count. */
    public enum Unit { CASES, DAYS, PERCENT }

    /** One row: its label and one value per series (null where there is nothing to measure). */
    public record Row(String label, List<Double> values) {}

    public boolean isEmpty() {
        return rows.stream().allMatch(r -> r.values().stream().allMatch(v -> v == null || v == 0));
    }
}
