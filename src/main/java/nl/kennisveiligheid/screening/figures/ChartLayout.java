package nl.kennisveiligheid.screening.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where everything of a chart goes, computed from a {@link Figure} without I/O: the plot area, the
 * value axis with round ticks, the category labels, the bars or the lines. The console's template
 * turns it into SVG (presentation attributes only, which the console's CSP allows), so the drawing
 * is tested here as numbers and the words stay in the message files.
 */
public record ChartLayout(int width, int height, double plotLeft, double plotTop, double plotRight, double plotBottom,
        boolean horizontal, List<Tick> ticks, List<Category> categories, List<Bar> bars, List<Line> lines) {

    /** Colours of the series, each at least 3:1 against white (WCAG 1.4.11 for graphics). */
    public static final List<String> COLOURS = List.of("#0a4a8f", "#b34700", "#2e6b30", "#6a1b9a", "#9e0010");

    static final int WIDTH = 640;
    static final int HEIGHT = 280;
    static final int ROW_HEIGHT = 24;

    /** A gridline of the value axis and its value. */
    public record Tick(double x1, double y1, double x2, double y2, double textX, double textY, String label) {}

    /** A category's label (a period, an area, an institution) where it is written. */
    public record Category(double x, double y, String label, boolean rotated) {}

    /** One bar or one segment of a stacked bar. */
    public record Bar(double x, double y, double width, double height, String colour, String title) {}

    /** One series as a polyline, with a marker at every point. */
    public record Line(String points, String colour, List<Point> markers) {}

    public record Point(double x, double y) {}

    /** The colour of the series at this position. */
    public String colour(int series) {
        return COLOURS.get(series % COLOURS.size());
    }

    public String viewBox() {
        return "0 0 " + width + " " + height;
    }

    public static ChartLayout of(Figure figure) {
        return switch (figure.kind()) {
            case HORIZONTAL_BARS -> horizontal(figure);
            case LINES -> vertical(figure, false, true);
            case STACKED_BARS -> vertical(figure, true, false);
            case BARS -> vertical(figure, false, false);
        };
    }

    private static ChartLayout vertical(Figure figure, boolean stacked, boolean lines) {
        double left = 56, top = 16, right = WIDTH - 16, bottom = HEIGHT - 64;
        double largest = figure.rows().stream().mapToDouble(r -> stacked
                ? r.values().stream().mapToDouble(ChartLayout::orZero).sum()
                : r.values().stream().mapToDouble(ChartLayout::orZero).max().orElse(0)).max().orElse(0);
        // Cases are whole: five steps up to at least 5 keep every tick a whole number (1, 2, 4, 10, 20 …).
        boolean counts = figure.unit() == Figure.Unit.CASES;
        int steps = counts ? 5 : 4;
        double max = counts ? Math.max(5, niceCeiling(largest))
                : figure.unit() == Figure.Unit.PERCENT ? 100 : niceCeiling(largest);
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i <= steps; i++) {
            double value = max * i / steps;
            double y = round(bottom - (bottom - top) * i / steps);
            ticks.add(new Tick(left, y, right, y, left - 6, y + 4, number(value)));
        }
        int rows = figure.rows().size();
        double band = rows == 0 ? 0 : (right - left) / rows;
        List<Category> categories = new ArrayList<>();
        List<Bar> bars = new ArrayList<>();
        List<List<Point>> points = new ArrayList<>();
        figure.series().forEach(s -> points.add(new ArrayList<>()));
        for (int r = 0; r < rows; r++) {
            Figure.Row row = figure.rows().get(r);
            double centre = left + band * r + band / 2;
            categories.add(new Category(round(centre), bottom + 14, row.label(), true));
            double stackBase = bottom;
            double barWidth = stacked || lines ? band * 0.6 : band * 0.8 / Math.max(1, figure.series().size());
            for (int s = 0; s < figure.series().size(); s++) {
                Double value = row.values().get(s);
                double height = max == 0 ? 0 : (bottom - top) * orZero(value) / max;
                if (lines) {
                    if (value != null) {
                        points.get(s).add(new Point(round(centre), round(bottom - height)));
                    }
                } else if (stacked) {
                    if (height > 0) {
                        bars.add(new Bar(round(centre - barWidth / 2), round(stackBase - height), round(barWidth),
                                round(height), COLOURS.get(s % COLOURS.size()), row.label() + ": " + number(orZero(value))));
                    }
                    stackBase -= height;
                } else {
                    double x = left + band * r + band * 0.1 + barWidth * s;
                    bars.add(new Bar(round(x), round(bottom - height), round(barWidth), round(height),
                            COLOURS.get(s % COLOURS.size()), row.label() + ": " + number(orZero(value))));
                }
            }
        }
        List<Line> polylines = new ArrayList<>();
        for (int s = 0; s < points.size(); s++) {
            if (lines && !points.get(s).isEmpty()) {
                polylines.add(new Line(points.get(s).stream().map(p -> number(p.x()) + "," + number(p.y()))
                        .reduce((a, b) -> a + " " + b).orElse(""), COLOURS.get(s % COLOURS.size()), points.get(s)));
            }
        }
        return new ChartLayout(WIDTH, HEIGHT, left, top, right, bottom, false, ticks, categories, bars, polylines);
    }

    /** Rows down the side, values (a share in percent) across: for areas and institutions. */
    private static ChartLayout horizontal(Figure figure) {
        int rows = figure.rows().size();
        double left = 200, top = 8, right = WIDTH - 24, bottom = top + Math.max(1, rows) * ROW_HEIGHT;
        int height = (int) bottom + 32;
        double max = figure.unit() == Figure.Unit.PERCENT ? 100 : niceCeiling(figure.rows().stream()
                .mapToDouble(r -> orZero(r.values().get(0))).max().orElse(0));
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            double x = round(left + (right - left) * i / 4);
            ticks.add(new Tick(x, top, x, bottom, x, bottom + 16, number(max * i / 4)));
        }
        List<Category> categories = new ArrayList<>();
        List<Bar> bars = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            Figure.Row row = figure.rows().get(r);
            double y = top + r * ROW_HEIGHT;
            categories.add(new Category(left - 8, round(y + ROW_HEIGHT * 0.65), shorten(row.label(), 30), false));
            double value = orZero(row.values().get(0));
            bars.add(new Bar(left, round(y + 4), round(max == 0 ? 0 : (right - left) * value / max), ROW_HEIGHT - 8,
                    COLOURS.get(0), row.label() + ": " + number(value)));
        }
        return new ChartLayout(WIDTH, height, left, top, right, bottom, true, ticks, categories, bars, List.of());
    }

    /** The smallest of 1, 2 or 5 times a power of ten that is at least {@code value} (at least 1). */
    static double niceCeiling(double value) {
        if (value <= 1) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    /** A number as the chart writes it: whole numbers without decimals, others with one. */
    static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String shorten(String label, int max) {
        return label.length() <= max ? label : label.substring(0, max - 1) + "\u2026";
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
