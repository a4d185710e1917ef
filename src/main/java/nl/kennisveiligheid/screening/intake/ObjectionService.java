package nl.kennisveiligheid.screening.intake;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import nl.kennisveiligheid.screening.common.CaseStatus;
import nl.kennisveiligheid.screening.common.ProblemException;
import nl.kennisveiligheid.screening.decision.Decision;
import nl.kennisveiligheid.screening.policy.PolicyDocument;
import nl.kennisveiligheid.screening.policy.PolicyService;

/**
 * Objections (bezwaar, Awb art. 6:7) by the case's institution: within the policy's objection period
 * after the decision, once; the case goes back to the queue with the objection-decision deadline.
 */
@ApplicationScoped
public class ObjectionService {

    private static final Set<CaseStatus> DECIDED = Set.of(CaseStatus.NOT_REQUIRED, CaseStatus.CLEARED,
            CaseStatus.APPROVED, CaseStatus.APPROVED_WITH_CONDITIONS, CaseStatus.REFUSED);

    @Inject
    Clock clock;

    @Inject
    PolicyService policies;

    @Transactional
    public CaseView object(String institution, UUID id, String grounds) {
        ScreeningCase c = ScreeningCase.findOwn(id, institution);
        if (c == null) {
            throw ProblemException.notFound("Case " + id);
        }
        if (!DECIDED.contains(c.status)) {
            throw ProblemException.conflict("not-decided", "Case " + id + " is " + c.status
                    + "; an objection is lodged against a decision.");
        }
        if (c.objectionCount > 0) {
            throw ProblemException.conflict("objection-decided", "The objection against this case was decided; "
                    + "the next step is an appeal to the administrative court.");
        }
        Decision decision = Decision.latestFor(c.id);
        PolicyDocument policy = policies.compiled(policies.find(c.policyVersion).orElseThrow()).document();
        Instant now = clock.instant();
        Instant periodEnd = decision.decidedAt.plus(Duration.ofDays(7L * policy.deadlines().objectionPeriodWeeks()));
        if (now.isAfter(periodEnd)) {
            throw ProblemException.conflict("objection-period-ended", "The objection period of "
                    + policy.deadlines().objectionPeriodWeeks() + " weeks after the decision of " + decision.decidedAt
                    + " ended on " + periodEnd + ".");
        }
        CaseStatus from = c.status;
        c.status = CaseStatus.OBJECTED;
        c.objectionCount++;
        c.objectionGrounds = grounds;
        c.extended = false;
        c.decisionDue = now.plus(Duration.ofDays(7L * policy.deadlines().objectionDecisionWeeks()));
        c.updatedAt = now;
        CaseHistory.append(c, now, "institution:" + institution, null, CaseAction.OBJECTED, from, grounds);
        Panache.getEntityManager().flush();
        return CaseView.of(c, decision);
    }
}
