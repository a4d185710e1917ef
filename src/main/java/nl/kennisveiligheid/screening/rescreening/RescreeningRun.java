package nl.kennisveiligheid.screening.rescreening;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * The re-screening of the cases with one policy version: what it counted at its start, how far it is,
 * and its cursor (the last case done, in the order of receipt), which a restart continues from.
 */
@Entity
@Table(name = "rescreening_run")
public class RescreeningRun extends PanacheEntityBase {

    public static final String RUNNING = "RUNNING";
    public static final String COMPLETED = "COMPLETED";

    @Id
    @Column(name = "policy_version")
    public String policyVersion;

    public String status;

    @Column(name = "effective_from")
    public Instant effectiveFrom;

    /** Decided cases received before this are not re-screened (the policy's look-back). */
    @Column(name = "look_back_from")
    public Instant lookBackFrom;

    public long counted;

    public long reassessed;

    public long alerts;

    @Column(name = "indicators_added")
    public long indicatorsAdded;

    @Column(name = "after_received")
    public Instant afterReceived;

    @Column(name = "after_id")
    public UUID afterId;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
