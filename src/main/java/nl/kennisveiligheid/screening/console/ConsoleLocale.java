package nl.kennisveiligheid.screening.console;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The console's language: the officer's own choice (a cookie set by the language switch) wins, then
 * the browser's preferred languages in order, then English. Pure, so the choice is testable.
 */
public final class ConsoleLocale {

    public static final String COOKIE = "console-lang";
    static final List<String> SUPPORTED = List.of("en", "nl");
    private static final String FALLBACK = "en";

    private ConsoleLocale() {}

    public static String choose(String chosen, List<Locale> acceptable) {
        return supported(chosen)
                .or(() -> acceptable.stream().map(Locale::getLanguage).filter(SUPPORTED::contains).findFirst())
                .orElse(FALLBACK);
    }

    public static Optional<String> supported(String language) {
        return Optional.ofNullable(language).filter(SUPPORTED::contains);
    }
}
