package nl.kennisveiligheid.screening.common;

import java.util.Set;

/** The states of a screening case (DESIGN.md section 3); the words are a contract. */
public enum CaseStatus {
    RECEIVED, NOT_REQUIRED, CLEARED, FLAGGED, IN_REVIEW, REFUSAL_PROPOSED, APPROVED, APPROVED_WITH_CONDITIONS,
    REFUSED, WITHDRAWN, OBJECTED;

    private static final Set<CaseStatus> OPEN = Set.of(RECEIVED, FLAGGED, IN_REVIEW, REFUSAL_PROPOSED, OBJECTED);

    /** Not yet decided (or reopened by an objection): an institution may still withdraw it. */
    public boolean isOpen() {
        return OPEN.contains(this);
    }
}
