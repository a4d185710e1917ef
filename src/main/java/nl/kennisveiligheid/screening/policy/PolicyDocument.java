package nl.kennisveiligheid.screening.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A policy document (DESIGN.md section 4): versioned, immutable once published. {@code version},
 * {@code sensitiveAreas} and {@code highRiskEntities} are required; the other sections take the
 * defaults of {@link #withDefaults()}. Unknown fields are refused by the JSON and YAML readers.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyDocument(
        String version,
        List<String> exemptNationalities,
        List<String> positionTypesInScope,
        Deadlines deadlines,
        List<Area> sensitiveAreas,
        List<Entity> highRiskEntities,
        Matching matching,
        Retention retention) {

    public static final List<String> DEFAULT_EXEMPT = List.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI",
            "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
            "IS", "LI", "NO", "CH");
    public static final List<String> DEFAULT_POSITIONS = List.of("MASTER_STUDENT", "PHD_CANDIDATE", "POSTDOC",
            "RESEARCHER", "PROFESSOR", "GUEST_RESEARCHER", "TECHNICAL_STAFF");

    /**
     * @param extraHolidays days a published decision equates with a holiday (Atw art. 3(3)), ISO dates;
     *     absent when there are none, so that documents without them keep their hash
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Deadlines(Integer decisionWeeks, Integer extensionWeeks, Integer objectionPeriodWeeks,
            Integer objectionDecisionWeeks, List<String> extraHolidays) {

        /** The days the policy adds to the act's holidays. */
        public List<java.time.LocalDate> extraHolidayDates() {
            return extraHolidays == null ? List.of() : extraHolidays.stream().map(java.time.LocalDate::parse).toList();
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Area(String code, String name, List<String> references, List<String> terms, List<String> excludeTerms) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entity(String id, String name, List<String> aliases, String country, String category,
            String riskLevel, String source) {}

    public record Matching(Double entityThreshold, Double reviewThreshold) {}

    public record Retention(Integer personalDataYears) {}

    /** The document with every optional section filled in as DESIGN.md section 4 defines. */
    public PolicyDocument withDefaults() {
        Deadlines d = deadlines == null ? new Deadlines(null, null, null, null, null) : deadlines;
        Matching m = matching == null ? new Matching(null, null) : matching;
        return new PolicyDocument(version,
                exemptNationalities == null ? DEFAULT_EXEMPT : exemptNationalities,
                positionTypesInScope == null ? DEFAULT_POSITIONS : positionTypesInScope,
                new Deadlines(or(d.decisionWeeks(), 4), or(d.extensionWeeks(), 4), or(d.objectionPeriodWeeks(), 6),
                        or(d.objectionDecisionWeeks(), 6), d.extraHolidays()),
                sensitiveAreas,
                highRiskEntities,
                new Matching(or(m.entityThreshold(), 0.90), or(m.reviewThreshold(), 0.80)),
                new Retention(retention == null || retention.personalDataYears() == null ? 5 : retention.personalDataYears()));
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
