package nl.kennisveiligheid.screening.policy;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.kennisveiligheid.screening.common.CanonicalJson;
import nl.kennisveiligheid.screening.matching.AreaMatcher;
import nl.kennisveiligheid.screening.matching.EntityIndex;
import nl.kennisveiligheid.screening.matching.ListedEntity;
import nl.kennisveiligheid.screening.matching.SensitiveArea;
import nl.kennisveiligheid.screening.triage.TriagePolicy;

/** Builds the matching indexes and the triage view of one policy version; pure and deterministic. */
public final class PolicyCompiler {

    private PolicyCompiler() {}

    public static TriagePolicy compile(PolicyDocument document, String contentHash) {
        PolicyDocument d = document.withDefaults();
        Map<String, String> areaNames = new LinkedHashMap<>();
        List<SensitiveArea> areas = d.sensitiveAreas().stream().map(a -> {
            areaNames.put(a.code(), a.name());
            return new SensitiveArea(a.code(), a.terms(), a.excludeTerms());
        }).toList();
        Map<String, TriagePolicy.ListedEntityInfo> entities = new LinkedHashMap<>();
        List<ListedEntity> listed = d.highRiskEntities().stream().map(e -> {
            entities.put(e.id(), new TriagePolicy.ListedEntityInfo(e.id(), e.name(), e.category(), e.riskLevel(), e.source(),
                    entryHash(e)));
            return new ListedEntity(e.id(), e.name(), e.aliases(), e.country());
        }).toList();
        Set<String> exempt = Set.copyOf(new HashSet<>(d.exemptNationalities()));
        Set<String> positions = Set.copyOf(new HashSet<>(d.positionTypesInScope()));
        return new TriagePolicy(d.version(), contentHash, exempt, positions, Map.copyOf(areaNames),
                AreaMatcher.build(areas), Map.copyOf(entities), EntityIndex.build(listed),
                d.matching().entityThreshold(), d.matching().reviewThreshold());
    }

    /** The hash of a list entry's canonical JSON: any change of name, alias, country, category or risk changes it. */
    public static String entryHash(PolicyDocument.Entity entity) {
        return CanonicalJson.sha256Hex(CanonicalJson.string(entity).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
