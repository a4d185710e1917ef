package nl.kennisveiligheid.screening.matching;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Measures matching quality on the labelled sets in src/test/resources/eval and fails below the agreed
 * floors (entity precision 0.99, recall 0.97; field micro-F1 0.95). Prints every miss and false
 * match with its explanation, and the negatives that came closest, with what kept them out. `make eval` runs this test alone.
 */
class MatchingEvaluationTest {

    static final double ENTITY_THRESHOLD = 0.90;
    static final double REVIEW_THRESHOLD = 0.80;
    static final double ENTITY_PRECISION_FLOOR = 0.99;
    static final double ENTITY_RECALL_FLOOR = 0.97;
    static final double FIELD_F1_FLOOR = 0.95;

    @Test
    void entityMatchingMeetsTheFloors() throws Exception {
        EntityIndex index = EntityIndex.build(EvaluationData.referenceEntities());
        int truePositives = 0;
        int falsePositives = 0;
        int falseNegatives = 0;
        StringBuilder report = new StringBuilder();
        List<EvaluationData.EntityCase> cases = EvaluationData.entityCases();
        List<EntityMatch> closestNegatives = new java.util.ArrayList<>();
        for (EvaluationData.EntityCase c : cases) {
            if (c.expected() == null) {
                closestNegatives.addAll(index.match(c.query(), c.country(), 0.7).stream().limit(1).toList());
            }
            List<EntityMatch> matches = index.match(c.query(), c.country(), ENTITY_THRESHOLD);
            EntityMatch top = matches.isEmpty() ? null : matches.get(0);
            String predicted = top == null ? null : top.entityId();
            if (Objects.equals(predicted, c.expected())) {
                if (predicted != null) {
                    truePositives++;
                }
                continue;
            }
            if (predicted != null) {
                falsePositives++;
                report.append(String.format(Locale.ROOT, "  FALSE MATCH %-55s expected %-8s got %s%n",
                        quoted(c.query()), c.expected(), explain(top)));
            }
            if (c.expected() != null) {
                falseNegatives++;
                List<EntityMatch> near = index.match(c.query(), c.country(), 0.5);
                report.append(String.format(Locale.ROOT, "  MISS        %-55s expected %-8s nearest %s%n",
                        quoted(c.query()), c.expected(), near.isEmpty() ? "none" : explain(near.get(0))));
            }
        }
        double precision = ratio(truePositives, truePositives + falsePositives);
        double recall = ratio(truePositives, truePositives + falseNegatives);
        System.out.printf(Locale.ROOT, "%nEntity matching (%d cases, threshold %.2f): precision %.3f recall %.3f F1 %.3f%n%s",
                cases.size(), ENTITY_THRESHOLD, precision, recall, f1(precision, recall), report);
        closestNegatives.sort(java.util.Comparator.comparingDouble(EntityMatch::score).reversed());
        System.out.printf(Locale.ROOT, "Negatives at or above the default review threshold %.2f (a weak-match flag): %d of %d%n"
                + "Closest negatives:%n", REVIEW_THRESHOLD, closestNegatives.stream().filter(m -> m.score() >= REVIEW_THRESHOLD)
                .count(), cases.stream().filter(c -> c.expected() == null).count());
        closestNegatives.stream().limit(8).forEach(m -> System.out.printf(Locale.ROOT, "  %-55s %s%n",
                quoted(m.inputText()), explain(m)));
        assertTrue(precision >= ENTITY_PRECISION_FLOOR, "entity precision " + precision + " below floor");
        assertTrue(recall >= ENTITY_RECALL_FLOOR, "entity recall " + recall + " below floor");
    }

    @Test
    void researchFieldMatchingMeetsTheFloor() throws Exception {
        AreaMatcher matcher = AreaMatcher.build(EvaluationData.evalAreas());
        int truePositives = 0;
        int falsePositives = 0;
        int falseNegatives = 0;
        StringBuilder report = new StringBuilder();
        List<EvaluationData.FieldCase> cases = EvaluationData.fieldCases();
        for (EvaluationData.FieldCase c : cases) {
            List<AreaMatch> matches = matcher.match("research.description", c.description());
            Set<String> found = matches.stream().map(AreaMatch::areaCode).collect(Collectors.toCollection(TreeSet::new));
            Set<String> expected = new TreeSet<>(c.expected());
            for (String code : found) {
                if (expected.contains(code)) {
                    truePositives++;
                } else {
                    falsePositives++;
                    report.append(String.format(Locale.ROOT, "  FALSE AREA %-12s in %s: %s%n", code, quoted(c.description()),
                            matches.stream().filter(m -> m.areaCode().equals(code))
                                    .map(m -> "term '" + m.term() + "' on '" + m.evidence() + "'")
                                    .collect(Collectors.joining("; "))));
                }
            }
            for (String code : expected) {
                if (!found.contains(code)) {
                    falseNegatives++;
                    report.append(String.format(Locale.ROOT, "  MISSED AREA %-11s in %s%n", code, quoted(c.description())));
                }
            }
        }
        double precision = ratio(truePositives, truePositives + falsePositives);
        double recall = ratio(truePositives, truePositives + falseNegatives);
        double f1 = f1(precision, recall);
        System.out.printf(Locale.ROOT, "%nResearch-field matching (%d cases): micro precision %.3f recall %.3f F1 %.3f%n%s",
                cases.size(), precision, recall, f1, report);
        assertTrue(f1 >= FIELD_F1_FLOOR, "field micro-F1 " + f1 + " below floor");
    }

    @Test
    void anEvaluationThatMeasuredNothingFailsInsteadOfScoringOne() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> ratio(0, 0));
        org.junit.jupiter.api.Assertions.assertEquals(0.75, ratio(3, 4));
    }

    private static String explain(EntityMatch m) {
        return String.format(Locale.ROOT, "%s via '%s' score %.3f (%s, part '%s' -> '%s' vs '%s', words %s, missing %s)",
                m.entityId(), m.listedName(), m.score(), m.method(), m.matchedPart(), m.normalizedInput(),
                m.normalizedListed(), m.words().stream().map(w -> w.queryWord() + "~" + w.listWord())
                        .collect(Collectors.joining(",")), m.missing().stream()
                        .map(w -> w.word() + " (" + w.side() + ")").collect(Collectors.joining(",")));
    }

    private static String quoted(String s) {
        return "'" + s + "'";
    }

    /** An empty denominator means the set measured nothing: that is a broken evaluation, not a score of 1. */
    static double ratio(int a, int b) {
        if (b == 0) {
            throw new IllegalStateException("nothing to measure: the labelled set produced no positives");
        }
        return (double) a / b;
    }

    private static double f1(double p, double r) {
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
