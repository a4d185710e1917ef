package nl.kennisveiligheid.screening.policy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A stored policy version: a draft until published, then immutable. */
@Entity
@Table(name = "policy_version")
public class PolicyVersion extends PanacheEntityBase {

    public static final String DRAFT = "DRAFT";
    /** A draft one administrator proposed to publish; a second confirms it. */
    public static final String PROPOSED = "PROPOSED";
    public static final String PUBLISHED = "PUBLISHED";
    /** Published for a future date and cancelled before it took effect; kept as part of the record. */
    public static final String CANCELLED = "CANCELLED";
    /** How the API shows a published version whose effective time has not come yet. */
    public static final String SCHEDULED = "SCHEDULED";

    @Id
    public String version;

    /** The document with defaults applied, in canonical JSON (RFC 8785). */
    public String document;

    @Column(name = "content_hash")
    public String contentHash;

    public String status;

    @Column(name = "effective_from")
    public Instant effectiveFrom;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "published_by")
    public String publishedBy;

    @Column(name = "proposed_by")
    public String proposedBy;

    @Column(name = "proposed_at")
    public Instant proposedAt;

    /** The effective time the proposer asked for; null for "when confirmed". */
    @Column(name = "proposed_effective_from")
    public Instant proposedEffectiveFrom;

    /** The content the proposer saw: a confirmation publishes exactly that. */
    @Column(name = "proposed_hash")
    public String proposedHash;

    @Column(name = "cancelled_by")
    public String cancelledBy;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    public boolean isPublished() {
        return PUBLISHED.equals(status);
    }

    /** Still a draft: its document may change, and it may be proposed, published or deleted. */
    public boolean isEditable() {
        return DRAFT.equals(status) || PROPOSED.equals(status);
    }

    /** The status as the API shows it: a published version not yet in effect is SCHEDULED. */
    public String statusAt(Instant now) {
        return isPublished() && effectiveFrom.isAfter(now) ? SCHEDULED : status;
    }
}
