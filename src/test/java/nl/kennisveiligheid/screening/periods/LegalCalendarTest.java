package nl.kennisveiligheid.screening.periods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The calendar against dates looked up in published calendars (Easter tables, the Dutch government's
 * holiday lists, the EU summer-time dates), never dates computed by the code under test.
 */
class LegalCalendarTest {

    private final LegalCalendar calendar = new LegalCalendar(Set.of());

    @ParameterizedTest(name = "Easter {0} is {1}")
    @CsvSource({"2019, 2019-04-21", "2020, 2020-04-12", "2021, 2021-04-04", "2022, 2022-04-17", "2023, 2023-04-09",
            "2024, 2024-03-31", "2025, 2025-04-20", "2026, 2026-04-05", "2027, 2027-03-28", "2028, 2028-04-16",
            "2029, 2029-04-01", "2030, 2030-04-21",
            // The extremes (22 March, 25 April), a century year, and the years where Gauss's rule needs
            // its exceptions (19 and 18 April), which catch arithmetic that the ordinary years let pass.
            "1818, 1818-03-22", "2285, 2285-03-22", "1943, 1943-04-25", "2038, 2038-04-25", "1900, 1900-04-15",
            "2000, 2000-04-23", "1981, 1981-04-19", "2076, 2076-04-19", "1954, 1954-04-18", "2049, 2049-04-18"})
    void easterFollowsTheGregorianComputus(int year, LocalDate easter) {
        assertThat(LegalCalendar.easterSunday(year)).isEqualTo(easter);
    }

    @Test
    void theHolidaysOf2026AreThoseOfTheAct() {
        assertThat(LegalCalendar.holidaysOf(2026)).containsExactly(
                LocalDate.parse("2026-01-01"), LocalDate.parse("2026-04-03"), LocalDate.parse("2026-04-06"),
                LocalDate.parse("2026-04-27"), LocalDate.parse("2026-05-05"), LocalDate.parse("2026-05-14"),
                LocalDate.parse("2026-05-25"), LocalDate.parse("2026-12-25"), LocalDate.parse("2026-12-26"));
    }

    @Test
    void kingsDayMovesToThe26thWhenThe27thIsASunday() {
        assertThat(LegalCalendar.holidaysOf(2025)).contains(LocalDate.parse("2025-04-26"))
                .doesNotContain(LocalDate.parse("2025-04-27"));
        assertThat(LegalCalendar.holidaysOf(2014)).contains(LocalDate.parse("2014-04-26"));
        assertThat(LegalCalendar.holidaysOf(2027)).contains(LocalDate.parse("2027-04-27"));
    }

    @ParameterizedTest(name = "{1} weeks after {0} end on {2}, moved to {3}")
    @CsvSource({
            // an ordinary Monday
            "2027-01-04, 6, 2027-02-15, 2027-02-15",
            // a Saturday: to the Monday
            "2027-01-09, 6, 2027-02-20, 2027-02-22",
            // King's Day celebrated on Saturday 26 April 2025, then Sunday: to the Monday
            "2025-03-15, 6, 2025-04-26, 2025-04-28",
            // Easter Monday 2027 (and the first day of summer time): to the Tuesday
            "2027-02-15, 6, 2027-03-29, 2027-03-30",
            // 5 May 2027 is a Wednesday and Ascension Day the Thursday after it: to the Friday
            "2027-03-24, 6, 2027-05-05, 2027-05-07",
            // Good Friday 2026, then the weekend and Easter Monday: to the Tuesday
            "2026-02-20, 6, 2026-04-03, 2026-04-07",
            // Whit Monday 2026
            "2026-04-13, 6, 2026-05-25, 2026-05-26",
            // Christmas Day 2026 on a Friday, Boxing Day on the Saturday
            "2026-11-13, 6, 2026-12-25, 2026-12-28",
            // New Year's Day 2027 on a Friday
            "2026-11-20, 6, 2027-01-01, 2027-01-04",
            // longer than twelve weeks: Atw art. 4 leaves the Saturday
            "2027-01-02, 13, 2027-04-03, 2027-04-03",
            // exactly twelve weeks is within the act
            "2027-01-09, 12, 2027-04-03, 2027-04-05"})
    void aPeriodOfWeeksStartsTheDayAfterAndLeavesClosedDays(LocalDate event, int weeks, LocalDate nominal,
            LocalDate last) {
        LegalCalendar.Deadline deadline = calendar.weeksAfter(event, weeks);
        assertThat(deadline.nominalLastDay()).isEqualTo(nominal);
        assertThat(deadline.lastDay()).isEqualTo(last);
    }

    @Test
    void aDayThePolicyEquatesWithAHolidayIsClosed() {
        LegalCalendar withFriday = new LegalCalendar(List.of(LocalDate.parse("2027-05-07")));
        assertThat(withFriday.weeksAfter(LocalDate.parse("2027-03-24"), 6).lastDay()).isEqualTo("2027-05-10");
    }

    @Test
    void aPeriodEndsAtMidnightInAmsterdamOnEitherSideOfTheClockChange() {
        // Received on 1 October 2026 in summer time; the period ends on 29 October in winter time (UTC+1).
        LegalCalendar.Deadline autumn = calendar.weeksAfter(Instant.parse("2026-10-01T08:00:00Z"), 4);
        assertThat(autumn.lastDay()).isEqualTo("2026-10-29");
        assertThat(autumn.endsAt()).isEqualTo("2026-10-29T23:00:00Z");
        // Received on 1 March 2027 in winter time; four weeks end on Easter Monday, moved into summer time (UTC+2).
        LegalCalendar.Deadline spring = calendar.weeksAfter(Instant.parse("2027-03-01T09:00:00Z"), 4);
        assertThat(spring.lastDay()).isEqualTo("2027-03-30");
        assertThat(spring.endsAt()).isEqualTo("2027-03-30T22:00:00Z");
        // An event late in the evening, Amsterdam time, is on the next UTC day's Amsterdam date.
        assertThat(LegalCalendar.dayOf(Instant.parse("2027-01-03T23:30:00Z"))).isEqualTo("2027-01-04");
    }

    @Test
    void somethingReceivedBeforeTheEndOfTheLastDayIsInTime() {
        LegalCalendar.Deadline objection = calendar.weeksAfter(LocalDate.parse("2027-01-04"), 6);
        assertThat(objection.isMetBy(OffsetDateTime.parse("2027-02-15T23:30:00+01:00").toInstant())).isTrue();
        assertThat(objection.isMetBy(OffsetDateTime.parse("2027-02-15T23:59:59.999+01:00").toInstant())).isTrue();
        assertThat(objection.isMetBy(OffsetDateTime.parse("2027-02-16T00:00:00+01:00").toInstant())).isFalse();
        assertThat(objection.isMetBy(OffsetDateTime.parse("2027-02-16T00:10:00+01:00").toInstant())).isFalse();
        assertThat(LegalCalendar.lastDayEndingAt(objection.endsAt())).isEqualTo("2027-02-15");
    }

    @Test
    void aSuspensionMovesTheNominalEndAndTheActAppliesToTheNewEnd() {
        LegalCalendar.Deadline due = calendar.weeksAfter(LocalDate.parse("2027-01-04"), 4);
        assertThat(due.lastDay()).isEqualTo("2027-02-01");
        long days = LegalCalendar.suspendedDays(LocalDate.parse("2027-01-05"), LocalDate.parse("2027-01-14"));
        assertThat(days).isEqualTo(9);
        assertThat(calendar.suspended(due, days).lastDay()).isEqualTo("2027-02-10");
        // 13 April 2027 plus 14 days is King's Day, Tuesday 27 April: the period runs to the Wednesday.
        LegalCalendar.Deadline april = calendar.weeksAfter(LocalDate.parse("2027-03-16"), 4);
        assertThat(april.lastDay()).isEqualTo("2027-04-13");
        assertThat(calendar.suspended(april, 14).lastDay()).isEqualTo("2027-04-28");
        assertThat(LegalCalendar.suspendedDays(LocalDate.parse("2027-01-05"), LocalDate.parse("2027-01-05"))).isZero();
    }

    @Test
    void anExtensionCountsFromTheNominalEndOfTheCurrentPeriod() {
        LegalCalendar.Deadline due = calendar.weeksAfter(LocalDate.parse("2027-02-15"), 6);
        assertThat(due.lastDay()).isEqualTo("2027-03-30");
        LegalCalendar.Deadline extended = calendar.extended(due, 6);
        assertThat(extended.nominalLastDay()).isEqualTo("2027-05-10");
        assertThat(extended.lastDay()).isEqualTo("2027-05-10");
    }

    @Test
    void aRetentionPeriodOfYearsEndsAtTheEndOfItsLastDayAndIsNeverMoved() {
        // Decided on Saturday 6 January 2029 late in the evening, Amsterdam: five years end with 6 January 2034.
        LegalCalendar.Deadline retention = calendar.yearsAfter(Instant.parse("2029-01-06T22:30:00Z"), 5);
        assertThat(retention.lastDay()).isEqualTo("2034-01-06");
        assertThat(retention.endsAt()).isEqualTo("2034-01-06T23:00:00Z");
        // 29 February plus a year is the 28th.
        assertThat(calendar.yearsAfter(Instant.parse("2028-02-29T12:00:00Z"), 1).lastDay()).isEqualTo("2029-02-28");
    }

    @Test
    void yearsBeforeKingsDayAreOutsideTheCalendar() {
        assertThatThrownBy(() -> LegalCalendar.holidaysOf(2013)).isInstanceOf(IllegalArgumentException.class);
    }
}
