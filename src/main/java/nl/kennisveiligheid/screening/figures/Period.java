package nl.kennisveiligheid.screening.figures;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Weeks (ISO, starting Monday) or calendar months, in Dutch time, as PostgreSQL's date_trunc counts them. */
public enum Period {
    WEEK("week"), MONTH("month");

    /** The unit's name for date_trunc. */
    public final String sqlUnit;

    Period(String sqlUnit) {
        this.sqlUnit = sqlUnit;
    }

    /** The first day of the period that holds this day. */
    public LocalDate startOf(LocalDate day) {
        return this == WEEK ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : day.withDayOfMonth(1);
    }

    /** The first days of the last {@code count} periods up to and including today's, oldest first. */
    public List<LocalDate> lastStarts(LocalDate today, int count) {
        List<LocalDate> starts = new ArrayList<>();
        LocalDate start = startOf(today);
        for (int i = 0; i < count; i++) {
            starts.add(0, start);
            start = this == WEEK ? start.minusWeeks(1) : start.minusMonths(1);
        }
        return starts;
    }

    /** A period's label: "2026-W48" for a week, "Nov 2026" (or "nov 2026") for a month. */
    public String label(LocalDate start, Locale locale) {
        return this == WEEK
                ? start.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format("%02d", start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR))
                : DateTimeFormatter.ofPattern("MMM yyyy", locale).format(start).replace(".", "");
    }

    /** The period named in a query ("week", "month"); a month when the value is anything else. */
    public static Period named(String name) {
        return "week".equals(name) ? WEEK : MONTH;
    }
}
