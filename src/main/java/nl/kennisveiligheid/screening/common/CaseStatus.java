package nl.kennisveiligheid.screening.common;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The states of a screening case; the words are a contract. The groups of states that the workflow,
 * the queue, objections, retention and the metrics reason about are defined here and nowhere else.
 */
public enum CaseStatus {
    RECEIVED, NOT_REQUIRED, CLEARED, FLAGGED, IN_REVIEW, REFUSAL_PROPOSED, APPROVED, APPROVED_WITH_CONDITIONS,
    REFUSED, WITHDRAWN, OBJECTED, INFORMATION_REQUESTED,
    /** A decided case that a newer policy version flags: the decision stands until officers uphold or revoke it. */
    RESCREEN_FLAGGED;

    /** Not yet decided (or reopened by an objection): an institution may still withdraw it. */
    public static final Set<CaseStatus> OPEN = Collections.unmodifiableSet(
            EnumSet.of(RECEIVED, FLAGGED, IN_REVIEW, INFORMATION_REQUESTED, REFUSAL_PROPOSED, OBJECTED,
                    RESCREEN_FLAGGED));

    /** With the legal officers (INFORMATION_REQUESTED: waiting for the institution's answer), in this order on screens. */
    public static final List<CaseStatus> IN_QUEUE = List.of(FLAGGED, IN_REVIEW, INFORMATION_REQUESTED, REFUSAL_PROPOSED,
            OBJECTED, RESCREEN_FLAGGED);

    /** Final: a binding decision or a withdrawal. Officers search these. */
    public static final Set<CaseStatus> FINAL = Collections.unmodifiableSet(
            EnumSet.of(NOT_REQUIRED, CLEARED, APPROVED, APPROVED_WITH_CONDITIONS, REFUSED, WITHDRAWN));

    /** Carrying a binding decision: may be objected to, and its personal data ages out after retention. */
    public static final Set<CaseStatus> DECIDED = Collections.unmodifiableSet(
            EnumSet.of(NOT_REQUIRED, CLEARED, APPROVED, APPROVED_WITH_CONDITIONS, REFUSED));

    public boolean isOpen() {
        return OPEN.contains(this);
    }

    public boolean isInQueue() {
        return IN_QUEUE.contains(this);
    }

    public boolean isDecided() {
        return DECIDED.contains(this);
    }

    /** A group as an SQL list literal, {@code ('A','B')}, for native queries; the words are enum constants. */
    public static String sqlList(Iterable<CaseStatus> group) {
        StringBuilder list = new StringBuilder("(");
        for (CaseStatus status : group) {
            list.append(list.length() > 1 ? "," : "").append('\'').append(status.name()).append('\'');
        }
        return list.append(')').toString();
    }

    /** The names of a group, sorted, for messages. */
    public static List<String> names(Iterable<CaseStatus> group) {
        return java.util.stream.StreamSupport.stream(group.spliterator(), false).map(Enum::name).sorted()
                .collect(Collectors.toList());
    }
}
