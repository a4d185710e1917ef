package nl.kennisveiligheid.screening.triage;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The outcome of automated triage with everything that explains it. Scores and thresholds are
 * decimal strings, so that a replay on any machine compares them exactly; {@code matchingVersion}
 * names the matching rules that made it (null in assessments made before it was recorded).
 */
public record Assessment(
        boolean inScope,
        boolean thirdCountryNational,
        boolean positionInScope,
        List<SensitiveAreaFinding> sensitiveAreas,
        List<Indicator> indicators,
        Outcome outcome,
        String policyVersion,
        List<String> reasons,
        String matchingVersion) {

    /** The outcome words of DESIGN.md section 6. */
    public enum Outcome { NOT_REQUIRED, CLEARED, FLAGGED }

    /** How an area was found: named by the institution, found in the research text, or both. */
    public enum MatchedBy { DECLARED, TEXT, DECLARED_AND_TEXT }

    public record SensitiveAreaFinding(String code, String name, MatchedBy matchedBy, List<Evidence> evidence) {}

    /** A span of the request's text that touched an area, and the policy term it matched. */
    public record Evidence(String field, String text, String term) {}

    /**
     * {@code MIXED_SCRIPT_NAME}: an affiliation or funder writes a word in more than one script
     * ("Тsinghua" with a Cyrillic Т), which real names rarely do and which hides a name from matching.
     * {@code NAME_NOT_READ_WHOLLY}: a name longer than matching reads, which could hide a listed name
     * past that point.
     */
    public enum IndicatorType {
        HIGH_RISK_AFFILIATION, HIGH_RISK_FUNDER, UNDECLARED_SENSITIVE_AREA, WEAK_ENTITY_MATCH, MIXED_SCRIPT_NAME,
        NAME_NOT_READ_WHOLLY
    }

    /**
     * One risk indicator: which list entry (an entity id, or an area code), which alias or term, which
     * input text, the score against the threshold, and a sentence that says it all.
     */
    public record Indicator(
            IndicatorType type,
            String listEntry,
            String listEntryName,
            String category,
            String riskLevel,
            String field,
            String matchedText,
            String matchedAlias,
            String score,
            String threshold,
            List<String> carriedBy,
            String explanation,
            @JsonInclude(JsonInclude.Include.NON_NULL) String fromPolicyVersion,
            @JsonInclude(JsonInclude.Include.NON_NULL) Judged judgement) {

        /** An indicator as triage finds it: from the case's own version, not judged. */
        public Indicator(IndicatorType type, String listEntry, String listEntryName, String category, String riskLevel,
                String field, String matchedText, String matchedAlias, String score, String threshold,
                List<String> carriedBy, String explanation) {
            this(type, listEntry, listEntryName, category, riskLevel, field, matchedText, matchedAlias, score, threshold,
                    carriedBy, explanation, null, null);
        }

        /** The same indicator, found by re-screening with a later version. */
        public Indicator fromVersion(String version) {
            return new Indicator(type, listEntry, listEntryName, category, riskLevel, field, matchedText, matchedAlias,
                    score, threshold, carriedBy, explanation, version, judgement);
        }

        /** The same indicator, judged by officers not to be its list entry. */
        public Indicator judged(Judged by) {
            return new Indicator(type, listEntry, listEntryName, category, riskLevel, field, matchedText, matchedAlias,
                    score, threshold, carriedBy, explanation, fromPolicyVersion, by);
        }

        /** Whether it names an entity of the list, which is what officers may judge. */
        public boolean matchesListEntry() {
            return type == IndicatorType.HIGH_RISK_AFFILIATION || type == IndicatorType.HIGH_RISK_FUNDER
                    || type == IndicatorType.WEAK_ENTITY_MATCH;
        }
    }

    /**
     * Officers judged the matched text not to be the list entry: the judgement's reference, the day it
     * took effect and the day it ends. Who judged is the judgement's record, which officers read.
     */
    public record Judged(String reference, String verdict, String judgedOn, String validUntil) {}
}
