package nl.kennisveiligheid.screening.review;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.kennisveiligheid.screening.common.CaseStatus;

/**
 * A team lead's view of the work: how many open cases each officer holds and how many of those are
 * overdue, and how long the cases nobody has taken have waited. Counted by SQL over the queue's
 * index, so the page costs the same with ten cases or ten thousand.
 */
@ApplicationScoped
public class TeamOverview {

    /** Waiting times of unassigned cases, in days since receipt: the lower bound of each band. */
    public static final List<Integer> AGE_BANDS = List.of(0, 7, 14, 28);

    @Inject
    Clock clock;

    public record OfficerLoad(String officer, long open, long overdue) {}

    public record AgeBand(int fromDays, Integer toDays, long cases) {}

    /** Open cases per officer who holds any, the most loaded first. */
    @SuppressWarnings("unchecked")
    public List<OfficerLoad> perOfficer() {
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                select assignee_name, count(*),
                       count(*) filter (where status <> 'INFORMATION_REQUESTED' and decision_due < ?1)
                from screening_case where status in (?2) and assignee_name is not null
                group by assignee_name order by 2 desc, 1""")
                .setParameter(1, Timestamp.from(clock.instant())).setParameter(2, queueStates()).getResultList();
        return rows.stream().map(r -> new OfficerLoad((String) r[0], ((Number) r[1]).longValue(),
                ((Number) r[2]).longValue())).toList();
    }

    /** Unassigned open cases counted by how long ago they were received. */
    @SuppressWarnings("unchecked")
    public List<AgeBand> unassignedByAge() {
        Instant now = clock.instant();
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                select count(*) filter (where received_at > ?1),
                       count(*) filter (where received_at <= ?1 and received_at > ?2),
                       count(*) filter (where received_at <= ?2 and received_at > ?3),
                       count(*) filter (where received_at <= ?3)
                from screening_case where status in (?4) and assignee_name is null""")
                .setParameter(1, Timestamp.from(now.minus(Duration.ofDays(AGE_BANDS.get(1)))))
                .setParameter(2, Timestamp.from(now.minus(Duration.ofDays(AGE_BANDS.get(2)))))
                .setParameter(3, Timestamp.from(now.minus(Duration.ofDays(AGE_BANDS.get(3)))))
                .setParameter(4, queueStates()).getResultList();
        Object[] counts = rows.get(0);
        return java.util.stream.IntStream.range(0, AGE_BANDS.size())
                .mapToObj(i -> new AgeBand(AGE_BANDS.get(i), i + 1 < AGE_BANDS.size() ? AGE_BANDS.get(i + 1) : null,
                        ((Number) counts[i]).longValue()))
                .toList();
    }

    public record WaitingCase(java.util.UUID id, String externalReference, Instant receivedAt, Instant decisionDue) {}

    /** The unassigned open cases that have waited longest, for the lead to hand out. */
    @SuppressWarnings("unchecked")
    public List<WaitingCase> longestWaiting(int limit) {
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                select id, external_reference, received_at, decision_due from screening_case
                where status in (?1) and assignee_name is null order by received_at, id limit ?2""")
                .setParameter(1, queueStates()).setParameter(2, limit).getResultList();
        return rows.stream().map(r -> new WaitingCase((java.util.UUID) r[0], (String) r[1], instant(r[2]), instant(r[3])))
                .toList();
    }

    private static Instant instant(Object value) {
        return value instanceof Timestamp t ? t.toInstant() : value instanceof java.time.OffsetDateTime o ? o.toInstant()
                : (Instant) value;
    }

    /** The user names of the officers the service knows, to give a case to. */
    @SuppressWarnings("unchecked")
    public List<String> officers() {
        return Panache.getEntityManager().createNativeQuery("select distinct user_name from officer order by 1")
                .getResultList();
    }

    private static List<String> queueStates() {
        return CaseStatus.IN_QUEUE.stream().map(Enum::name).toList();
    }
}
