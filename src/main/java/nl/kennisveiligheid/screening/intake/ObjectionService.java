package nl.kennisveiligheid.screening.intake;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.UUID;
import nl.kennisveiligheid.screening.cases.CaseLifecycle;
import nl.kennisveiligheid.screening.cases.ScreeningCase;
import nl.kennisveiligheid.screening.decision.Decision;

/**
 * Objections (bezwaar, Awb art. 6:7) by the case's institution: within the policy's objection period
 * after the decision, once; the case goes back to the queue with the objection-decision deadline.
 */
@ApplicationScoped
public class ObjectionService {


    @Inject
    CaseLifecycle lifecycle;

    @Transactional
    public CaseView object(String institution, UUID id, String grounds) {
        ScreeningCase c = lifecycle.object(id, institution, grounds);
        return CaseView.of(c, Decision.latestFor(c.id));
    }
}
