package nl.kennisveiligheid.screening.cases;

import static nl.kennisveiligheid.screening.cases.OfficerActions.Action.ADMIT_LATE_OBJECTION;
import static nl.kennisveiligheid.screening.cases.OfficerActions.Action.CONFIRM;
import static nl.kennisveiligheid.screening.cases.OfficerActions.Action.DECIDE;
import static nl.kennisveiligheid.screening.cases.OfficerActions.Action.EXTEND;
import static nl.kennisveiligheid.screening.cases.OfficerActions.Action.REASSIGN;
import static nl.kennisveiligheid.screening.cases.OfficerActions.Action.RELEASE;
import static nl.kennisveiligheid.screening.cases.OfficerActions.Action.REQUEST_INFORMATION;
import static nl.kennisveiligheid.screening.cases.OfficerActions.Action.TAKE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import nl.kennisveiligheid.screening.cases.OfficerActions.CaseFacts;
import nl.kennisveiligheid.screening.cases.OfficerActions.Caller;
import nl.kennisveiligheid.screening.common.CaseStatus;
import org.junit.jupiter.api.Test;

/** The workflow's rules as one officer (or team lead) meets them; the console offers exactly these. */
class OfficerActionsTest {

    static final UUID ID = UUID.randomUUID();
    static final Caller LEAD = new Caller("lead1", true);

    static Set<OfficerActions.Action> available(CaseFacts c, String officer, boolean involved) {
        return OfficerActions.available(c, Caller.officer(officer), () -> involved);
    }

    static CaseFacts facts(CaseStatus status, String assignee, String proposer, boolean extended, boolean objected) {
        return new CaseFacts(ID, status, assignee, proposer, extended, objected, false);
    }

    static String refusal(OfficerActions.Action action, CaseFacts c, Caller caller, boolean involved) {
        return OfficerActions.refusal(action, c, caller, () -> involved).map(OfficerActions.Refusal::slug).orElse(null);
    }

    @Test
    void aFlaggedCaseCanBeTakenButOnlyALeadExtendsItUnassigned() {
        CaseFacts flagged = facts(CaseStatus.FLAGGED, null, null, false, false);
        assertThat(available(flagged, "officer1", false)).containsExactly(TAKE);
        assertThat(OfficerActions.available(flagged, LEAD, () -> false)).containsExactlyInAnyOrder(EXTEND, REASSIGN);
    }

    @Test
    void onlyTheAssigneeDecidesReleasesAsksOrExtends() {
        CaseFacts taken = facts(CaseStatus.IN_REVIEW, "officer1", null, false, false);
        assertThat(available(taken, "officer1", false))
                .containsExactlyInAnyOrder(RELEASE, DECIDE, EXTEND, REQUEST_INFORMATION);
        assertThat(available(taken, "officer2", false)).isEmpty();
        assertThat(refusal(DECIDE, taken, Caller.officer("officer2"), false)).isEqualTo("not-assignee");
        assertThat(refusal(EXTEND, taken, Caller.officer("officer2"), false)).isEqualTo("not-assignee");
    }

    @Test
    void aLeadMovesAndExtendsButNeverDecides() {
        CaseFacts taken = facts(CaseStatus.IN_REVIEW, "officer1", null, false, false);
        assertThat(OfficerActions.available(taken, LEAD, () -> false)).containsExactlyInAnyOrder(EXTEND, REASSIGN);
        for (OfficerActions.Action reviewing : Set.of(TAKE, RELEASE, DECIDE, CONFIRM, REQUEST_INFORMATION)) {
            assertThat(refusal(reviewing, taken, LEAD, false)).isEqualTo("not-a-reviewer");
        }
        assertThat(refusal(REASSIGN, taken, Caller.officer("officer1"), false)).isEqualTo("lead-only");
        assertThat(refusal(REASSIGN, facts(CaseStatus.REFUSAL_PROPOSED, "officer1", "officer1", false, false), LEAD,
                false)).isEqualTo("wrong-state");
    }

    @Test
    void anOfficerInvolvedInTheDecisionNeverExtendsTheObjectionRound() {
        CaseFacts objection = facts(CaseStatus.IN_REVIEW, "officer1", null, false, true);
        assertThat(refusal(EXTEND, objection, Caller.officer("officer1"), true)).isEqualTo("officer-involved");
        assertThat(refusal(EXTEND, objection, LEAD, true)).isEqualTo("officer-involved");
        assertThat(refusal(EXTEND, objection, Caller.officer("officer1"), false)).isNull();
    }

    @Test
    void aDeadlineIsExtendedOncePerRoundAndNeverAfterTheDecision() {
        assertThat(refusal(EXTEND, facts(CaseStatus.IN_REVIEW, "officer1", null, true, false), LEAD, false))
                .isEqualTo("already-extended");
        assertThat(refusal(EXTEND, facts(CaseStatus.REFUSED, null, null, false, false), LEAD, false))
                .isEqualTo("wrong-state");
    }

    @Test
    void theProposerIsNeverOfferedTheConfirmationOfTheirOwnRefusal() {
        CaseFacts proposed = facts(CaseStatus.REFUSAL_PROPOSED, "officer1", "officer1", false, false);
        assertThat(available(proposed, "officer1", false)).doesNotContain(CONFIRM);
        assertThat(refusal(CONFIRM, proposed, Caller.officer("officer1"), false)).isEqualTo("own-proposal");
        assertThat(available(proposed, "officer2", false)).contains(CONFIRM);
    }

    @Test
    void anObjectionGoesToAnOfficerWhoTookNoPartAndTheHistoryIsAskedAtMostOnce() {
        CaseFacts objected = facts(CaseStatus.OBJECTED, null, null, true, true);
        AtomicInteger asked = new AtomicInteger();
        assertThat(OfficerActions.available(objected, Caller.officer("officer1"), () -> asked.incrementAndGet() > 0))
                .doesNotContain(TAKE);
        assertThat(asked.get()).isEqualTo(1);
        assertThat(available(objected, "officer2", false)).containsExactly(TAKE);
    }

    @Test
    void aLateObjectionIsAdmittedOnlyByAnOfficerWhoTookNoPart() {
        CaseFacts late = new CaseFacts(ID, CaseStatus.APPROVED_WITH_CONDITIONS, null, null, false, false, true);
        assertThat(available(late, "officer2", false)).containsExactly(ADMIT_LATE_OBJECTION);
        assertThat(refusal(ADMIT_LATE_OBJECTION, late, Caller.officer("officer1"), true)).isEqualTo("officer-involved");
        assertThat(refusal(ADMIT_LATE_OBJECTION, facts(CaseStatus.REFUSED, null, null, false, false),
                Caller.officer("officer2"), false)).isEqualTo("no-late-objection");
    }

    @Test
    void aDecidedCaseOffersNothing() {
        for (CaseStatus closed : Set.of(CaseStatus.APPROVED, CaseStatus.REFUSED, CaseStatus.APPROVED_WITH_CONDITIONS)) {
            assertThat(available(facts(closed, null, null, false, false), "officer1", false)).isEmpty();
        }
    }
}
