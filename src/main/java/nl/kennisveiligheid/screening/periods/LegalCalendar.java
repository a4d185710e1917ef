package nl.kennisveiligheid.screening.periods;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The calendar of the law's periods: days in Europe/Amsterdam, periods of weeks counted from the day
 * after their event (Awb art. 6:8, 7:10, 4:13), and the Algemene termijnenwet (Atw), which moves the
 * end of a statutory period off a Saturday, Sunday or generally recognised holiday (art. 1(1) and 3).
 * Pure: every period of the service is computed here, so one table of looked-up dates tests them all.
 */
public final class LegalCalendar {

    /** The Dutch legal time: a period ends at midnight in Amsterdam, whatever the clocks did in between. */
    public static final ZoneId LEGAL_ZONE = ZoneId.of("Europe/Amsterdam");

    /**
     * Atw art. 4 leaves periods longer than twelve weeks (or three months, ninety days) alone; the
     * service states its periods in weeks, so twelve weeks is the longest the act extends.
     */
    static final int LONGEST_PERIOD_THE_ACT_EXTENDS_WEEKS = 12;

    /** King's Day replaced Queen's Day in 2014; dates before it are outside the service's records. */
    static final int FIRST_YEAR = 2014;

    private final Set<LocalDate> extraHolidays;

    /**
     * @param extraHolidays days a published decision (Atw art. 3(3)) equates with a holiday: policy data
     */
    public LegalCalendar(Collection<LocalDate> extraHolidays) {
        this.extraHolidays = Set.copyOf(extraHolidays);
    }

    /** A period's end: its last day before and after the act, and the instant it ends. */
    public record Deadline(LocalDate nominalLastDay, LocalDate lastDay, Instant endsAt) {

        /** Whether something received at this instant is in time: before the end of the last day. */
        public boolean isMetBy(Instant received) {
            return received.isBefore(endsAt);
        }
    }

    /** The day an instant falls on in Dutch legal time. */
    public static LocalDate dayOf(Instant instant) {
        return instant.atZone(LEGAL_ZONE).toLocalDate();
    }

    /** The instant a day ends in Dutch legal time: midnight at its end, 23 or 25 hours long or not. */
    public static Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(LEGAL_ZONE).toInstant();
    }

    /** The last day of a period that ends at this instant. */
    public static LocalDate lastDayEndingAt(Instant endsAt) {
        return dayOf(endsAt.minusNanos(1));
    }

    /** A period of whole weeks that starts on the day after the event's day. */
    public Deadline weeksAfter(Instant event, int weeks) {
        return weeksAfter(dayOf(event), weeks);
    }

    public Deadline weeksAfter(LocalDate eventDay, int weeks) {
        return deadline(eventDay.plusWeeks(weeks), weeks);
    }

    /**
     * A period of whole years from the day after the event (a retention period): far longer than
     * twelve weeks, so the act never moves its end.
     */
    public Deadline yearsAfter(Instant event, int years) {
        LocalDate last = dayOf(event).plusYears(years);
        return new Deadline(last, last, endOf(last));
    }

    /** A period that runs on for whole weeks past its current end (an extension, Awb 4:14, 7:10(3)). */
    public Deadline extended(Deadline current, int weeks) {
        return deadline(current.nominalLastDay().plusWeeks(weeks), weeks);
    }

    /**
     * A period that stood still for a number of days (Awb 4:15): its end moves by those days and the
     * act applies to the new end.
     */
    public Deadline suspended(Deadline current, long days) {
        // The suspended period is the statutory one, so the act moves its new end.
        return deadline(current.nominalLastDay().plusDays(days), 0);
    }

    /**
     * The days a period stands still for an information request: from the day after the request up
     * to and including the day it is answered or its reply-by date passes unused (Awb 4:15(1)(a)).
     */
    public static long suspendedDays(LocalDate requestDay, LocalDate endDay) {
        return Math.max(0, ChronoUnit.DAYS.between(requestDay, endDay));
    }

    /** A deadline whose last day is the given nominal day, moved as the act moves it. */
    Deadline deadline(LocalDate nominalLastDay, int weeks) {
        LocalDate last = weeks <= LONGEST_PERIOD_THE_ACT_EXTENDS_WEEKS ? nextOpenDay(nominalLastDay) : nominalLastDay;
        return new Deadline(nominalLastDay, last, endOf(last));
    }

    /** Atw art. 1(1): a period ending on a closed day runs to the end of the next day that is none. */
    public LocalDate nextOpenDay(LocalDate day) {
        LocalDate d = day;
        while (isClosed(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** A Saturday, a Sunday, a holiday of Atw art. 3, or a day the policy equates with one. */
    public boolean isClosed(LocalDate day) {
        DayOfWeek weekday = day.getDayOfWeek();
        return weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY || holidaysOf(day.getYear()).contains(day)
                || extraHolidays.contains(day);
    }

    /**
     * The generally recognised holidays of Atw art. 3(1) and Good Friday, which art. 3(2) equates with
     * them: New Year's Day, Good Friday, Easter Monday, the King's birthday as celebrated, 5 May,
     * Ascension Day, Whit Monday, Christmas Day and Boxing Day (Easter and Whit Sunday are Sundays).
     */
    public static Set<LocalDate> holidaysOf(int year) {
        if (year < FIRST_YEAR) {
            throw new IllegalArgumentException("the calendar starts in " + FIRST_YEAR + ", not " + year);
        }
        LocalDate easter = easterSunday(year);
        Set<LocalDate> days = new TreeSet<>();
        days.add(LocalDate.of(year, Month.JANUARY, 1));
        days.add(easter.minusDays(2));
        days.add(easter.plusDays(1));
        days.add(kingsDay(year));
        days.add(LocalDate.of(year, Month.MAY, 5));
        days.add(easter.plusDays(39));
        days.add(easter.plusDays(50));
        days.add(LocalDate.of(year, Month.DECEMBER, 25));
        days.add(LocalDate.of(year, Month.DECEMBER, 26));
        return days;
    }

    /** 27 April, or the 26th when the 27th is a Sunday (Wet van 2013 on the King's birthday). */
    static LocalDate kingsDay(int year) {
        LocalDate birthday = LocalDate.of(year, Month.APRIL, 27);
        return birthday.getDayOfWeek() == DayOfWeek.SUNDAY ? birthday.minusDays(1) : birthday;
    }

    /** Easter Sunday by the Gregorian computus (the anonymous algorithm of Meeus, Jones and Butcher). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }
}
