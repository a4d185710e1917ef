package nl.kennisveiligheid.screening.console;

import java.util.List;

/** An uploaded policy document that was not stored: its problems by path, or the workflow's refusal by slug. */
public record UploadState(List<PolicyPages.DocumentProblem> problems, String refusal) {

    static UploadState none() {
        return new UploadState(List.of(), null);
    }

    public boolean hasProblems() {
        return !problems.isEmpty() || refusal != null;
    }
}
