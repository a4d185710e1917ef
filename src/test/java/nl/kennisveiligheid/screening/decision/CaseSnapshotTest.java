package nl.kennisveiligheid.screening.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import nl.kennisveiligheid.screening.common.CanonicalJson;
import nl.kennisveiligheid.screening.triage.Assessment;

/**
 * A candidate's pseudonym must not depend on the path a decision takes: intake hands over the typed
 * name and date of birth, an officer's decision reads them back from the stored request. Both give
 * the same material, and so the same pseudonym in the log.
 */
class CaseSnapshotTest {

    @Property(tries = 200)
    void theTypedAndTheStoredPathGiveTheSameSubjectMaterial(@ForAll @StringLength(min = 1, max = 40) String fullName) {
        LocalDate born = LocalDate.of(1990, 4, 1);
        String request = CanonicalJson.string(Map.of("candidate", Map.of("fullName", fullName, "dateOfBirth", born)));
        Assessment assessment = new Assessment(true, true, true, List.of(), List.of(), Assessment.Outcome.CLEARED,
                "2026.1", List.of(), "2");
        String canonicalAssessment = CanonicalJson.string(assessment);

        CaseSnapshot received = CaseSnapshot.received("demo", request, canonicalAssessment, assessment, fullName,
                born.toString());
        CaseSnapshot stored = CaseSnapshot.stored("demo", request, canonicalAssessment);

        assertThat(stored.subjectMaterial()).isEqualTo(received.subjectMaterial());
        assertThat(stored.assessment()).isEqualTo(assessment);
    }

    @Property(tries = 50)
    void nameCaseAndSpacingDoNotChangeTheMaterial(@ForAll @AlphaChars @StringLength(min = 1, max = 20) String word) {
        String spaced = "  " + word.toUpperCase(java.util.Locale.ROOT) + "   Wei ";
        String plain = word.toLowerCase(java.util.Locale.ROOT) + " wei";
        assertThat(CaseSnapshot.subjectMaterial(spaced, "1990-04-01"))
                .isEqualTo(CaseSnapshot.subjectMaterial(plain, "1990-04-01"));
    }
}
