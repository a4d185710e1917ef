package nl.kennisveiligheid.screening.figures;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.kennisveiligheid.screening.common.CaseStatus;
import nl.kennisveiligheid.screening.periods.LegalCalendar;

/**
 * The figures, counted by PostgreSQL over indexed columns (receipt, decision and alert times; the
 * triage outcome and areas kept beside each case), per week or month in Dutch time, for the last
 * {@link #PERIODS} periods. Each figure is one query; nothing is loaded row by row.
 */
@ApplicationScoped
public class FigureQueries {

    public static final int PERIODS = 12;
    /** The largest institutions by cases received; the rest are summed in the CSV of the full list. */
    static final int TOP = 15;
    public static final List<String> OUTCOMES = List.of("NOT_REQUIRED", "CLEARED", "APPROVED", "APPROVED_WITH_CONDITIONS",
            "REFUSED");
    private static final String ZONE = LegalCalendar.LEGAL_ZONE.getId();

    @Inject
    Clock clock;

    /** All figures of one period kind, and the open cases past their deadline now. */
    public record Figures(Period period, LocalDate from, List<Figure> figures, long overdueNow) {

        public Figure figure(String key) {
            return figures.stream().filter(f -> f.key().equals(key)).findFirst().orElse(null);
        }
    }

    public Figures compute(Period period, Locale locale) {
        LocalDate today = LegalCalendar.dayOf(clock.instant());
        List<LocalDate> starts = period.lastStarts(today, PERIODS);
        Timestamp from = Timestamp.from(starts.get(0).atStartOfDay(LegalCalendar.LEGAL_ZONE).toInstant());
        List<String> labels = starts.stream().map(s -> period.label(s, locale)).toList();
        List<Figure> figures = new ArrayList<>();

        figures.add(perPeriod("received", Figure.Kind.BARS, Figure.Unit.CASES, List.of("received"), starts, labels,
                rows("select cast(date_trunc('" + period.sqlUnit + "', received_at at time zone '" + ZONE + "') as date),"
                        + " count(*) from screening_case where received_at >= ?1 group by 1", from)));
        figures.add(outcomes(period, from, starts, labels));
        List<Object[]> timing = rows("select cast(date_trunc('" + period.sqlUnit + "', d.decided_at at time zone '" + ZONE
                + "') as date), percentile_cont(0.5) within group (order by extract(epoch from d.decided_at - c.received_at)),"
                + " percentile_cont(0.9) within group (order by extract(epoch from d.decided_at - c.received_at)),"
                + " count(*) filter (where d.decided_at > c.decision_due)"
                + " from decision d join screening_case c on c.id = d.case_id"
                + " where d.decided_at >= ?1 and d.kind = 'OFFICER' group by 1", from);
        figures.add(perPeriod("timeToDecision", Figure.Kind.LINES, Figure.Unit.DAYS, List.of("median", "p90"), starts,
                labels, timing.stream().map(r -> new Object[] {r[0], days(r[1]), days(r[2])}).toList()));
        figures.add(perPeriod("decidedLate", Figure.Kind.BARS, Figure.Unit.CASES, List.of("decidedLate"), starts, labels,
                timing.stream().map(r -> new Object[] {r[0], r[3]}).toList()));
        figures.add(perPeriod("rescreeningAlerts", Figure.Kind.BARS, Figure.Unit.CASES, List.of("alerts"), starts, labels,
                rows("select cast(date_trunc('" + period.sqlUnit + "', raised_at at time zone '" + ZONE + "') as date),"
                        + " count(*) from rescreening_alert where raised_at >= ?1 group by 1", from)));
        figures.add(flagRate("flagRateByArea", rows("select area, count(*), count(*) filter (where triaged_as = 'FLAGGED')"
                + " from screening_case, unnest(area_codes) area where received_at >= ?1 group by 1 order by 2 desc, 1", from)));
        figures.add(flagRate("flagRateByInstitution", rows("select institution, count(*),"
                + " count(*) filter (where triaged_as = 'FLAGGED') from screening_case where received_at >= ?1"
                + " group by 1 order by 2 desc, 1 limit " + TOP, from)));
        long overdue = ((Number) query("select count(*) from screening_case where status in (?1) and decision_due < ?2")
                .setParameter(1, CaseStatus.IN_QUEUE.stream().filter(s -> s != CaseStatus.INFORMATION_REQUESTED)
                        .map(Enum::name).toList())
                .setParameter(2, Timestamp.from(clock.instant())).getSingleResult()).longValue();
        return new Figures(period, starts.get(0), figures, overdue);
    }

    private Figure outcomes(Period period, Timestamp from, List<LocalDate> starts, List<String> labels) {
        List<Object[]> counted = rows("select cast(date_trunc('" + period.sqlUnit + "', decided_at at time zone '" + ZONE
                + "') as date), outcome, count(*) from decision where decided_at >= ?1"
                + " and kind in ('AUTOMATED', 'OFFICER') group by 1, 2", from);
        Map<LocalDate, Double[]> byPeriod = new HashMap<>();
        for (Object[] r : counted) {
            int series = OUTCOMES.indexOf((String) r[1]);
            if (series >= 0) {
                byPeriod.computeIfAbsent(day(r[0]), d -> new Double[OUTCOMES.size()])[series] = ((Number) r[2]).doubleValue();
            }
        }
        List<Figure.Row> rows = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            Double[] values = byPeriod.getOrDefault(starts.get(i), new Double[OUTCOMES.size()]);
            rows.add(new Figure.Row(labels.get(i), java.util.Arrays.stream(values).map(v -> v == null ? 0.0 : v).toList()));
        }
        return new Figure("outcomes", Figure.Kind.STACKED_BARS, Figure.Unit.CASES, OUTCOMES, rows);
    }

    /** One value per series per period, zero (or, for times, nothing) where a period has no rows. */
    private static Figure perPeriod(String key, Figure.Kind kind, Figure.Unit unit, List<String> series,
            List<LocalDate> starts, List<String> labels, List<Object[]> counted) {
        Map<LocalDate, Object[]> byPeriod = new HashMap<>();
        counted.forEach(r -> byPeriod.put(day(r[0]), r));
        List<Figure.Row> rows = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            Object[] r = byPeriod.get(starts.get(i));
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
        List<Figure.Row> rows = counted.stream().map(r -> {
            double received = ((Number) r[1]).doubleValue();
            double flagged = ((Number) r[2]).doubleValue();
            return new Figure.Row((String) r[0], List.of(Math.round(flagged * 1000 / received) / 10.0, flagged, received));
        }).toList();
        return new Figure(key, Figure.Kind.HORIZONTAL_BARS, Figure.Unit.PERCENT, List.of("flagRate", "flagged", "received"),
                rows);
    }

    private static Double days(Object seconds) {
        return seconds == null ? null : Math.round(((Number) seconds).doubleValue() / 8640) / 10.0;
    }

    private static LocalDate day(Object value) {
        return value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(String sql, Timestamp from) {
        return query(sql).setParameter(1, from).getResultList();
    }

    private static Query query(String sql) {
        return Panache.getEntityManager().createNativeQuery(sql);
    }
}
