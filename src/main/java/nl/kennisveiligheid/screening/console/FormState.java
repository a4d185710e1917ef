package nl.kennisveiligheid.screening.console;

import java.util.List;
import java.util.Map;

/**
 * A submitted form that was not carried out, shown again: which form, what the officer typed (so
 * nothing is lost), the fields to correct, and a refusal of the workflow by its slug.
 */
public record FormState(String form, Map<String, String> values, List<FieldProblem> problems, String refusal) {

    /** One field to correct: the field's name (also its element id) and a message key. */
    public record FieldProblem(String field, String problem) {}

    public static FormState none() {
        return new FormState("", Map.of(), List.of(), null);
    }

    public String value(String field) {
        return values.getOrDefault(field, "");
    }

    /** Whether this was the named form (a method named "is" would clash with Qute's "is" operator). */
    public boolean was(String name) {
        return form.equals(name);
    }

    public boolean hasProblems() {
        return !problems.isEmpty() || refusal != null;
    }

    public boolean invalid(String field) {
        return problems.stream().anyMatch(p -> p.field().equals(field) || p.field().startsWith(field + "["));
    }
}
