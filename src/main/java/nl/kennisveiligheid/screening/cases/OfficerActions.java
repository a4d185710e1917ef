package nl.kennisveiligheid.screening.cases;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import nl.kennisveiligheid.screening.common.CaseStatus;

/**
 * Which review actions an officer may take on a case at this moment, and why not otherwise. The one
 * statement of the workflow's rules (DESIGN.md section 3): the service refuses with these reasons and
 * the console offers exactly the actions left, so what is offered and what is allowed cannot drift.
 * Pure: the caller says whether the officer took part before an objection.
 */
public final class OfficerActions {

    private OfficerActions() {}

    public enum Action { TAKE, RELEASE, DECIDE, CONFIRM, EXTEND }

    /** What the rules look at of a case. */
    public record CaseFacts(UUID caseId, CaseStatus status, String assignee, String proposedBy, boolean extended,
            boolean objected) {}

    /** Why an action is refused: a stable slug and a sentence for the officer. */
    public record Refusal(String slug, String detail) {}

    private static final Set<CaseStatus> TAKEABLE = EnumSet.of(CaseStatus.FLAGGED, CaseStatus.OBJECTED);

    /**
     * @param tookPartBeforeObjection asked only when the case was objected to, since answering it
     *     reads the case's history
     */
    public static Optional<Refusal> refusal(Action action, CaseFacts c, String officerId,
            BooleanSupplier tookPartBeforeObjection) {
        return Optional.ofNullable(switch (action) {
            case TAKE -> c.assignee() != null
                    ? new Refusal("already-assigned", "Case " + c.caseId() + " is already taken by another officer.")
                    : !TAKEABLE.contains(c.status()) ? wrongState(c, "taken")
                    : involved(c, tookPartBeforeObjection) ? new Refusal("officer-involved",
                            "You took part in the decision objected to; an objection is handled by an officer who did not.")
                    : null;
            case RELEASE, DECIDE -> c.status() != CaseStatus.IN_REVIEW
                    ? wrongState(c, action == Action.RELEASE ? "released" : "decided")
                    : !officerId.equals(c.assignee()) ? new Refusal("not-assignee", "Only the officer who took case "
                            + c.caseId() + " acts on it; take it first.")
                    : null;
            case CONFIRM -> c.status() != CaseStatus.REFUSAL_PROPOSED ? wrongState(c, "confirmed")
                    : officerId.equals(c.proposedBy()) ? new Refusal("own-proposal",
                            "A refusal needs a second officer: you cannot confirm your own proposal.")
                    : involved(c, tookPartBeforeObjection) ? new Refusal("officer-involved",
                            "You took part in the decision objected to.")
                    : null;
            case EXTEND -> !c.status().isInQueue() ? wrongState(c, "extended")
                    : c.extended() ? new Refusal("already-extended", "The deadline of this case was already extended once.")
                    : null;
        });
    }

    /** Every action the rules leave this officer. */
    public static Set<Action> available(CaseFacts c, String officerId, BooleanSupplier tookPartBeforeObjection) {
        Boolean[] involved = new Boolean[1];
        BooleanSupplier once = () -> involved[0] != null ? involved[0]
                : (involved[0] = tookPartBeforeObjection.getAsBoolean());
        Set<Action> allowed = EnumSet.noneOf(Action.class);
        for (Action action : Action.values()) {
            if (refusal(action, c, officerId, once).isEmpty()) {
                allowed.add(action);
            }
        }
        return allowed;
    }

    private static boolean involved(CaseFacts c, BooleanSupplier tookPartBeforeObjection) {
        return c.objected() && tookPartBeforeObjection.getAsBoolean();
    }

    private static Refusal wrongState(CaseFacts c, String verb) {
        return new Refusal("wrong-state", "Case " + c.caseId() + " is " + c.status() + " and cannot be " + verb + " now.");
    }
}
