package nl.kennisveiligheid.screening.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartLayoutTest {

    static Figure.Row row(String label, Double... values) {
        return new Figure.Row(label, Arrays.asList(values));
    }

    @Test
    void theValueAxisEndsAtARoundNumberAtOrAboveTheLargestValue() {
        assertThat(ChartLayout.niceCeiling(0)).isEqualTo(1);
        assertThat(ChartLayout.niceCeiling(7)).isEqualTo(10);
        assertThat(ChartLayout.niceCeiling(13)).isEqualTo(20);
        assertThat(ChartLayout.niceCeiling(20)).isEqualTo(20);
        assertThat(ChartLayout.niceCeiling(420)).isEqualTo(500);
        assertThat(ChartLayout.niceCeiling(501)).isEqualTo(1000);
    }

    @Test
    void barsAreAsTallAsTheirValueOnTheAxis() {
        Figure figure = new Figure("received", Figure.Kind.BARS, Figure.Unit.CASES, List.of("received"),
                List.of(row("Jan", 5.0), row("Feb", 10.0), row("Mar", 0.0)));
        ChartLayout layout = ChartLayout.of(figure);
        double plotHeight = layout.plotBottom() - layout.plotTop();
        assertThat(layout.ticks()).extracting(ChartLayout.Tick::label).containsExactly("0", "2", "4", "6", "8", "10");
        assertThat(layout.bars()).hasSize(3);
        assertThat(layout.bars().get(0).height()).isCloseTo(plotHeight / 2, within(0.1));
        assertThat(layout.bars().get(1).height()).isCloseTo(plotHeight, within(0.1));
        assertThat(layout.bars().get(1).y()).isCloseTo(layout.plotTop(), within(0.1));
        assertThat(layout.bars().get(2).height()).isZero();
        assertThat(layout.categories()).extracting(ChartLayout.Category::label).containsExactly("Jan", "Feb", "Mar");
        assertThat(layout.bars().get(0).x()).isLessThan(layout.bars().get(1).x());
    }

    @Test
    void countsAreWholeOnTheAxisEvenWhenThereAreFew() {
        Figure figure = new Figure("received", Figure.Kind.BARS, Figure.Unit.CASES, List.of("received"),
                List.of(row("Jan", 2.0)));
        assertThat(ChartLayout.of(figure).ticks()).extracting(ChartLayout.Tick::label)
                .containsExactly("0", "1", "2", "3", "4", "5");
        Figure days = new Figure("timeToDecision", Figure.Kind.LINES, Figure.Unit.DAYS, List.of("median"),
                List.of(row("Jan", 2.0)));
        assertThat(ChartLayout.of(days).ticks()).extracting(ChartLayout.Tick::label).containsExactly("0", "0.5", "1", "1.5", "2");
        Figure shares = new Figure("flagRate", Figure.Kind.LINES, Figure.Unit.PERCENT, List.of("flagRate"),
                List.of(row("Jan", 12.5)));
        assertThat(ChartLayout.of(shares).ticks()).extracting(ChartLayout.Tick::label)
                .as("a share runs to a hundred percent").containsExactly("0", "25", "50", "75", "100");
    }

    @Test
    void stackedSegmentsSitOnEachOtherAndTheAxisFitsTheirSum() {
        Figure figure = new Figure("outcomes", Figure.Kind.STACKED_BARS, Figure.Unit.CASES, List.of("A", "B"),
                List.of(row("Jan", 30.0, 10.0)));
        ChartLayout layout = ChartLayout.of(figure);
        assertThat(layout.ticks().get(5).label()).isEqualTo("50");
        ChartLayout.Bar first = layout.bars().get(0);
        ChartLayout.Bar second = layout.bars().get(1);
        assertThat(first.y() + first.height()).isCloseTo(layout.plotBottom(), within(0.1));
        assertThat(second.y() + second.height()).isCloseTo(first.y(), within(0.2));
        assertThat(first.height()).isCloseTo(second.height() * 3, within(0.3));
        assertThat(first.colour()).isNotEqualTo(second.colour());
    }

    @Test
    void aLineSkipsPeriodsWithNothingMeasured() {
        Figure figure = new Figure("timeToDecision", Figure.Kind.LINES, Figure.Unit.DAYS, List.of("median", "p90"),
                List.of(row("W1", 2.0, 4.0), row("W2", null, null), row("W3", 3.0, 8.0)));
        ChartLayout layout = ChartLayout.of(figure);
        assertThat(layout.lines()).hasSize(2);
        assertThat(layout.lines().get(0).markers()).hasSize(2);
        assertThat(layout.lines().get(0).points().split(" ")).hasSize(2);
        assertThat(layout.bars()).isEmpty();
    }

    @Test
    void sharesRunAcrossToAHundredPercentWithOneRowPerCategory() {
        Figure figure = new Figure("flagRateByArea", Figure.Kind.HORIZONTAL_BARS, Figure.Unit.PERCENT,
                List.of("flagRate", "flagged", "received"),
                List.of(row("SEMICONDUCTORS", 50.0, 5.0, 10.0), row("A name far longer than thirty characters in all", 25.0, 1.0, 4.0)));
        ChartLayout layout = ChartLayout.of(figure);
        double plotWidth = layout.plotRight() - layout.plotLeft();
        assertThat(layout.horizontal()).isTrue();
        assertThat(layout.ticks().get(4).label()).isEqualTo("100");
        assertThat(layout.bars().get(0).width()).isCloseTo(plotWidth / 2, within(0.1));
        assertThat(layout.bars().get(1).width()).isCloseTo(plotWidth / 4, within(0.1));
        assertThat(layout.categories().get(1).label()).hasSize(30).endsWith("\u2026");
        assertThat(layout.height()).isGreaterThan((int) layout.plotBottom());
    }
}
