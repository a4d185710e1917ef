package nl.kennisveiligheid.screening.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A figure as CSV (RFC 4180): a header of the row label's name and the series' names, then one line
 * per row with the same numbers the chart's table shows. A cell that a spreadsheet would run as a
 * formula is written as text.
 */
public final class FigureCsv {

    private FigureCsv() {}

    public static String of(Figure figure, String rowHeader, List<String> seriesNames) {
        List<String> lines = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add(rowHeader);
        header.addAll(seriesNames);
        lines.add(line(header));
        for (Figure.Row row : figure.rows()) {
            List<String> cells = new ArrayList<>();
            cells.add(row.label());
            row.values().forEach(v -> cells.add(v == null ? "" : ChartLayout.number(v)));
            lines.add(line(cells));
        }
        return String.join("\r\n", lines) + "\r\n";
    }

    private static String line(List<String> cells) {
        return cells.stream().map(FigureCsv::cell).collect(Collectors.joining(","));
    }

    static String cell(String value) {
        String text = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 && !isNumber(value) ? "'" + value : value;
        return text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static boolean isNumber(String value) {
        try {
            Double.parseDouble(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
