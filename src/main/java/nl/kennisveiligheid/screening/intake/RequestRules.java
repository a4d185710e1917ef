package nl.kennisveiligheid.screening.intake;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.kennisveiligheid.screening.common.Problem.FieldError;

/** The checks of a request that bean validation cannot express: date order and the policy's area codes. */
final class RequestRules {

    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);
    /** ISO 8601's four-digit years; Jackson reads larger ones, which PostgreSQL's dates cannot hold. */
    private static final LocalDate LATEST_DATE = LocalDate.of(9999, 12, 31);

    private RequestRules() {}

    static List<FieldError> check(ScreeningRequest request, Map<String, String> policyAreas, String policyVersion) {
        List<FieldError> errors = new ArrayList<>();
        if (request.candidate().dateOfBirth() != null && request.candidate().dateOfBirth().isBefore(EARLIEST_BIRTH)) {
            errors.add(new FieldError("candidate.dateOfBirth", "must not be before 1900-01-01"));
        }
        ScreeningRequest.Position position = request.position();
        withinFourDigitYears(errors, "position.startDate", position.startDate());
        withinFourDigitYears(errors, "position.endDate", position.endDate());
        if (position.startDate() != null && position.endDate() != null && position.endDate().isBefore(position.startDate())) {
            errors.add(new FieldError("position.endDate", "must not be before position.startDate"));
        }
        for (int i = 0; i < request.affiliations().size(); i++) {
            ScreeningRequest.Affiliation a = request.affiliations().get(i);
            withinFourDigitYears(errors, "affiliations[" + i + "].from", a.from());
            withinFourDigitYears(errors, "affiliations[" + i + "].to", a.to());
            if (a.from() != null && a.to() != null && a.to().isBefore(a.from())) {
                errors.add(new FieldError("affiliations[" + i + "].to", "must not be before affiliations[" + i + "].from"));
            }
        }
        List<String> codes = request.research().areaCodes();
        for (int i = 0; i < codes.size(); i++) {
            if (!policyAreas.containsKey(codes.get(i))) {
                errors.add(new FieldError("research.areaCodes[" + i + "]", "unknown area code in policy " + policyVersion
                        + "; known: " + String.join(", ", policyAreas.keySet().stream().sorted().toList())));
            }
        }
        return errors;
    }

    private static void withinFourDigitYears(List<FieldError> errors, String field, LocalDate date) {
        if (date != null && date.isAfter(LATEST_DATE)) {
            errors.add(new FieldError(field, "must be a date up to 9999-12-31"));
        }
    }
}
