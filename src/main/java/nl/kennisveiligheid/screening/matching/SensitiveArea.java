package nl.kennisveiligheid.screening.matching;

import java.util.List;

/** A designated sensitive area as far as matching needs it: its code and the phrases that signal it. */
public record SensitiveArea(String code, List<String> terms, List<String> excludeTerms) {

    public SensitiveArea {
        terms = terms == null ? List.of() : List.copyOf(terms);
        excludeTerms = excludeTerms == null ? List.of() : List.copyOf(excludeTerms);
    }
}
