package nl.kennisveiligheid.screening.review;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The legal officers the service has seen, so that a team lead can give a case to an officer by user
 * name: the records know officers by their token subject, and the realm is not asked at run time.
 * Each officer is written once per process, at their first request.
 */
@ApplicationScoped
public class OfficerDirectory {

    private final Set<String> known = ConcurrentHashMap.newKeySet();

    @Inject
    Clock clock;

    public void remember(ReviewService.Officer officer) {
        if (known.contains(officer.id())) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager().createNativeQuery(
                        "insert into officer (id, user_name, first_seen) values (?1, ?2, ?3)"
                                + " on conflict (id) do update set user_name = excluded.user_name")
                .setParameter(1, officer.id()).setParameter(2, officer.name()).setParameter(3, clock.instant())
                .executeUpdate());
        known.add(officer.id());
    }

    /** The officer with this user name, the most recently seen if the realm reused the name. */
    Optional<ReviewService.Officer> byUserName(String userName) {
        @SuppressWarnings("unchecked")
        List<Object> ids = Panache.getEntityManager().createNativeQuery(
                        "select id from officer where user_name = ?1 order by first_seen desc limit 1")
                .setParameter(1, userName).getResultList();
        return ids.stream().findFirst().map(id -> new ReviewService.Officer((String) id, userName));
    }
}
