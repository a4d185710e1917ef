package nl.kennisveiligheid.screening.triage;

import java.util.List;

/** The parts of a screening request that triage weighs. */
public record TriageInput(
        List<String> nationalities,
        String positionType,
        List<String> declaredAreaCodes,
        String description,
        List<String> keywords,
        List<Organisation> affiliations,
        List<Organisation> funders) {

    /** An affiliation or funder as written in the request, with its country when given. */
    public record Organisation(String name, String country) {}
}
