package nl.kennisveiligheid.screening.decision;

import nl.kennisveiligheid.screening.triage.Assessment;

/** The legal reasoning of an automated decision, generated from the assessment; no personal data. */
public final class AutomatedReasoning {

    private AutomatedReasoning() {}

    public static String of(Assessment assessment) {
        String conclusion = switch (assessment.outcome()) {
            case NOT_REQUIRED -> "Screening is not required under policy " + assessment.policyVersion() + ".";
            case CLEARED -> "Approved automatically under policy " + assessment.policyVersion() + ".";
            case FLAGGED -> throw new IllegalArgumentException("a flagged case is decided by a legal officer");
        };
        return String.join(" ", assessment.reasons()) + " " + conclusion;
    }
}
