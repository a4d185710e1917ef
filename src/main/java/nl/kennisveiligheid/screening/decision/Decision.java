package nl.kennisveiligheid.screening.decision;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A binding decision, automated or by an officer; added, never changed. */
@Entity
@Table(name = "decision")
public class Decision extends PanacheEntityBase {

    public static final String AUTOMATED = "automated";
    public static final String KIND_AUTOMATED = "AUTOMATED";
    public static final String KIND_OFFICER = "OFFICER";
    public static final String KIND_OBJECTION = "OBJECTION";
    /** A decision on a case that re-screening flagged: upholding (approval) or revoking (refusal) the earlier one. */
    public static final String KIND_RESCREENING = "RESCREENING";

    @Id
    public UUID id;

    @Column(name = "case_id")
    public UUID caseId;

    public String outcome;

    public String reasoning;

    /** JSON array of strings. */
    public String conditions;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "policy_version")
    public String policyVersion;

    @Column(name = "policy_hash")
    public String policyHash;

    /** AUTOMATED, OFFICER, OBJECTION (on an objection) or RESCREENING (on a re-screening alert), the last two upholding or replacing the earlier one. */
    public String kind;

    /** For a refusal: the second officer who confirmed it. */
    @Column(name = "confirmed_by")
    public String confirmedBy;

    /** The earlier decision this one upholds or replaces after an objection or a re-screening alert. */
    public UUID supersedes;

    /** The latest decision of a case, or null. */
    public static Decision latestFor(UUID caseId) {
        return find("caseId = ?1 order by decidedAt desc", caseId).firstResult();
    }
}
