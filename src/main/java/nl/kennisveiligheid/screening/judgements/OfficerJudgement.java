package nl.kennisveiligheid.screening.judgements;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Two officers' judgement that a text matched to a list entry is not that entity: proposed by the
 * officer who holds the case, confirmed (or rejected) by another, revocable by a team lead or a
 * policy administrator. Keyed on the normalised text and the entry's id and content hash.
 */
@Entity
@Table(name = "judgement")
public class OfficerJudgement extends PanacheEntityBase {

    public static final String PROPOSED = "PROPOSED";
    public static final String ACTIVE = "ACTIVE";
    public static final String REJECTED = "REJECTED";
    public static final String REVOKED = "REVOKED";

    @Id
    public UUID id;

    @Column(name = "case_id")
    public UUID caseId;

    @Column(name = "indicator_index")
    public int indicatorIndex;

    public String institution;

    public String scope;

    public String verdict;

    @Column(name = "entity_id")
    public String entityId;

    @Column(name = "entity_hash")
    public String entityHash;

    @Column(name = "normalized_text")
    public String normalizedText;

    @Column(name = "policy_version")
    public String policyVersion;

    @Column(name = "valid_until")
    public LocalDate validUntil;

    public String status;

    public String reasoning;

    @Column(name = "proposed_by")
    public String proposedBy;

    @Column(name = "proposed_by_name")
    public String proposedByName;

    @Column(name = "proposed_at")
    public Instant proposedAt;

    @Column(name = "confirmed_by")
    public String confirmedBy;

    @Column(name = "confirmed_by_name")
    public String confirmedByName;

    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    @Column(name = "confirmation_reasoning")
    public String confirmationReasoning;

    @Column(name = "revoked_by")
    public String revokedBy;

    @Column(name = "revoked_by_name")
    public String revokedByName;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revocation_reasoning")
    public String revocationReasoning;
}
