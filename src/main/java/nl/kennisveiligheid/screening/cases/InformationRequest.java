package nl.kennisveiligheid.screening.cases;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** An officer's question to the institution (Awb 4:5); while it is open the decision period stands still. */
@Entity
@Table(name = "information_request")
public class InformationRequest extends PanacheEntityBase {

    public static final String OPEN = "OPEN";
    public static final String ANSWERED = "ANSWERED";
    /** The reply-by date passed without an answer. */
    public static final String LAPSED = "LAPSED";

    @Id
    public UUID id;

    @Column(name = "case_id")
    public UUID caseId;

    /** Free text: personal data, erased with the case. */
    public String question;

    @Column(name = "reply_by")
    public LocalDate replyBy;

    @Column(name = "asked_by")
    public String askedBy;

    @Column(name = "asked_by_name")
    public String askedByName;

    @Column(name = "asked_at")
    public Instant askedAt;

    public String answer;

    @Column(name = "closed_at")
    public Instant closedAt;

    public String state;

    /** The days the decision period stood still for this request, once it is closed. */
    @Column(name = "suspended_days")
    public Integer suspendedDays;

    public static List<InformationRequest> of(UUID caseId) {
        return list("caseId = ?1 order by askedAt", caseId);
    }

    /** The case's open request, or null: there is at most one at a time. */
    public static InformationRequest openOf(UUID caseId) {
        return find("caseId = ?1 and state = ?2", caseId, OPEN).firstResult();
    }

    /** Open requests whose reply-by date is before the given day. */
    public static List<InformationRequest> lapsedBefore(LocalDate day) {
        return list("state = ?1 and replyBy < ?2", OPEN, day);
    }
}
