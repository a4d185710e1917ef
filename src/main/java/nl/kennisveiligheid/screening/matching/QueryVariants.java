package nl.kennisveiligheid.screening.matching;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of an affiliation as written that may name the institution on their own: the whole
 * text, the text without parenthesised parts ("(Shenzhen)"), each parenthesised part ("(BUAA)"), and
 * each part between commas, semicolons or slashes, since CVs append campuses, schools and cities
 * (", School of Astronautics", ", Xi'an") or put the department first.
 */
public final class QueryVariants {

    private static final Pattern PARENTHESISED = Pattern.compile("[(\\[（【]([^)\\]）】]*)[)\\]）】]");
    private static final Pattern SEPARATORS = Pattern.compile("[,;/|，；]| [-–—] ");
    private static final int MAX_VARIANTS = 12;

    private QueryVariants() {}

    public static List<String> of(String text) {
        Set<String> variants = new LinkedHashSet<>();
        String trimmed = text.strip();
        add(variants, trimmed);
        String withoutParentheses = PARENTHESISED.matcher(trimmed).replaceAll(" ").strip();
        add(variants, withoutParentheses);
        Matcher inner = PARENTHESISED.matcher(trimmed);
        while (inner.find()) {
            add(variants, inner.group(1));
        }
        for (String part : SEPARATORS.split(withoutParentheses)) {
            add(variants, part);
        }
        return variants.stream().limit(MAX_VARIANTS).toList();
    }

    private static void add(Set<String> variants, String candidate) {
        String cleaned = candidate.strip().replaceAll("\\s+", " ");
        if (!cleaned.isEmpty()) {
            variants.add(cleaned);
        }
    }
}
