package nl.kennisveiligheid.screening.cases;

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

    /** Only the lifecycle appends: history records transitions, and transitions are its alone. */
    static void append(ScreeningCase c, Instant at, CaseLifecycle.Actor actor, CaseAction action, CaseStatus from,
            String reasoning) {
        CaseHistory entry = new CaseHistory();
        entry.caseId = c.id;
        entry.at = at;
        entry.actor = actor.id();
        entry.actorName = actor.name();
        entry.action = action;
        entry.fromStatus = from;
        entry.toStatus = c.status;
        entry.reasoning = reasoning;
        entry.persist();
    }

    /** The actions by which an officer takes part in a decision. */
    private static final List<String> TAKING_PART = List.of(CaseAction.DECIDED.name(), CaseAction.REFUSAL_PROPOSED.name(),
            CaseAction.REFUSAL_CONFIRMED.name(), CaseAction.SENT_BACK.name());

    /**
     * Whether the officer took part in the decision that the case's last objection is against (with no
     * objection recorded yet, as for a late one awaiting admission: in any decision on the case).
     */
    static boolean tookPartBeforeObjection(UUID caseId, String officerId) {
        Number count = (Number) getEntityManager().createNativeQuery(
                "select count(*) from case_history h where h.case_id = ?1 and h.actor = ?2 and h.action in ?3"
                        + " and h.id < coalesce((select max(o.id) from case_history o where o.case_id = ?1"
                        + " and o.action = 'OBJECTED'), 9223372036854775807)")
                .setParameter(1, caseId).setParameter(2, officerId).setParameter(3, TAKING_PART)
                .getSingleResult();
        return count.longValue() > 0;
    }
}
