package nl.kennisveiligheid.screening.cases;

/** The actions a case's history records. */
public enum CaseAction {
    RECEIVED, DECIDED_AUTOMATICALLY, ASSIGNED, RELEASED, DECIDED, REFUSAL_PROPOSED, REFUSAL_CONFIRMED, SENT_BACK,
    EXTENDED, OBJECTED, WITHDRAWN, INFORMATION_REQUESTED, INFORMATION_RECEIVED, INFORMATION_LAPSED, REASSIGNED,
    OBJECTION_WITHDRAWN, LATE_OBJECTION_RECEIVED, LATE_OBJECTION_ADMITTED,
    /** A privacy officer found the case among a person's cases (GDPR art. 15). */
    PERSONAL_DATA_FOUND,
    /** A privacy officer exported everything held on the case (GDPR art. 15). */
    PERSONAL_DATA_EXPORTED,
    /** The case's personal data was erased: at the end of retention, or early on a data subject's request. */
    PERSONAL_DATA_ERASED,
    /** A newer policy version raised indicators on a decided case: it is back with the officers. */
    RESCREEN_FLAGGED,
    /** A newer policy version raised indicators on an open case: they were added to its assessment. */
    RESCREEN_INDICATORS_ADDED
}
