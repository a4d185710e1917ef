package nl.kennisveiligheid.screening.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FigureCsvTest {

    @Test
    void aFigureIsAHeaderAndOneLinePerRowWithTheChartsNumbers() {
        Figure figure = new Figure("timeToDecision", Figure.Kind.LINES, Figure.Unit.DAYS, List.of("median", "p90"),
                List.of(new Figure.Row("2026-W47", List.of(2.0, 7.5)), new Figure.Row("2026-W48", Arrays.asList(null, null))));
        assertThat(FigureCsv.of(figure, "Period", List.of("Median", "90th percentile")))
                .isEqualTo("Period,Median,90th percentile\r\n2026-W47,2,7.5\r\n2026-W48,,\r\n");
    }

    @Test
    void cellsAreQuotedWhereCsvNeedsItAndNeverRunAsFormulas() {
        assertThat(FigureCsv.cell("Universiteit, Delft")).isEqualTo("\"Universiteit, Delft\"");
        assertThat(FigureCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(FigureCsv.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(FigureCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(FigureCsv.cell("-2.5")).isEqualTo("-2.5");
    }
}
