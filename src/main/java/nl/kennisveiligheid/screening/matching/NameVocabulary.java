package nl.kennisveiligheid.screening.matching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The word table of {@code matching/name-words.yaml}: each word's class, and the abbreviations,
 * spellings and transliterations that stand for it. Data, not code, so that a policy analyst can
 * extend it and a reviewer can read it; read once, immutable afterwards.
 */
final class NameVocabulary {

    private static final String RESOURCE = "/matching/name-words.yaml";
    private static final NameVocabulary INSTANCE = load();

    private final Map<String, WordClass> classes;
    private final Map<String, String> forms;
    private final Map<String, String> nativeWords;

    private NameVocabulary(Map<String, WordClass> classes, Map<String, String> forms, Map<String, String> nativeWords) {
        this.classes = classes;
        this.forms = forms;
        this.nativeWords = nativeWords;
    }

    static NameVocabulary get() {
        return INSTANCE;
    }

    /** The one form the index uses for a word: its table word if it is a listed form, singular. */
    String canonical(String word) {
        return singular(forms.getOrDefault(word, word));
    }

    WordClass classOf(String canonicalWord) {
        return classes.getOrDefault(canonicalWord, WordClass.DISTINCTIVE);
    }

    /** Generic words in other scripts with their English words, longest first. */
    Map<String, String> nativeWords() {
        return nativeWords;
    }

    static String singular(String word) {
        if (word.length() >= 5 && word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.length() >= 4 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")
                && !word.endsWith("is") && !Character.isDigit(word.charAt(0))) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }

    private static NameVocabulary load() {
        JsonNode root;
        try (InputStream in = NameVocabulary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Word table missing from the classpath: " + RESOURCE);
            }
            root = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, WordClass> classes = new HashMap<>();
        Map<String, String> forms = new HashMap<>();
        for (JsonNode row : root.path("words")) {
            String word = row.get("word").asText();
            WordClass wordClass = WordClass.valueOf(row.get("class").asText().toUpperCase(Locale.ROOT));
            if (classes.put(singular(word), wordClass) != null) {
                throw new IllegalStateException("Word listed twice in " + RESOURCE + ": " + word);
            }
            for (JsonNode form : row.path("forms")) {
                String previous = forms.put(form.asText(), word);
                if (previous != null && !previous.equals(word)) {
                    throw new IllegalStateException("Form '" + form.asText() + "' stands for two words in " + RESOURCE);
                }
            }
        }
        Map<String, String> nativeWords = new LinkedHashMap<>();
        root.path("nativeWords").fields().forEachRemaining(e -> nativeWords.put(e.getKey(), e.getValue().asText()));
        Map<String, String> longestFirst = new LinkedHashMap<>();
        nativeWords.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed())
                .forEach(e -> longestFirst.put(e.getKey(), " " + e.getValue() + " "));
        // Plain hash maps, never modified after this: classOf is on matching's hottest path.
        return new NameVocabulary(classes, forms, java.util.Collections.unmodifiableMap(longestFirst));
    }
}
