package nl.kennisveiligheid.screening.console;

import static org.assertj.core.api.Assertions.assertThat;

import nl.kennisveiligheid.screening.common.CaseStatus;
import nl.kennisveiligheid.screening.review.ReviewService;
import org.junit.jupiter.api.Test;

class CaseListQueryTest {

    @Test
    void valuesTheListDoesNotKnowFallBackToItsDefaults() {
        CaseListQuery queue = CaseListQuery.read("elsewhere", null, "REFUSED", " ", "<script>", "-3");
        assertThat(queue.archive()).isFalse();
        assertThat(queue.state()).as("a final state is not a queue state").isNull();
        assertThat(queue.order()).isEqualTo(ReviewService.Order.DEADLINE);
        assertThat(queue.page()).isEqualTo(1);
        assertThat(CaseListQuery.read(null, null, null, null, null, "99999999999").page()).isEqualTo(1);
        assertThat(CaseListQuery.read(null, null, null, null, null, "200000").page()).isEqualTo(CaseListQuery.MAX_PAGE);

        CaseListQuery archive = CaseListQuery.read("archive", "Li Wei", "REFUSED", null, "RISK", " 3 ");
        assertThat(archive.archive()).isTrue();
        assertThat(archive.state()).isEqualTo(CaseStatus.REFUSED);
        assertThat(archive.order()).isEqualTo(ReviewService.Order.RISK);
        assertThat(archive.page()).isEqualTo(3);
        assertThat(CaseListQuery.read("archive", null, null, null, null, null).order())
                .as("the archive shows the newest first").isEqualTo(ReviewService.Order.RECEIVED);
    }

    @Test
    void aLinkKeepsTheFilterAndOrderAndEncodesTheSearch() {
        CaseListQuery archive = CaseListQuery.read("archive", "Li Wei & co", "REFUSED", "officer1", "risk", "2");
        assertThat(archive.link(3)).isEqualTo("/console?view=archive&q=Li+Wei+%26+co&state=REFUSED&assignee=officer1&sort=risk&page=3");
        assertThat(archive.link(1)).doesNotContain("page=");
        assertThat(CaseListQuery.read(null, null, null, null, null, null).link(2)).isEqualTo("/console?sort=deadline&page=2");
    }
}
