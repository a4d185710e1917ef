package nl.kennisveiligheid.screening.policy;

import java.util.List;
import java.util.Locale;

/**
 * What a policy document must be, one rule per kind of problem the validator names. The API words
 * each in English, as it always has; the console words it in the reader's language from the rule
 * and its values, so a Dutch administrator reads a Dutch sentence.
 */
public enum PolicyRule {
    VERSION("required: 1-40 letters, digits, '.', '_' or '-', and not 'current'"),
    ONE_OF("must be one of %s"),
    RANGE("must be between %s and %s"),
    ENTITY_THRESHOLD("must be greater than 0 and at most 1"),
    REVIEW_THRESHOLD("must be greater than 0 and at most entityThreshold"),
    TOO_MANY_HOLIDAYS("at most %s days"),
    HOLIDAY_DATE("must be a date as YYYY-MM-DD, in 2014 or later"),
    LISTED_TWICE("is listed twice"),
    AREAS_REQUIRED("required: at least one area"),
    NOT_NULL("must not be null"),
    AREA_CODE("required: upper-case letters, digits and '_', starting with a letter"),
    DUPLICATE_AREA_CODE("duplicate area code %s"),
    TERMS_REQUIRED("required: at least one term"),
    UNKNOWN_REFERENCE("unknown reference: use EU-CT-2023:<area 1-10> or EU-DU:<category 0-9>"),
    ENTITIES_REQUIRED("required (may be an empty list)"),
    ENTITY_ID("required: lower-case letters, digits, '_' or '-'"),
    DUPLICATE_ENTITY_ID("duplicate entity id %s"),
    COUNTRY_REQUIRED("required: an ISO 3166-1 alpha-2 country code in upper case"),
    COUNTRY("must be an ISO 3166-1 alpha-2 country code in upper case"),
    DUPLICATE_COUNTRY("duplicate country code %s"),
    TEXT_REQUIRED("required: a non-blank text"),
    TEXT_TOO_LONG("at most %s characters");

    private final String english;

    PolicyRule(String english) {
        this.english = english;
    }

    /** The API's sentence for this rule with its values. */
    public String english(List<String> values) {
        return String.format(Locale.ROOT, english, values.toArray());
    }

    /** One problem of a document: where, which rule, and the values the sentence names. */
    public record Problem(String path, PolicyRule rule, List<String> values) {

        public Problem {
            values = List.copyOf(values);
        }

        /** The first value, or null: for templates that word a rule with one value. */
        public String value() {
            return values.isEmpty() ? null : values.get(0);
        }

        /** The second value, or null. */
        public String secondValue() {
            return values.size() < 2 ? null : values.get(1);
        }

        public nl.kennisveiligheid.screening.common.Problem.FieldError asFieldError() {
            return new nl.kennisveiligheid.screening.common.Problem.FieldError(path, rule.english(values));
        }
    }
}
