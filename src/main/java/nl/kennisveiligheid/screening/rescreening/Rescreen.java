package nl.kennisveiligheid.screening.rescreening;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import nl.kennisveiligheid.screening.common.CanonicalJson;
import nl.kennisveiligheid.screening.intake.ScreeningRequest;
import nl.kennisveiligheid.screening.intake.TriageInputs;
import nl.kennisveiligheid.screening.triage.Assessment;
import nl.kennisveiligheid.screening.triage.Judgements;
import nl.kennisveiligheid.screening.triage.Triage;
import nl.kennisveiligheid.screening.triage.TriagePolicy;

/** The re-assessment of one stored case with a newer version; pure, so a batch computes them in parallel. */
final class Rescreen {

    private Rescreen() {}

    /** A case as stored: its request and assessment in canonical JSON, and the version it was last compared with. */
    record StoredCase(UUID id, String institution, String requestJson, String assessmentJson,
            String comparedWith) {}

    /**
     * @param mergedAssessmentJson the stored assessment with the raised indicators added; null when none were raised
     * @param freshAssessmentHash SHA-256 of the new assessment's canonical JSON; null when none were raised
     */
    record Result(UUID caseId, String previousVersion, List<Assessment.Indicator> raised,
            String mergedAssessmentJson, String freshAssessmentHash) {}

    static Result of(StoredCase c, TriagePolicy policy, List<Judgements.Judgement> judgements, LocalDate today) {
        ScreeningRequest request = CanonicalJson.read(c.requestJson(), new TypeReference<ScreeningRequest>() {});
        Assessment fresh = Judgements.apply(Triage.assess(TriageInputs.of(request), policy), policy, judgements,
                c.institution(), today);
        Assessment stored = CanonicalJson.read(c.assessmentJson(), new TypeReference<Assessment>() {});
        List<Assessment.Indicator> raised = Reassessment.raised(stored, fresh, policy.version());
        if (raised.isEmpty()) {
            return new Result(c.id(), c.comparedWith(), raised, null, null);
        }
        return new Result(c.id(), c.comparedWith(), raised,
                CanonicalJson.string(Reassessment.withRaised(stored, raised)),
                CanonicalJson.sha256Hex(CanonicalJson.string(fresh).getBytes(StandardCharsets.UTF_8)));
    }
}
