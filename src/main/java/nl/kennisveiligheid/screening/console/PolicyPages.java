package nl.kennisveiligheid.screening.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nl.kennisveiligheid.screening.common.CanonicalJson;
import nl.kennisveiligheid.screening.policy.PolicyDiff;
import nl.kennisveiligheid.screening.policy.PolicyDocument;
import nl.kennisveiligheid.screening.policy.PolicyService;
import nl.kennisveiligheid.screening.policy.PolicyVersion;
import nl.kennisveiligheid.screening.rescreening.RescreeningRun;

/**
 * What the policy pages show: the versions with their state, a readable diff grouped by section,
 * one version with its re-screening progress, and an uploaded document read the way the API reads
 * it (YAML or JSON, unknown fields refused), with its problems by path.
 */
@ApplicationScoped
public class PolicyPages {

    @Inject
    PolicyService policies;

    @Inject
    Clock clock;

    /** A version as the pages list it, with its state now (SCHEDULED until it takes effect). */
    public record VersionRow(String version, String status, Instant effectiveFrom, Instant createdAt, String createdBy,
            String proposedBy, Instant proposedEffectiveFrom, String contentHash) {

        public boolean draft() {
            return PolicyVersion.DRAFT.equals(status);
        }

        public boolean proposed() {
            return PolicyVersion.PROPOSED.equals(status);
        }

        public boolean scheduled() {
            return PolicyVersion.SCHEDULED.equals(status);
        }
    }

    /** One change of a diff in words: where, what kind, and the values on each side as text. */
    public record ChangeRow(String path, PolicyDiff.Kind kind, String from, String to) {}

    /** The changes of one section (areas, entities, deadlines …) and how many of each kind. */
    public record Section(String name, Map<PolicyDiff.Kind, Integer> counts, List<ChangeRow> changes) {}

    /** A re-screening run's progress, when the version has taken effect and its run started. */
    public record Progress(String status, long counted, long reassessed, long alerts, long indicatorsAdded,
            Instant startedAt, Instant finishedAt) {}

    public List<VersionRow> versions() {
        Instant now = clock.instant();
        return policies.list().stream().map(v -> row(v, now)).toList();
    }

    public java.util.Optional<VersionRow> version(String id) {
        return policies.find(id).map(v -> row(v, clock.instant()));
    }

    public Progress rescreening(String version) {
        RescreeningRun run = RescreeningRun.findById(version);
        return run == null ? null : new Progress(run.status, run.counted, run.reassessed, run.alerts, run.indicatorsAdded,
                run.startedAt, run.finishedAt);
    }

    /** The diff between two versions, grouped by the section its path starts with, in the diff's order. */
    public List<Section> diff(String from, String to) {
        PolicyDiff.Result result = PolicyDiff.between(document(from), document(to));
        Map<String, List<ChangeRow>> bySection = new LinkedHashMap<>();
        for (PolicyDiff.Change c : result.changes()) {
            bySection.computeIfAbsent(section(c.path()), s -> new ArrayList<>())
                    .add(new ChangeRow(c.path(), c.kind(), text(c.from()), text(c.to())));
        }
        return bySection.entrySet().stream().map(e -> new Section(e.getKey(),
                result.summary().getOrDefault(e.getKey(), Map.of()), e.getValue())).toList();
    }

    /** A version's document as stored, drafts included. */
    private PolicyDocument document(String version) {
        return PolicyService.parse(policies.find(version).orElseThrow().document);
    }

    /** A problem of an uploaded document: the path in the document (empty for the whole) and what is wrong. */
    /**
     * One problem of an uploaded document: its path, what is wrong as a word the messages know
     * ({@code kind}: a {@link nl.kennisveiligheid.screening.policy.PolicyRule} or a reading problem)
     * with up to two values, and the API's English sentence for a kind the messages do not know.
     */
    public record DocumentProblem(String path, String kind, String value, String secondValue, String english) {

        static DocumentProblem reading(String path, String kind, String english, String... values) {
            return new DocumentProblem(path, kind, values.length > 0 ? values[0] : null, values.length > 1 ? values[1] : null,
                    english);
        }

        static DocumentProblem of(nl.kennisveiligheid.screening.policy.PolicyRule.Problem problem) {
            return new DocumentProblem(problem.path(), problem.rule().name(), problem.value(), problem.secondValue(),
                    problem.asFieldError().message());
        }

        static DocumentProblem of(nl.kennisveiligheid.screening.common.Problem.FieldError error) {
            return new DocumentProblem(error.field(), null, null, null, error.message());
        }
    }

    /** The problems of a document the service refused, each worded by the console. */
    static List<DocumentProblem> problemsOf(nl.kennisveiligheid.screening.common.InvalidInputException refused) {
        if (refused instanceof nl.kennisveiligheid.screening.policy.PolicyDocumentInvalid invalid) {
            return invalid.problems().stream().map(DocumentProblem::of).toList();
        }
        return refused.errors().stream().map(DocumentProblem::of).toList();
    }

    /** An upload that could not be read as a policy document. */
    public static final class Unreadable extends Exception {

        private final transient DocumentProblem problem;

        Unreadable(DocumentProblem problem) {
            super(problem.english(), null, false, false);
            this.problem = problem;
        }

        public DocumentProblem problem() {
            return problem;
        }
    }

    /** Reads an uploaded file as the API reads a body; what Jackson refuses is named by its path. */
    public static PolicyDocument read(String text) throws Unreadable {
        try {
            return PolicyService.read(text);
        } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
            throw new Unreadable(DocumentProblem.reading(path(e), "UNKNOWN_FIELD", "unknown field"));
        } catch (JsonMappingException e) {
            throw new Unreadable(DocumentProblem.reading(path(e), "WRONG_KIND", "not a value of the right kind"));
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new Unreadable(at == null ? DocumentProblem.reading("", "NOT_YAML_OR_JSON", "not YAML or JSON")
                    : DocumentProblem.reading("", "NOT_YAML_OR_JSON_AT", "not YAML or JSON (line " + at.getLineNr()
                            + ", column " + at.getColumnNr() + ")", Integer.toString(at.getLineNr()),
                            Integer.toString(at.getColumnNr())));
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    static String section(String path) {
        int end = path.length();
        for (char c : new char[] {'.', '['}) {
            int at = path.indexOf(c);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return path.substring(0, end);
    }

    /**
     * A diff value as a reader sees it: lists joined with commas, an entry or area as "field: value"
     * pairs separated by semicolons, absent as nothing.
     */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        Object plain = CanonicalJson.MAPPER.convertValue(value, Object.class);
        if (plain instanceof java.util.Collection<?> items) {
            return items.stream().map(PolicyPages::text).collect(Collectors.joining(", "));
        }
        if (plain instanceof Map<?, ?> fields) {
            return fields.entrySet().stream().filter(e -> e.getValue() != null)
                    .map(e -> e.getKey() + ": " + text(e.getValue())).collect(Collectors.joining("; "));
        }
        return String.valueOf(plain);
    }

    private static VersionRow row(PolicyVersion v, Instant now) {
        return new VersionRow(v.version, v.statusAt(now), v.effectiveFrom, v.createdAt, v.createdBy, v.proposedBy,
                v.proposedEffectiveFrom, v.contentHash);
    }
}
