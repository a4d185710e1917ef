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
    public static final String PUBLISHED = "PUBLISHED";

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

    public boolean isPublished() {
        return PUBLISHED.equals(status);
    }
}
