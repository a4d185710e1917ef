package nl.kennisveiligheid.screening.intake;

import nl.kennisveiligheid.screening.triage.TriageInput;

/** What triage needs from a request, and nothing more (no names of people, no dates of birth). */
public final class TriageInputs {

    private TriageInputs() {}

    public static TriageInput of(ScreeningRequest r) {
        return new TriageInput(
                r.candidate().nationalities(),
                r.position().type().name(),
                r.research().areaCodes(),
                r.research().description(),
                r.research().keywords(),
                r.affiliations().stream().map(a -> new TriageInput.Organisation(a.name(), a.country())).toList(),
                r.funding().stream().map(f -> new TriageInput.Organisation(f.funder(), f.country())).toList());
    }
}
