package nl.kennisveiligheid.screening.common;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Query parameters read as typed values, refused with a problem that names the parameter. */
public final class QueryValues {

    private QueryValues() {}

    /** A date as YYYY-MM-DD, or null when the parameter is absent or blank. */
    public static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be a date as YYYY-MM-DD");
        }
    }

    /** An instant as ISO-8601 with an offset, or null when the parameter is absent or blank. */
    public static java.time.Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be an instant as ISO-8601, e.g. 2027-01-15T00:00:00Z");
        }
    }
}
