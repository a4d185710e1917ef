package nl.kennisveiligheid.screening.policy;

import java.time.Instant;
import nl.kennisveiligheid.screening.periods.LegalCalendar;
import nl.kennisveiligheid.screening.triage.TriagePolicy;

/** A published version ready for use: its document (defaults applied), hash and triage view with built indexes. */
public record CompiledPolicy(PolicyDocument document, String contentHash, Instant effectiveFrom, TriagePolicy triage) {

    public String version() {
        return document.version();
    }

    /** The calendar of the law's periods with the days this version adds to the act's holidays. */
    public LegalCalendar calendar() {
        return new LegalCalendar(document.deadlines().extraHolidayDates());
    }
}
