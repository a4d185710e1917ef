package nl.kennisveiligheid.screening.decision;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.text.Normalizer;
import java.util.Locale;
import nl.kennisveiligheid.screening.common.CanonicalJson;
import nl.kennisveiligheid.screening.triage.Assessment;

/**
 * The case as a decision's log event needs it: whose it is, the canonical request and assessment
 * (encrypted into the payload as they are stored), the typed assessment (for the reasons) and the
 * candidate's pseudonym material. Intake hands over what it has just computed; a decision on a stored
 * case reads it back once.
 */
public record CaseSnapshot(String institution, String canonicalRequest, String canonicalAssessment,
        Assessment assessment, String subjectMaterial) {

    /** At receipt, from the typed values intake has in hand. */
    public static CaseSnapshot received(String institution, String canonicalRequest, String canonicalAssessment,
            Assessment assessment, String fullName, String dateOfBirth) {
        return new CaseSnapshot(institution, canonicalRequest, canonicalAssessment, assessment,
                subjectMaterial(fullName, dateOfBirth));
    }

    /** From a stored case: the request and assessment as they were stored at receipt. */
    public static CaseSnapshot stored(String institution, String canonicalRequest, String canonicalAssessment) {
        JsonNode candidate = CanonicalJson.read(canonicalRequest, new TypeReference<JsonNode>() {}).path("candidate");
        return received(institution, canonicalRequest, canonicalAssessment,
                CanonicalJson.read(canonicalAssessment, new TypeReference<Assessment>() {}),
                candidate.path("fullName").asText(""), candidate.path("dateOfBirth").asText(""));
    }

    /** The same person gives the same pseudonym: name (case- and space-insensitive) and date of birth. */
    public static String subjectMaterial(String fullName, String dateOfBirth) {
        String name = Normalizer.normalize(fullName == null ? "" : fullName, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
        return name + "|" + (dateOfBirth == null ? "" : dateOfBirth);
    }
}
