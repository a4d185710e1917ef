package nl.kennisveiligheid.screening.cases;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import nl.kennisveiligheid.screening.common.CaseStatus;

/** A screening case: the request, the assessment it got and where it stands. */
@Entity
@Table(name = "screening_case")
public class ScreeningCase extends PanacheEntityBase {

    @Id
    public UUID id;

    public String institution;

    @Column(name = "external_reference")
    public String externalReference;

    @Column(name = "request_hash")
    public String requestHash;

    /** The request in canonical JSON: personal data. */
    public String request;

    @Enumerated(EnumType.STRING)
    public CaseStatus status;

    @Column(name = "policy_version")
    public String policyVersion;

    @Column(name = "policy_hash")
    public String policyHash;

    /** The assessment in JSON. */
    public String assessment;

    @Column(name = "received_at")
    public Instant receivedAt;

    /** The instant the current period ends: the end of its last day in Amsterdam, after the Atw. */
    @Column(name = "decision_due")
    public Instant decisionDue;

    /** The current period's last day before the Atw moved it: suspensions and extensions count from it. */
    @Column(name = "due_nominal")
    public LocalDate dueNominal;

    /** Why the deadline was extended (Awb 4:14(3)); the institution sees it. */
    @Column(name = "extension_reason")
    public String extensionReason;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The officer id of the officer who took the case, or null while it waits in the queue. */
    public String assignee;

    @Column(name = "assignee_name")
    public String assigneeName;

    /** Whether the deadline of the current round was extended (once per round). */
    public boolean extended;

    /** The officer id of who proposed a refusal that awaits confirmation. */
    @Column(name = "proposed_by")
    public String proposedBy;

    @Column(name = "proposal_reasoning")
    public String proposalReasoning;

    @Column(name = "objection_count")
    public int objectionCount;

    @Column(name = "objection_grounds")
    public String objectionGrounds;

    @Column(name = "objection_received_at")
    public Instant objectionReceivedAt;

    /** An objection received after its period, kept for an officer to admit (Awb 6:11). */
    @Column(name = "late_objection_grounds")
    public String lateObjectionGrounds;

    @Column(name = "late_objection_received_at")
    public Instant lateObjectionReceivedAt;

    /** DECIDED, REFUSED or WITHDRAWN once the case is final: which of the policy's retention periods applies. */
    @Column(name = "retention_kind")
    public String retentionKind;

    /** The case's last event that counts for retention (see {@link CaseLifecycle}); null while it is open. */
    @Column(name = "retention_starts_at")
    public Instant retentionStartsAt;

    /** When the case's personal data is erased, unless a data subject's request erases it earlier. */
    @Column(name = "retention_ends_at")
    public Instant retentionEndsAt;

    /** When the case's personal data was erased; null while it is held. */
    @Column(name = "erased_at")
    public Instant erasedAt;

    /**
     * The version whose indicators the assessment holds last: the case's own, or the newest version
     * that raised some on re-screening (under which the officers then decide).
     */
    @Column(name = "screened_version")
    public String screenedVersion;

    /** The re-screening alert that awaits the officers' decision, or null. */
    @Column(name = "rescreen_alert_id")
    public UUID rescreenAlertId;

    /** The position's last day, as the request gave it (null: open-ended); re-screening skips ended positions. */
    @Column(name = "position_ends_on")
    public LocalDate positionEndsOn;

    /** Two actions on one case at once cannot both succeed. */
    @Version
    @Column(name = "row_version")
    public long rowVersion;

    /** The institution's own case, or null: another institution's case is invisible, never forbidden. */
    public static ScreeningCase findOwn(UUID id, String institution) {
        return find("id = ?1 and institution = ?2", id, institution).firstResult();
    }
}
