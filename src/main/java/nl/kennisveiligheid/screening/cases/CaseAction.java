package nl.kennisveiligheid.screening.cases;

/** The actions a case's history records. */
public enum CaseAction {
    RECEIVED, DECIDED_AUTOMATICALLY, ASSIGNED, RELEASED, DECIDED, REFUSAL_PROPOSED, REFUSAL_CONFIRMED, SENT_BACK,
    EXTENDED, OBJECTED, WITHDRAWN
}
