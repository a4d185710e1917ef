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

    /** REASSIGN is a team lead's; the others are a legal officer's (a lead also extends). */
    public enum Action { TAKE, RELEASE, DECIDE, CONFIRM, EXTEND, REQUEST_INFORMATION, ADMIT_LATE_OBJECTION, REASSIGN }

    /** What the rules look at of a case. */
    public record CaseFacts(UUID caseId, CaseStatus status, String assignee, String proposedBy, boolean extended,
            boolean objected, boolean lateObjectionPending) {}

    /** Who acts: a legal officer, or a team lead, who is not a reviewer. */
    public record Caller(String id, boolean lead) {

        public static Caller officer(String id) {
            return new Caller(id, false);
        }
    }

    /** Why an action is refused: a stable slug and a sentence for the officer. */
    public record Refusal(String slug, String detail) {}

    private static final Set<CaseStatus> TAKEABLE = EnumSet.of(CaseStatus.FLAGGED, CaseStatus.OBJECTED,
            CaseStatus.RESCREEN_FLAGGED);
    private static final Set<CaseStatus> MOVABLE = EnumSet.of(CaseStatus.FLAGGED, CaseStatus.OBJECTED,
            CaseStatus.IN_REVIEW, CaseStatus.INFORMATION_REQUESTED, CaseStatus.RESCREEN_FLAGGED);
    private static final Set<Action> LEADS_ACTIONS = EnumSet.of(Action.EXTEND, Action.REASSIGN);

    /**
     * @param tookPartBeforeObjection asked only when the case was objected to, since answering it
     *     reads the case's history
     */
    public static Optional<Refusal> refusal(Action action, CaseFacts c, Caller caller,
            BooleanSupplier tookPartBeforeObjection) {
        if (caller.lead() && !LEADS_ACTIONS.contains(action)) {
            return Optional.of(new Refusal("not-a-reviewer", "A team lead moves and extends cases; legal officers decide them."));
        }
        if (!caller.lead() && action == Action.REASSIGN) {
            return Optional.of(new Refusal("lead-only", "Only a team lead moves a case between officers."));
        }
        String officerId = caller.id();
        return Optional.ofNullable(switch (action) {
            case TAKE -> c.assignee() != null
                    ? new Refusal("already-assigned", "Case " + c.caseId() + " is already taken by another officer.")
                    : !TAKEABLE.contains(c.status()) ? wrongState(c, "taken")
                    : involved(c, tookPartBeforeObjection) ? new Refusal("officer-involved",
                            "You took part in the decision objected to; an objection is handled by an officer who did not.")
                    : null;
            case RELEASE, DECIDE, REQUEST_INFORMATION -> c.status() != CaseStatus.IN_REVIEW
                    ? wrongState(c, switch (action) {
                        case RELEASE -> "released";
                        case DECIDE -> "decided";
                        default -> "the subject of an information request";
                    })
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
                    : !caller.lead() && !officerId.equals(c.assignee()) ? new Refusal("not-assignee",
                            "Only the officer who holds case " + c.caseId() + ", or a team lead, extends its deadline.")
                    : involved(c, tookPartBeforeObjection) ? new Refusal("officer-involved",
                            "You took part in the decision objected to, so you do not extend the objection's deadline.")
                    : null;
            case ADMIT_LATE_OBJECTION -> !c.lateObjectionPending() || !c.status().isDecided()
                    ? new Refusal("no-late-objection", "Case " + c.caseId() + " has no late objection waiting for admission.")
                    : tookPartBeforeObjection.getAsBoolean() ? new Refusal("officer-involved",
                            "You took part in the decision objected to; an officer who did not admits the objection.")
                    : null;
            case REASSIGN -> !MOVABLE.contains(c.status()) ? wrongState(c, "moved between officers") : null;
        });
    }

    /** Every action the rules leave this officer. */
    public static Set<Action> available(CaseFacts c, Caller caller, BooleanSupplier tookPartBeforeObjection) {
        Boolean[] involved = new Boolean[1];
        BooleanSupplier once = () -> involved[0] != null ? involved[0]
                : (involved[0] = tookPartBeforeObjection.getAsBoolean());
        Set<Action> allowed = EnumSet.noneOf(Action.class);
        for (Action action : Action.values()) {
            if (refusal(action, c, caller, once).isEmpty()) {
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
