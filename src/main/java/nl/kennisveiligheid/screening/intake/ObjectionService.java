package nl.kennisveiligheid.screening.intake;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.UUID;
import nl.kennisveiligheid.screening.cases.CaseLifecycle;
import nl.kennisveiligheid.screening.common.ProblemException;

/**
 * Objections (bezwaar, Awb art. 6:7) by the case's institution. One received after its period is
 * refused with the period's last day, but kept (committed before the refusal) so that an officer can
 * admit it when the lateness is excusable (6:11): its receipt is a fact the file must show.
 */
@ApplicationScoped
public class ObjectionService {

    @Inject
    CaseLifecycle lifecycle;

    private record Received(CaseLifecycle.Objection objection, CaseView view) {}

    public CaseView object(String institution, UUID id, String grounds) {
        Received received = QuarkusTransaction.requiringNew().call(() -> {
            CaseLifecycle.Objection objection = lifecycle.object(id, institution, grounds);
            return new Received(objection, IntakeService.view(objection.c()));
        });
        CaseLifecycle.Objection objection = received.objection();
        if (objection.late()) {
            throw ProblemException.periodEnded("objection-period-ended", "The objection period ended at the end of "
                    + objection.period().lastDay() + " (Europe/Amsterdam). The objection is kept with the case: a legal "
                    + "officer may admit it if its lateness is excusable (Awb art. 6:11).", objection.period().lastDay());
        }
        return received.view();
    }

    /** Withdraws the objection: the decision it was against stands again. */
    @Transactional
    public CaseView withdrawObjection(String institution, UUID id) {
        return IntakeService.view(lifecycle.withdrawObjection(id, institution));
    }
}
