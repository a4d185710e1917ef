package nl.kennisveiligheid.screening.figures;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.eclipse.microprofile.context.ManagedExecutor;
import nl.kennisveiligheid.screening.common.CaseStatus;
import nl.kennisveiligheid.screening.periods.LegalCalendar;

/**
 * The figures, counted by PostgreSQL over indexed columns (receipt, decision and alert times; the
 * triage outcome and areas kept beside each case), per week or month in Dutch time, for the last
 * {@link #PERIODS} periods. Each figure is one query, nothing is loaded row by row, and the queries
 * run in three groups on three read-only connections at once.
 */
@ApplicationScoped
public class FigureQueries {

    public static final int PERIODS = 12;
    /** The largest institutions by cases received; the rest are summed in the CSV of the full list. */
    static final int TOP = 15;
    public static final List<String> OUTCOMES = List.of("NOT_REQUIRED", "CLEARED", "APPROVED", "APPROVED_WITH_CONDITIONS",
            "REFUSED");

    @Inject
    Clock clock;

    @Inject
    DataSource dataSource;

    @Inject
    ManagedExecutor executor;

    /** All figures of one period kind, and the open cases past their deadline now. */
    public record Figures(Period period, LocalDate from, List<Figure> figures, long overdueNow) {

        public Figure figure(String key) {
            return figures.stream().filter(f -> f.key().equals(key)).findFirst().orElse(null);
        }
    }

    public Figures compute(Period period, Locale locale) {
        LocalDate today = LegalCalendar.dayOf(clock.instant());
        List<LocalDate> starts = period.lastStarts(today, PERIODS);
        List<String> labels = starts.stream().map(s -> period.label(s, locale)).toList();
        // The period of a time is its position among the periods' first instants: a binary search per row,
        // where date_trunc in Dutch time would convert every row's time zone (a third of the page's time).
        Timestamp[] bounds = starts.stream().map(s -> Timestamp.from(s.atStartOfDay(LegalCalendar.LEGAL_ZONE).toInstant()))
                .toArray(Timestamp[]::new);
        Timestamp from = bounds[0];
        String bucket = "width_bucket(%s, cast(? as timestamptz[]))";
        Timestamp now = Timestamp.from(clock.instant());
        // Three groups of queries on three connections at once: the page waits for the slowest group, not the sum.
        var cases = inParallel(c -> {
            List<Object[]> received = rows(c, "select " + bucket.formatted("received_at") + ", count(*),"
                    + " count(*) filter (where triaged_as = 'FLAGGED') from screening_case where received_at >= ? group by 1",
                    array(c, bounds), from);
            return List.of(
                perPeriod("received", Figure.Kind.BARS, Figure.Unit.CASES, List.of("received"), starts, labels, received),
                perPeriod("flagRate", Figure.Kind.LINES, Figure.Unit.PERCENT, List.of("flagRate"), starts, labels,
                        received.stream().map(r -> new Object[] {r[0], share(r[2], r[1])}).toList()),
                flagRate("flagRateByArea", rows(c, "select area, count(*), count(*) filter (where triaged_as = 'FLAGGED')"
                        + " from screening_case, unnest(area_codes) area where received_at >= ? group by 1 order by 2 desc, 1",
                        from)),
                flagRate("flagRateByInstitution", rows(c, "select institution, count(*),"
                        + " count(*) filter (where triaged_as = 'FLAGGED') from screening_case where received_at >= ?"
                        + " group by 1 order by 2 desc, 1 limit " + TOP, from)));
        });
        var decisions = inParallel(c -> List.of(outcomes(c, bucket, array(c, bounds), from, starts, labels),
                perPeriod("rescreeningAlerts", Figure.Kind.BARS, Figure.Unit.CASES, List.of("alerts"), starts, labels,
                        rows(c, "select " + bucket.formatted("raised_at") + ", count(*) from rescreening_alert"
                                + " where raised_at >= ? group by 1", array(c, bounds), from))));
        var timing = inParallel(c -> {
            List<Object[]> rows = rows(c, "select " + bucket.formatted("d.decided_at")
                    + ", percentile_cont(0.5) within group (order by extract(epoch from d.decided_at - c.received_at)),"
                    + " percentile_cont(0.9) within group (order by extract(epoch from d.decided_at - c.received_at)),"
                    + " count(*) filter (where d.decided_at > c.decision_due)"
                    + " from decision d join screening_case c on c.id = d.case_id"
                    + " where d.decided_at >= ? and d.kind = 'OFFICER' group by 1", array(c, bounds), from);
            List<Object[]> overdue = rows(c, "select count(*) from screening_case where status = any(?) and decision_due < ?",
                    c.createArrayOf("text", CaseStatus.IN_QUEUE.stream().filter(s -> s != CaseStatus.INFORMATION_REQUESTED)
                            .map(Enum::name).toArray()), now);
            return new Timing(perPeriod("timeToDecision", Figure.Kind.LINES, Figure.Unit.DAYS, List.of("median", "p90"),
                    starts, labels, rows.stream().map(r -> new Object[] {r[0], days(r[1]), days(r[2])}).toList()),
                    perPeriod("decidedLate", Figure.Kind.BARS, Figure.Unit.CASES, List.of("decidedLate"), starts, labels,
                            rows.stream().map(r -> new Object[] {r[0], r[3]}).toList()),
                    ((Number) overdue.get(0)[0]).longValue());
        });
        List<Figure> byCase = join(cases);
        List<Figure> byDecision = join(decisions);
        Timing times = join(timing);
        return new Figures(period, starts.get(0), List.of(byCase.get(0), byDecision.get(0), times.timeToDecision(),
                times.decidedLate(), byDecision.get(1), byCase.get(1), byCase.get(2), byCase.get(3)), times.overdueNow());
    }

    private record Timing(Figure timeToDecision, Figure decidedLate, long overdueNow) {}

    /** Work on a connection of its own, on another thread. */
    private <T> CompletableFuture<T> inParallel(SqlWork<T> work) {
        return CompletableFuture.supplyAsync(() -> {
            try (Connection c = dataSource.getConnection()) {
                c.setReadOnly(true);
                return work.on(c);
            } catch (SQLException e) {
                throw new IllegalStateException("the figures could not be counted", e);
            }
        }, executor);
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T on(Connection c) throws SQLException;
    }

    private static <T> T join(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private static Figure outcomes(Connection c, String bucket, java.sql.Array bounds, Timestamp from,
            List<LocalDate> starts, List<String> labels) throws SQLException {
        List<Object[]> counted = rows(c, "select " + bucket.formatted("decided_at") + ", outcome, count(*) from decision"
                + " where decided_at >= ? and kind in ('AUTOMATED', 'OFFICER') group by 1, 2", bounds, from);
        Map<Integer, Double[]> byPeriod = new HashMap<>();
        for (Object[] r : counted) {
            int series = OUTCOMES.indexOf((String) r[1]);
            if (series >= 0) {
                byPeriod.computeIfAbsent(((Number) r[0]).intValue(), d -> new Double[OUTCOMES.size()])[series] =
                        ((Number) r[2]).doubleValue();
            }
        }
        List<Figure.Row> rows = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            Double[] values = byPeriod.getOrDefault(i + 1, new Double[OUTCOMES.size()]);
            rows.add(new Figure.Row(labels.get(i), java.util.Arrays.stream(values).map(v -> v == null ? 0.0 : v).toList()));
        }
        return new Figure("outcomes", Figure.Kind.STACKED_BARS, Figure.Unit.CASES, OUTCOMES, rows);
    }

    /**
     * One value per series per period (rows keyed by the period's position from 1), zero (or, for
     * times, nothing) where a period has no rows.
     */
    private static Figure perPeriod(String key, Figure.Kind kind, Figure.Unit unit, List<String> series,
            List<LocalDate> starts, List<String> labels, List<Object[]> counted) {
        Map<Integer, Object[]> byPeriod = new HashMap<>();
        counted.forEach(r -> byPeriod.put(((Number) r[0]).intValue(), r));
        List<Figure.Row> rows = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            Object[] r = byPeriod.get(i + 1);
            List<Double> values = new ArrayList<>();
            for (int s = 0; s < series.size(); s++) {
                Object value = r == null ? null : r[s + 1];
                Double nothing = unit == Figure.Unit.DAYS ? null : 0.0;
                values.add(value == null ? nothing : Double.valueOf(((Number) value).doubleValue()));
            }
            rows.add(new Figure.Row(labels.get(i), values));
        }
        return new Figure(key, kind, unit, series, rows);
    }

    /** The share of cases triage flagged, in percent, per area or institution, with the counts behind it. */
    private static Figure flagRate(String key, List<Object[]> counted) {
        List<Figure.Row> rows = counted.stream().map(r -> new Figure.Row((String) r[0], List.of(share(r[2], r[1]),
                ((Number) r[2]).doubleValue(), ((Number) r[1]).doubleValue()))).toList();
        return new Figure(key, Figure.Kind.HORIZONTAL_BARS, Figure.Unit.PERCENT, List.of("flagRate", "flagged", "received"),
                rows);
    }

    /** A part of a whole in percent with one decimal. */
    private static Double share(Object part, Object whole) {
        double of = ((Number) whole).doubleValue();
        return of == 0 ? null : Math.round(((Number) part).doubleValue() * 1000 / of) / 10.0;
    }

    private static Double days(Object seconds) {
        return seconds == null ? null : Math.round(((Number) seconds).doubleValue() / 8640) / 10.0;
    }

    private static java.sql.Array array(Connection c, Timestamp[] bounds) throws SQLException {
        return c.createArrayOf("timestamptz", bounds);
    }

    private static List<Object[]> rows(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    Object[] row = new Object[columns];
                    for (int i = 0; i < columns; i++) {
                        row[i] = result.getObject(i + 1);
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }
}
