package nl.kennisveiligheid.screening.cases;

import static nl.kennisveiligheid.screening.cases.OfficerActions.Action.CONFIRM;
import static nl.kennisveiligheid.screening.cases.OfficerActions.Action.DECIDE;
import static nl.kennisveiligheid.screening.cases.OfficerActions.Action.EXTEND;
import static nl.kennisveiligheid.screening.cases.OfficerActions.Action.RELEASE;
import static nl.kennisveiligheid.screening.cases.OfficerActions.Action.TAKE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import nl.kennisveiligheid.screening.cases.OfficerActions.CaseFacts;
import nl.kennisveiligheid.screening.common.CaseStatus;
import org.junit.jupiter.api.Test;

/** The workflow's rules as one officer meets them; the console offers exactly these. */
class OfficerActionsTest {

    static final UUID ID = UUID.randomUUID();

    static Set<OfficerActions.Action> available(CaseFacts c, String officer, boolean involved) {
        return OfficerActions.available(c, officer, () -> involved);
    }

    @Test
    void aFlaggedCaseCanBeTakenOrExtendedButNotDecided() {
        CaseFacts flagged = new CaseFacts(ID, CaseStatus.FLAGGED, null, null, false, false);
        assertThat(available(flagged, "officer1", false)).containsExactlyInAnyOrder(TAKE, EXTEND);
    }

    @Test
    void onlyTheAssigneeDecidesOrReleases() {
        CaseFacts taken = new CaseFacts(ID, CaseStatus.IN_REVIEW, "officer1", null, false, false);
        assertThat(available(taken, "officer1", false)).containsExactlyInAnyOrder(RELEASE, DECIDE, EXTEND);
        assertThat(available(taken, "officer2", false)).containsExactly(EXTEND);
        assertThat(OfficerActions.refusal(DECIDE, taken, "officer2", () -> false)).get()
                .extracting(OfficerActions.Refusal::slug).isEqualTo("not-assignee");
    }

    @Test
    void theProposerIsNeverOfferedTheConfirmationOfTheirOwnRefusal() {
        CaseFacts proposed = new CaseFacts(ID, CaseStatus.REFUSAL_PROPOSED, "officer1", "officer1", false, false);
        assertThat(available(proposed, "officer1", false)).doesNotContain(CONFIRM);
        assertThat(OfficerActions.refusal(CONFIRM, proposed, "officer1", () -> false)).get()
                .extracting(OfficerActions.Refusal::slug).isEqualTo("own-proposal");
        assertThat(available(proposed, "officer2", false)).contains(CONFIRM);
    }

    @Test
    void anObjectionGoesToAnOfficerWhoTookNoPartAndTheHistoryIsAskedAtMostOnce() {
        CaseFacts objected = new CaseFacts(ID, CaseStatus.OBJECTED, null, null, true, true);
        AtomicInteger asked = new AtomicInteger();
        assertThat(OfficerActions.available(objected, "officer1", () -> asked.incrementAndGet() > 0))
                .doesNotContain(TAKE);
        assertThat(asked.get()).isEqualTo(1);
        assertThat(available(objected, "officer2", false)).containsExactly(TAKE);
    }

    @Test
    void aDecidedCaseOffersNothing() {
        for (CaseStatus closed : Set.of(CaseStatus.APPROVED, CaseStatus.REFUSED, CaseStatus.APPROVED_WITH_CONDITIONS)) {
            assertThat(available(new CaseFacts(ID, closed, null, null, false, false), "officer1", false)).isEmpty();
        }
    }
}
