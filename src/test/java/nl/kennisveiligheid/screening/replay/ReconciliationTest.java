package nl.kennisveiligheid.screening.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import nl.kennisveiligheid.screening.audit.AuditOutbox;
import nl.kennisveiligheid.screening.common.CaseStatus;
import org.junit.jupiter.api.Test;

/** Every case accounted for: the log's last word on a case against the database's status. */
class ReconciliationTest {

    @Test
    void finalCasesMustBeOnTheLogInTheirStateAndOpenOnesNeedNotBe() {
        Reconciliation r = new Reconciliation();
        r.event(AuditOutbox.DECISION_RECORDED, "decided");
        r.event(AuditOutbox.CASE_WITHDRAWN, "withdrawn");
        r.event(AuditOutbox.DECISION_RECORDED, "objected");
        r.event(AuditOutbox.OBJECTION_LODGED, "objected");
        r.event(AuditOutbox.DECISION_RECORDED, "objection-withdrawn");
        r.event(AuditOutbox.OBJECTION_LODGED, "objection-withdrawn");
        r.event(AuditOutbox.OBJECTION_WITHDRAWN, "objection-withdrawn");
        r.event(AuditOutbox.INFORMATION_REQUESTED, "asked");
        r.event(AuditOutbox.DECISION_RECORDED, "erased");
        r.event(AuditOutbox.PERSONAL_DATA_ERASED, "erased");
        r.event(AuditOutbox.POLICY_PUBLISHED, null);
        Reconciliation.Report report = r.against(Map.of(
                "decided", CaseStatus.APPROVED,
                "withdrawn", CaseStatus.WITHDRAWN,
                "objected", CaseStatus.OBJECTED,
                "objection-withdrawn", CaseStatus.REFUSED,
                "asked", CaseStatus.INFORMATION_REQUESTED,
                "erased", CaseStatus.CLEARED,
                "waiting", CaseStatus.FLAGGED), Set.of());
        assertThat(report.reconciled()).isTrue();
        assertThat(report.casesInDatabase()).isEqualTo(7);
        assertThat(report.casesOnLog()).isEqualTo(6);
    }

    @Test
    void eachKindOfDifferenceIsCountedAndNamedExceptCasesInFlight() {
        Reconciliation r = new Reconciliation();
        r.event(AuditOutbox.DECISION_RECORDED, "decided-but-open-in-database");
        r.event(AuditOutbox.DECISION_RECORDED, "unknown-to-database");
        r.event(AuditOutbox.DECISION_RECORDED, "in-flight");
        Reconciliation.Report report = r.against(Map.of(
                "withdrawn-without-trace", CaseStatus.WITHDRAWN,
                "decided-without-trace", CaseStatus.CLEARED,
                "decided-but-open-in-database", CaseStatus.IN_REVIEW,
                "in-flight", CaseStatus.IN_REVIEW), Set.of("in-flight"));
        assertThat(report.reconciled()).isFalse();
        assertThat(report.notOnLog()).containsExactlyInAnyOrder("withdrawn-without-trace", "decided-without-trace");
        assertThat(report.stateDiffers()).containsExactly("decided-but-open-in-database");
        assertThat(report.notInDatabase()).containsExactly("unknown-to-database");
        assertThat(report.inFlight()).isEqualTo(1);
    }
}
