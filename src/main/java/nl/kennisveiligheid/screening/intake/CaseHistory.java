package nl.kennisveiligheid.screening.intake;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import nl.kennisveiligheid.screening.common.CaseStatus;

/** One action on a case: who, when, what, from which state to which, and why. Added, never changed. */
@Entity
@Table(name = "case_history")
public class CaseHistory extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "case_id")
    public UUID caseId;

    public Instant at;

    /** An officer id, {@code institution:<name>} or {@code automated}. */
    public String actor;

    @Column(name = "actor_name")
    public String actorName;

    @Enumerated(EnumType.STRING)
    public CaseAction action;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    public CaseStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status")
    public CaseStatus toStatus;

    public String reasoning;

    public static List<CaseHistory> of(UUID caseId) {
        return list("caseId = ?1 order by id", caseId);
    }

    public static void append(ScreeningCase c, Instant at, String actor, String actorName, CaseAction action,
            CaseStatus from, String reasoning) {
        CaseHistory entry = new CaseHistory();
        entry.caseId = c.id;
        entry.at = at;
        entry.actor = actor;
        entry.actorName = actorName;
        entry.action = action;
        entry.fromStatus = from;
        entry.toStatus = c.status;
        entry.reasoning = reasoning;
        entry.persist();
    }
}
