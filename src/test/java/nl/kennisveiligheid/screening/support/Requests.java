package nl.kennisveiligheid.screening.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Screening request bodies as mutable maps, so that tests can break any field on purpose. */
public final class Requests {

    private Requests() {}

    /** In scope (third-country national, postdoc, declared semiconductors), no affiliation on the list. */
    public static Map<String, Object> clean() {
        Map<String, Object> candidate = new LinkedHashMap<>();
        candidate.put("fullName", "Li Wei");
        candidate.put("nativeName", "李伟");
        candidate.put("dateOfBirth", "1990-04-01");
        candidate.put("nationalities", new ArrayList<>(List.of("CN")));
        candidate.put("countryOfResidence", "CN");
        Map<String, Object> position = new LinkedHashMap<>();
        position.put("type", "POSTDOC");
        position.put("title", "Postdoctoral researcher");
        position.put("department", "Applied Physics");
        position.put("startDate", "2027-02-01");
        position.put("endDate", "2029-01-31");
        Map<String, Object> research = new LinkedHashMap<>();
        research.put("areaCodes", new ArrayList<>(List.of("SEMICONDUCTORS")));
        research.put("description", "Process control for EUV lithography");
        research.put("keywords", new ArrayList<>(List.of("EUV lithography")));
        Map<String, Object> affiliation = new LinkedHashMap<>();
        affiliation.put("name", "Delft University of Technology");
        affiliation.put("country", "NL");
        affiliation.put("type", "EDUCATION");
        affiliation.put("from", "2012-09-01");
        affiliation.put("to", "2019-07-01");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("externalReference", "HR-" + UUID.randomUUID());
        body.put("candidate", candidate);
        body.put("position", position);
        body.put("research", research);
        body.put("affiliations", new ArrayList<>(List.of(affiliation)));
        body.put("funding", new ArrayList<>());
        return body;
    }

    /** In scope with an affiliation on the default entity list: flagged. */
    public static Map<String, Object> flagged() {
        Map<String, Object> body = clean();
        affiliation(body).put("name", "Harbin Institute of Technology");
        affiliation(body).put("country", "CN");
        return body;
    }

    /** An EU national: screening not required. */
    public static Map<String, Object> exempt() {
        Map<String, Object> body = clean();
        candidate(body).put("nationalities", new ArrayList<>(List.of("DE")));
        return body;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> candidate(Map<String, Object> body) {
        return (Map<String, Object>) body.get("candidate");
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> position(Map<String, Object> body) {
        return (Map<String, Object>) body.get("position");
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> research(Map<String, Object> body) {
        return (Map<String, Object>) body.get("research");
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> affiliation(Map<String, Object> body) {
        return ((List<Map<String, Object>>) body.get("affiliations")).get(0);
    }
}
