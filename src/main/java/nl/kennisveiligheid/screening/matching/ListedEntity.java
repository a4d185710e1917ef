package nl.kennisveiligheid.screening.matching;

import java.util.List;

/** An entry of the high-risk entity list, as far as matching needs it. */
public record ListedEntity(String id, String name, List<String> aliases, String country) {

    public ListedEntity {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }
}
