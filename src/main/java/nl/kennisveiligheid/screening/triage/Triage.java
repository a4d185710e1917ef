package nl.kennisveiligheid.screening.triage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import nl.kennisveiligheid.screening.matching.AreaMatch;
import nl.kennisveiligheid.screening.matching.EntityMatch;
import nl.kennisveiligheid.screening.matching.LookAlikeLetters;
import nl.kennisveiligheid.screening.matching.MatchingVersion;
import nl.kennisveiligheid.screening.matching.NameNormalizer;
import nl.kennisveiligheid.screening.matching.NameScore;
import nl.kennisveiligheid.screening.triage.Assessment.Evidence;
import nl.kennisveiligheid.screening.triage.Assessment.Indicator;
import nl.kennisveiligheid.screening.triage.Assessment.IndicatorType;
import nl.kennisveiligheid.screening.triage.Assessment.MatchedBy;
import nl.kennisveiligheid.screening.triage.Assessment.Outcome;
import nl.kennisveiligheid.screening.triage.Assessment.SensitiveAreaFinding;

/**
 * Automated triage, a pure function of a request and one policy version: the same input and
 * version give the same assessment on any machine at any time, which is what lets an auditor
 * re-derive every automated decision from the log. No I/O, no clock.
 *
 * <p>A case is in scope when the candidate holds no exempt nationality (one exempt nationality of a
 * dual national is enough), the position type is in scope and a sensitive area is touched, declared
 * or found in the text. Only then are indicators sought (data minimisation): a high-risk affiliation
 * or funder, a weak entity match between the review and the entity threshold, or a sensitive area
 * found in the text that was not declared. A nationality is never an indicator by itself.
 */
public final class Triage {

    private Triage() {}

    public static Assessment assess(TriageInput input, TriagePolicy policy) {
        boolean thirdCountryNational = input.nationalities().stream().noneMatch(policy.exemptNationalities()::contains);
        boolean positionInScope = policy.positionTypesInScope().contains(input.positionType());
        List<SensitiveAreaFinding> areas = findAreas(input, policy);
        List<String> reasons = new ArrayList<>();
        if (!thirdCountryNational) {
            reasons.add("The candidate holds a nationality on the policy's exempt list.");
        }
        if (!positionInScope) {
            reasons.add("Position type " + input.positionType() + " is not in the policy's scope.");
        }
        if (areas.isEmpty()) {
            reasons.add("No designated sensitive area is declared or found in the research description and keywords.");
        }
        boolean inScope = thirdCountryNational && positionInScope && !areas.isEmpty();
        if (!inScope) {
            return new Assessment(false, thirdCountryNational, positionInScope, areas, List.of(), Outcome.NOT_REQUIRED,
                    policy.version(), reasons, MatchingVersion.CURRENT);
        }
        reasons.add("In scope: third-country national, position type " + input.positionType()
                + ", sensitive area(s) " + areas.stream().map(SensitiveAreaFinding::code).collect(Collectors.joining(", "))
                + ".");
        List<Indicator> indicators = new ArrayList<>();
        for (int i = 0; i < input.affiliations().size(); i++) {
            indicators.addAll(entityIndicators(input.affiliations().get(i), "affiliations[" + i + "].name",
                    IndicatorType.HIGH_RISK_AFFILIATION, "Affiliation", policy));
        }
        for (int i = 0; i < input.funders().size(); i++) {
            indicators.addAll(entityIndicators(input.funders().get(i), "funding[" + i + "].funder",
                    IndicatorType.HIGH_RISK_FUNDER, "Funder", policy));
        }
        for (SensitiveAreaFinding area : areas) {
            if (area.matchedBy() == MatchedBy.TEXT) {
                Evidence first = area.evidence().get(0);
                indicators.add(new Indicator(IndicatorType.UNDECLARED_SENSITIVE_AREA, area.code(), area.name(), null,
                        null, first.field(), first.text(), first.term(), null, null, List.of(first.term()),
                        "The research text touches sensitive area " + area.code() + " (" + area.name()
                                + ") through the term '" + first.term() + "' in " + first.field()
                                + ", but the area was not declared."));
            }
        }
        if (indicators.isEmpty()) {
            reasons.add("No risk indicator: no affiliation or funder matches the high-risk entity list at or above "
                    + Scores.format(policy.reviewThreshold()) + " and every sensitive area found was declared.");
        }
        return new Assessment(true, true, true, areas, indicators,
                indicators.isEmpty() ? Outcome.CLEARED : Outcome.FLAGGED, policy.version(), reasons, MatchingVersion.CURRENT);
    }

    private static List<SensitiveAreaFinding> findAreas(TriageInput input, TriagePolicy policy) {
        Map<String, List<Evidence>> found = new TreeMap<>();
        List<AreaMatch> matches = new ArrayList<>(policy.areaMatcher().match("research.description", input.description()));
        for (int i = 0; i < input.keywords().size(); i++) {
            matches.addAll(policy.areaMatcher().match("research.keywords[" + i + "]", input.keywords().get(i)));
        }
        for (AreaMatch m : matches) {
            found.computeIfAbsent(m.areaCode(), k -> new ArrayList<>()).add(new Evidence(m.field(), m.evidence(), m.term()));
        }
        Set<String> declared = new LinkedHashSet<>();
        for (String code : input.declaredAreaCodes()) {
            if (policy.areaNames().containsKey(code)) {
                declared.add(code);
            }
        }
        Map<String, SensitiveAreaFinding> findings = new TreeMap<>();
        for (String code : declared) {
            List<Evidence> evidence = found.getOrDefault(code, List.of());
            findings.put(code, new SensitiveAreaFinding(code, policy.areaNames().get(code),
                    evidence.isEmpty() ? MatchedBy.DECLARED : MatchedBy.DECLARED_AND_TEXT, List.copyOf(evidence)));
        }
        found.forEach((code, evidence) -> findings.computeIfAbsent(code,
                k -> new SensitiveAreaFinding(code, policy.areaNames().get(code), MatchedBy.TEXT, List.copyOf(evidence))));
        return List.copyOf(findings.values());
    }

    private static List<Indicator> entityIndicators(TriageInput.Organisation organisation, String field,
            IndicatorType strongType, String role, TriagePolicy policy) {
        List<Indicator> indicators = new ArrayList<>();
        List<String> mixedWords = LookAlikeLetters.mixedScriptWords(organisation.name());
        if (!mixedWords.isEmpty()) {
            indicators.add(nameIndicator(IndicatorType.MIXED_SCRIPT_NAME, field, organisation.name(), mixedWords,
                    role + " '" + organisation.name() + "' (" + field + ") writes " + mixedWords.stream().map(w -> "'" + w + "'").collect(Collectors.joining(", "))
                    + " in more than one script. Real names rarely mix scripts within a word, and look-alike letters"
                    + " from another script hide a name from matching; it was matched as it looks."));
        }
        if (!NameNormalizer.readsWhole(organisation.name())) {
            indicators.add(nameIndicator(IndicatorType.NAME_NOT_READ_WHOLLY, field, organisation.name(), List.of(),
                    role + " '" + organisation.name() + "' (" + field + ") is longer than matching reads (" + NameNormalizer.MAX_READ_DESCRIPTION + "), so a listed"
                    + " name further on would not be found; an officer should read it whole."));
        }
        Map<String, EntityMatch> matches = new LinkedHashMap<>();
        for (EntityMatch m : policy.entityIndex().match(organisation.name(), organisation.country(), policy.reviewThreshold())) {
            matches.putIfAbsent(m.entityId(), m);
        }
        for (EntityMatch m : matches.values()) {
            boolean strong = m.score() >= policy.entityThreshold();
            TriagePolicy.ListedEntityInfo entity = policy.entities().get(m.entityId());
            String threshold = Scores.format(strong ? policy.entityThreshold() : policy.reviewThreshold());
            List<String> carriedBy = m.words().stream()
                    .map(w -> w.queryWord().equals(w.listWord()) ? w.listWord() : w.queryWord() + "~" + w.listWord())
                    .toList();
            String explanation = role + " '" + organisation.name() + "' (" + field + ") "
                    + (strong ? "matches" : "resembles") + " high-risk entity '" + entity.name() + "' [" + entity.id()
                    + ", " + entity.category() + ", " + entity.riskLevel() + "] through '" + m.listedName() + "'"
                    + (m.matchedPart().equals(m.inputText()) ? "" : " (input part '" + m.matchedPart() + "')")
                    + ": score " + Scores.format(m.score()) + (strong ? " ≥ entity threshold " : " ≥ review threshold ")
                    + threshold + (strong ? "" : " but < entity threshold " + Scores.format(policy.entityThreshold()))
                    + "; " + describe(m) + (m.countryDiffers() ? "; the countries differ, which lowered the score" : "")
                    + ".";
            indicators.add(new Indicator(strong ? strongType : IndicatorType.WEAK_ENTITY_MATCH, entity.id(), entity.name(),
                    entity.category(), entity.riskLevel(), field, organisation.name(), m.listedName(),
                    Scores.format(m.score()), threshold, carriedBy, explanation));
        }
        return indicators;
    }

    /** An indicator about how a name is written, not about a list entry. */
    private static Indicator nameIndicator(IndicatorType type, String field, String name, List<String> words,
            String explanation) {
        return new Indicator(type, null, null, null, null, field, name, null, null, null, words, explanation);
    }

    private static String describe(EntityMatch m) {
        return switch (m.method()) {
            case EXACT -> "normalised forms equal ('" + m.normalizedListed() + "')";
            case ACRONYM -> "'" + m.normalizedInput() + "' is the acronym of '" + m.normalizedListed() + "'";
            case WORDS -> "normalised '" + m.normalizedInput() + "' against '" + m.normalizedListed() + "', carried by "
                    + m.words().stream().limit(3).map(w -> w.queryWord().equals(w.listWord()) ? "'" + w.listWord() + "'"
                            : "'" + w.queryWord() + "'~'" + w.listWord() + "'").collect(Collectors.joining(", "))
                    + (m.tail().isEmpty() ? "" : "; '" + String.join(" ", m.tail()) + "' read as a campus, unit or place")
                    + (m.missing().isEmpty() ? "" : "; lowered because "
                            + m.missing().stream().map(Triage::missing).collect(Collectors.joining(", ")));
        };
    }

    private static String missing(NameScore.MissingWord w) {
        String kind = switch (w.wordClass()) {
            case TYPE -> "type";
            case QUALIFIER -> "qualifying word";
            default -> "distinctive word";
        };
        return (w.side() == NameScore.Side.INPUT ? "the input's " : "the listed name's ") + kind + " '" + w.word()
                + "' has no counterpart";
    }
}
