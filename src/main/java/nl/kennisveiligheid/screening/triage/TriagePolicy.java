package nl.kennisveiligheid.screening.triage;

import java.util.Map;
import java.util.Set;
import nl.kennisveiligheid.screening.matching.AreaMatcher;
import nl.kennisveiligheid.screening.matching.EntityIndex;

/**
 * The parts of one policy version that triage applies, compiled once per version: who is exempt,
 * which positions are in scope, the areas and their matcher, the entity list and its index, and the
 * thresholds. Immutable.
 */
public record TriagePolicy(
        String version,
        String contentHash,
        Set<String> exemptNationalities,
        Set<String> positionTypesInScope,
        Map<String, String> areaNames,
        AreaMatcher areaMatcher,
        Map<String, ListedEntityInfo> entities,
        EntityIndex entityIndex,
        double entityThreshold,
        double reviewThreshold) {

    /**
     * What an indicator tells a legal officer about a list entry, and the hash of the entry as the
     * policy states it: officers' judgements hold for that content only.
     */
    public record ListedEntityInfo(String id, String name, String category, String riskLevel, String source,
            String contentHash) {}
}
