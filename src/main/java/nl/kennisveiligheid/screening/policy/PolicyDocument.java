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
        Retention retention,
        RescreeningRules rescreening,
        JudgementRules judgements) {

    /** Defaults that the stored document leaves out when not given, so that documents without them keep their hash. */
    public static final int DEFAULT_LOOK_BACK_MONTHS = 24;
    public static final int DEFAULT_JUDGEMENT_MAX_MONTHS = 12;

    /** A document without the re-screening and judgement sections, which then take their defaults. */
    public PolicyDocument(String version, List<String> exemptNationalities, List<String> positionTypesInScope,
            Deadlines deadlines, List<Area> sensitiveAreas, List<Entity> highRiskEntities, Matching matching,
            Retention retention) {
        this(version, exemptNationalities, positionTypesInScope, deadlines, sensitiveAreas, highRiskEntities, matching,
                retention, null, null);
    }

    /**
     * @param lookBackMonths decisions on requests received this many months before a version takes
     *     effect, or later, are re-screened with it (open cases always are)
     */
    public record RescreeningRules(Integer lookBackMonths) {}

    /** @param maxMonths how far ahead an officers' judgement may run before it must be made again */
    public record JudgementRules(Integer maxMonths) {}

    public int lookBackMonths() {
        return rescreening == null || rescreening.lookBackMonths() == null ? DEFAULT_LOOK_BACK_MONTHS
                : rescreening.lookBackMonths();
    }

    public int judgementMaxMonths() {
        return judgements == null || judgements.maxMonths() == null ? DEFAULT_JUDGEMENT_MAX_MONTHS : judgements.maxMonths();
    }

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

    /**
     * Years from a case's last event until its personal data is erased: {@code personalDataYears} for
     * every kind, unless the kind has its own period. Absent kinds stay absent in the stored document,
     * so that documents without them keep their hash.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Retention(Integer personalDataYears, Integer decidedYears, Integer refusedYears,
            Integer withdrawnYears) {

        /** The kinds of case a retention period applies to. */
        public enum Kind { DECIDED, REFUSED, WITHDRAWN }

        /** The period of a kind, on a document with its defaults filled in. */
        public int yearsFor(Kind kind) {
            return switch (kind) {
                case DECIDED -> decidedYears;
                case REFUSED -> refusedYears;
                case WITHDRAWN -> withdrawnYears;
            };
        }
    }

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
                retentionWithDefaults(), rescreening, judgements);
    }

    private Retention retentionWithDefaults() {
        Retention r = retention == null ? new Retention(null, null, null, null) : retention;
        int years = or(r.personalDataYears(), 5);
        return new Retention(years, or(r.decidedYears(), years), or(r.refusedYears(), years), or(r.withdrawnYears(), years));
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
