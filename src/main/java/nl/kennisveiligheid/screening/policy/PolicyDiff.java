package nl.kennisveiligheid.screening.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What changes between two policy versions, as a policy administrator reads it: areas and entities
 * added, removed or changed (down to a term or an alias), and every setting that moved. Pure: two
 * documents in, a list of changes out, in the order of the document.
 */
public final class PolicyDiff {

    private PolicyDiff() {}

    /** ADDED and REMOVED name one item of a list; CHANGED a value that moved from one thing to another. */
    public enum Kind { ADDED, REMOVED, CHANGED }

    /**
     * One change. {@code path} says where, with list items named by their code or id
     * ({@code highRiskEntities[hit].aliases}); {@code from} and {@code to} hold the values (absent on
     * the side where there is none).
     */
    public record Change(String path, Kind kind, Object from, Object to) {}

    /** The changes and how many of each kind, per section. */
    public record Result(String from, String to, Map<String, Map<Kind, Integer>> summary, List<Change> changes) {}

    public static Result between(PolicyDocument older, PolicyDocument newer) {
        PolicyDocument a = older.withDefaults();
        PolicyDocument b = newer.withDefaults();
        List<Change> changes = new ArrayList<>();
        strings(changes, "exemptNationalities", a.exemptNationalities(), b.exemptNationalities());
        strings(changes, "positionTypesInScope", a.positionTypesInScope(), b.positionTypesInScope());
        value(changes, "deadlines.decisionWeeks", a.deadlines().decisionWeeks(), b.deadlines().decisionWeeks());
        value(changes, "deadlines.extensionWeeks", a.deadlines().extensionWeeks(), b.deadlines().extensionWeeks());
        value(changes, "deadlines.objectionPeriodWeeks", a.deadlines().objectionPeriodWeeks(),
                b.deadlines().objectionPeriodWeeks());
        value(changes, "deadlines.objectionDecisionWeeks", a.deadlines().objectionDecisionWeeks(),
                b.deadlines().objectionDecisionWeeks());
        strings(changes, "deadlines.extraHolidays", a.deadlines().extraHolidays(), b.deadlines().extraHolidays());
        keyed(changes, "sensitiveAreas", a.sensitiveAreas(), b.sensitiveAreas(), PolicyDocument.Area::code,
                (path, x, y) -> {
                    value(changes, path + ".name", x.name(), y.name());
                    strings(changes, path + ".references", x.references(), y.references());
                    strings(changes, path + ".terms", x.terms(), y.terms());
                    strings(changes, path + ".excludeTerms", x.excludeTerms(), y.excludeTerms());
                });
        keyed(changes, "highRiskEntities", a.highRiskEntities(), b.highRiskEntities(), PolicyDocument.Entity::id,
                (path, x, y) -> {
                    value(changes, path + ".name", x.name(), y.name());
                    strings(changes, path + ".aliases", x.aliases(), y.aliases());
                    value(changes, path + ".country", x.country(), y.country());
                    value(changes, path + ".category", x.category(), y.category());
                    value(changes, path + ".riskLevel", x.riskLevel(), y.riskLevel());
                    value(changes, path + ".source", x.source(), y.source());
                });
        value(changes, "matching.entityThreshold", a.matching().entityThreshold(), b.matching().entityThreshold());
        value(changes, "matching.reviewThreshold", a.matching().reviewThreshold(), b.matching().reviewThreshold());
        value(changes, "retention.decidedYears", a.retention().decidedYears(), b.retention().decidedYears());
        value(changes, "retention.refusedYears", a.retention().refusedYears(), b.retention().refusedYears());
        value(changes, "retention.withdrawnYears", a.retention().withdrawnYears(), b.retention().withdrawnYears());
        value(changes, "rescreening.lookBackMonths", a.lookBackMonths(), b.lookBackMonths());
        value(changes, "judgements.maxMonths", a.judgementMaxMonths(), b.judgementMaxMonths());
        return new Result(a.version(), b.version(), summary(changes), List.copyOf(changes));
    }

    /** Compares two items found under the same key. */
    private interface ItemComparison<T> {
        void compare(String path, T older, T newer);
    }

    private static <T> void keyed(List<Change> changes, String section, List<T> older, List<T> newer,
            Function<T, String> key, ItemComparison<T> compare) {
        Map<String, T> a = byKey(older, key);
        Map<String, T> b = byKey(newer, key);
        a.forEach((k, item) -> {
            if (b.containsKey(k)) {
                compare.compare(section + "[" + k + "]", item, b.get(k));
            } else {
                changes.add(new Change(section + "[" + k + "]", Kind.REMOVED, item, null));
            }
        });
        b.forEach((k, item) -> {
            if (!a.containsKey(k)) {
                changes.add(new Change(section + "[" + k + "]", Kind.ADDED, null, item));
            }
        });
    }

    private static <T> Map<String, T> byKey(List<T> items, Function<T, String> key) {
        Map<String, T> map = new LinkedHashMap<>();
        (items == null ? List.<T>of() : items).forEach(item -> map.put(key.apply(item), item));
        return map;
    }

    private static void strings(List<Change> changes, String path, List<String> older, List<String> newer) {
        Set<String> a = new LinkedHashSet<>(older == null ? List.of() : older);
        Set<String> b = new LinkedHashSet<>(newer == null ? List.of() : newer);
        a.stream().filter(s -> !b.contains(s)).forEach(s -> changes.add(new Change(path, Kind.REMOVED, s, null)));
        b.stream().filter(s -> !a.contains(s)).forEach(s -> changes.add(new Change(path, Kind.ADDED, null, s)));
    }

    private static void value(List<Change> changes, String path, Object older, Object newer) {
        if (!Objects.equals(older, newer)) {
            changes.add(new Change(path, Kind.CHANGED, older, newer));
        }
    }

    /** Counts per section: the part of the path before the first '.' or '['. */
    private static Map<String, Map<Kind, Integer>> summary(List<Change> changes) {
        Map<String, Map<Kind, Integer>> summary = new LinkedHashMap<>();
        for (Change c : changes) {
            String section = c.path().split("[.\\[]", 2)[0];
            summary.computeIfAbsent(section, s -> new LinkedHashMap<>()).merge(c.kind(), 1, Integer::sum);
        }
        return summary;
    }
}
