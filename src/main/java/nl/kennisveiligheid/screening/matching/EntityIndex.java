package nl.kennisveiligheid.screening.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The high-risk entity list prepared for fast matching of affiliations and funders: an inverted
 * index from distinctive words (and adjacent word pairs written joined) to the list's names and
 * aliases generates a few candidates, which are then scored exactly by {@link NameScorer}.
 * Immutable and safe for concurrent use; a new policy version builds a new index.
 */
public final class EntityIndex {

    /** Applied when the input's country and the entity's country are both known and differ. */
    public static final double COUNTRY_MISMATCH_FACTOR = 0.9;
    /** An acronym formed from a name is good evidence, but weaker than the name or a listed alias. */
    public static final double GENERATED_ACRONYM_SCORE = 0.95;

    private static final int CANDIDATES = 40;
    private static final int MAX_GENERIC_POSTINGS = 50_000;
    private static final int MAX_FREQUENT_POSTINGS = 5_000;
    private static final Pattern WRITTEN_ACRONYM = Pattern.compile("[A-Z][A-Z0-9]{1,7}");

    private final List<ListedEntity> entities;
    private final int[] entryEntity;
    private final String[] entryText;
    private final WeightedName[] entryNames;
    private final Map<String, int[]> exact;
    private final Map<String, int[]> postings;
    private final Map<String, String[]> singleEditNeighbours;
    private final Map<String, int[]> generatedAcronyms;
    private final ThreadLocal<ScoreAccumulator> accumulators;

    private EntityIndex(List<ListedEntity> entities, int[] entryEntity, String[] entryText, WeightedName[] entryNames,
            Map<String, int[]> exact, Map<String, int[]> postings, Map<String, String[]> singleEditNeighbours,
            Map<String, int[]> generatedAcronyms) {
        this.entities = entities;
        this.entryEntity = entryEntity;
        this.entryText = entryText;
        this.entryNames = entryNames;
        this.exact = exact;
        this.postings = postings;
        this.singleEditNeighbours = singleEditNeighbours;
        this.generatedAcronyms = generatedAcronyms;
        this.accumulators = ThreadLocal.withInitial(() -> new ScoreAccumulator(entryNames.length));
    }

    public static EntityIndex build(List<ListedEntity> entities) {
        List<ListedEntity> list = List.copyOf(entities);
        int total = list.stream().mapToInt(e -> 1 + e.aliases().size()).sum();
        int[] entryEntity = new int[total];
        String[] entryText = new String[total];
        WeightedName[] entryNames = new WeightedName[total];
        Map<String, IntList> exact = new HashMap<>();
        Map<String, IntList> postings = new HashMap<>();
        Map<String, IntList> acronyms = new HashMap<>();
        Set<String> words = new HashSet<>();
        int entry = 0;
        for (int e = 0; e < list.size(); e++) {
            ListedEntity entity = list.get(e);
            List<String> names = new ArrayList<>();
            names.add(entity.name());
            names.addAll(entity.aliases());
            for (String name : names) {
                WeightedName weighted = WeightedName.of(name);
                entryEntity[entry] = e;
                entryText[entry] = name;
                entryNames[entry] = weighted;
                if (!weighted.isEmpty()) {
                    exact.computeIfAbsent(weighted.normalized(), k -> new IntList()).add(entry);
                    for (String key : retrievalKeys(weighted, true)) {
                        postings.computeIfAbsent(key, k -> new IntList()).addDistinct(entry);
                    }
                    for (String word : weighted.words()) {
                        if (word.length() >= 5 && TokenWeights.isDistinctive(word)) {
                            words.add(word);
                        }
                    }
                    String acronym = Acronyms.of(weighted.words());
                    if (acronym != null) {
                        acronyms.computeIfAbsent(acronym, k -> new IntList()).addDistinct(entry);
                    }
                }
                entry++;
            }
        }
        return new EntityIndex(list, entryEntity, entryText, entryNames, freeze(exact), freeze(postings),
                deletionNeighbours(words), freeze(acronyms));
    }

    public int size() {
        return entryNames.length;
    }

    /**
     * Every entity whose name or alias matches the input with at least {@code minScore}, best
     * first, one match (the best) per entity.
     *
     * @param country the input's ISO country code, or null when unknown
     */
    public List<EntityMatch> match(String input, String country, double minScore) {
        Map<String, EntityMatch> best = new LinkedHashMap<>();
        if (input == null || input.isBlank()) {
            return List.of();
        }
        // Bounded before it is split, so that an affiliation's parts cannot multiply a long input's work.
        String bounded = NameNormalizer.bounded(input);
        List<String> variants = new ArrayList<>(QueryVariants.of(bounded));
        String looksLike = LookAlikeLetters.wholeWordLookAlikes(bounded);
        if (looksLike != null) {
            variants.addAll(QueryVariants.of(looksLike));
        }
        for (String variant : variants) {
            WeightedName query = WeightedName.of(variant);
            if (query.isEmpty()) {
                continue;
            }
            for (int entry : exactOrCandidates(query)) {
                consider(best, scoreEntry(input, variant, query, entry, country, minScore), minScore);
            }
            if (query.words().length == 1 && WRITTEN_ACRONYM.matcher(variant).matches()) {
                for (int entry : generatedAcronyms.getOrDefault(query.words()[0], new int[0])) {
                    consider(best, acronymMatch(input, variant, query, entry, country), minScore);
                }
            }
        }
        List<EntityMatch> matches = new ArrayList<>(best.values());
        matches.sort(Comparator.comparingDouble(EntityMatch::score).reversed().thenComparing(EntityMatch::entityId));
        return matches;
    }

    private static void consider(Map<String, EntityMatch> best, EntityMatch match, double minScore) {
        if (match == null || match.score() < minScore) {
            return;
        }
        best.merge(match.entityId(), match, (a, b) -> b.score() > a.score() ? b : a);
    }

    private int[] exactOrCandidates(WeightedName query) {
        int[] exactEntries = exact.get(query.normalized());
        int[] candidates = candidates(query);
        if (exactEntries == null) {
            return candidates;
        }
        int[] all = Arrays.copyOf(exactEntries, exactEntries.length + candidates.length);
        System.arraycopy(candidates, 0, all, exactEntries.length, candidates.length);
        return all;
    }

    /**
     * The entries most likely to score well: rarest retrieval keys first, so that a frequent word
     * ("Physics" in a list of a million names) is only read when nothing rarer found anything, and
     * words within typo tolerance of an unknown query word through their one-deletion neighbours.
     */
    private int[] candidates(WeightedName query) {
        ScoreAccumulator acc = accumulators.get();
        acc.reset();
        List<String> keys = retrievalKeys(query, true);
        boolean distinctive = !keys.isEmpty();
        if (!distinctive) {
            keys = retrievalKeys(query, false);
        }
        List<Posting> found = new ArrayList<>();
        for (String key : keys) {
            double queryWeight = TokenWeights.weight(key);
            int[] exactEntries = postings.get(key);
            if (exactEntries != null) {
                found.add(new Posting(exactEntries, (float) (queryWeight * TokenWeights.weight(key))));
            } else if (key.length() >= 5) {
                for (String near : nearWords(key)) {
                    double similarity = TypoTolerance.similarity(key, near);
                    int[] entries = postings.get(near);
                    if (similarity > 0 && entries != null) {
                        found.add(new Posting(entries, (float) (queryWeight * TokenWeights.weight(near) * similarity)));
                    }
                }
            }
        }
        found.sort(Comparator.comparingInt(p -> p.entries().length));
        for (Posting posting : found) {
            int length = posting.entries().length;
            boolean skip = length > MAX_FREQUENT_POSTINGS && acc.size() > 0
                    || !distinctive && length > MAX_GENERIC_POSTINGS;
            if (!skip) {
                // A frequent word read when nothing rarer found anything is read only so far: the work per
                // name stays bounded, and an exact name is found through the exact map whatever its words.
                int read = Math.min(length, MAX_FREQUENT_POSTINGS);
                int[] entries = posting.entries();
                for (int i = 0; i < read; i++) {
                    acc.add(entries[i], posting.gain());
                }
            }
        }
        return acc.top(CANDIDATES, entryNames);
    }

    private record Posting(int[] entries, float gain) {}

    /** Indexed words one edit (a deletion on either side, or a substitution) from {@code word}. */
    private List<String> nearWords(String word) {
        List<String> near = new ArrayList<>();
        addAll(near, singleEditNeighbours.get(word));
        for (int i = 0; i < word.length(); i++) {
            String deleted = word.substring(0, i) + word.substring(i + 1);
            if (postings.containsKey(deleted) && !near.contains(deleted)) {
                near.add(deleted);
            }
            addAll(near, singleEditNeighbours.get(deleted));
        }
        return near;
    }

    private static void addAll(List<String> target, String[] words) {
        if (words != null) {
            for (String w : words) {
                if (!target.contains(w)) {
                    target.add(w);
                }
            }
        }
    }

    /** For each one-letter deletion of an indexed word, the words it came from (symmetric-delete spelling index). */
    private static Map<String, String[]> deletionNeighbours(Set<String> words) {
        Map<String, List<String>> neighbours = new HashMap<>();
        for (String word : words) {
            for (int i = 0; i < word.length(); i++) {
                neighbours.computeIfAbsent(word.substring(0, i) + word.substring(i + 1), k -> new ArrayList<>(1))
                        .add(word);
            }
        }
        Map<String, String[]> frozen = new HashMap<>(neighbours.size() * 2);
        neighbours.forEach((k, v) -> frozen.put(k, v.toArray(String[]::new)));
        return frozen;
    }

    /** The match with one entry, or null when it scores below {@code minScore} (no explanation is built then). */
    private EntityMatch scoreEntry(String input, String variant, WeightedName query, int entry, String country,
            double minScore) {
        WeightedName listed = entryNames[entry];
        ListedEntity entity = entities.get(entryEntity[entry]);
        boolean countryDiffers = countryDiffers(country, entity.country());
        double factor = countryDiffers ? COUNTRY_MISMATCH_FACTOR : 1.0;
        if (Arrays.equals(query.words(), listed.words())) {
            List<NameScore.WordMatch> words = new ArrayList<>();
            for (String w : query.words()) {
                words.add(new NameScore.WordMatch(w, w, 1.0, 1.0 / query.words().length));
            }
            return new EntityMatch(entity.id(), entryText[entry], input, variant, query.normalized(),
                    listed.normalized(), factor, EntityMatch.Method.EXACT, words, List.of(), List.of(), countryDiffers);
        }
        NameScore score = NameScorer.score(query, listed);
        if (score.score() * factor < minScore) {
            return null;
        }
        return new EntityMatch(entity.id(), entryText[entry], input, variant, query.normalized(),
                listed.normalized(), score.score() * factor, EntityMatch.Method.WORDS, score.words(), score.missing(),
                score.tail(), countryDiffers);
    }

    private EntityMatch acronymMatch(String input, String variant, WeightedName query, int entry, String country) {
        ListedEntity entity = entities.get(entryEntity[entry]);
        boolean countryDiffers = countryDiffers(country, entity.country());
        double score = GENERATED_ACRONYM_SCORE * (countryDiffers ? COUNTRY_MISMATCH_FACTOR : 1.0);
        return new EntityMatch(entity.id(), entryText[entry], input, variant, query.normalized(),
                entryNames[entry].normalized(), score, EntityMatch.Method.ACRONYM,
                List.of(new NameScore.WordMatch(query.words()[0], entryNames[entry].normalized(), 1.0, 1.0)), List.of(),
                List.of(), countryDiffers);
    }

    private static boolean countryDiffers(String inputCountry, String entityCountry) {
        return inputCountry != null && entityCountry != null && !inputCountry.isBlank()
                && !inputCountry.equalsIgnoreCase(entityCountry);
    }

    /**
     * The words that find a name: its distinctive words (or, with {@code distinctive} false, its
     * generic ones) and each pair of adjacent non-grammar words written joined.
     */
    private static List<String> retrievalKeys(WeightedName name, boolean distinctive) {
        List<String> keys = new ArrayList<>();
        String[] words = name.words();
        for (String word : words) {
            boolean wanted = distinctive ? TokenWeights.isDistinctive(word)
                    : TokenWeights.weight(word) >= TokenWeights.GENERIC;
            if (wanted && !keys.contains(word)) {
                keys.add(word);
            }
        }
        if (distinctive) {
            for (int i = 0; i + 1 < words.length; i++) {
                if (!TokenWeights.isStopWord(words[i]) && !TokenWeights.isStopWord(words[i + 1])) {
                    String joined = words[i] + words[i + 1];
                    if (!keys.contains(joined)) {
                        keys.add(joined);
                    }
                }
            }
        }
        return keys;
    }

    private static Map<String, int[]> freeze(Map<String, IntList> lists) {
        Map<String, int[]> frozen = new HashMap<>(lists.size() * 2);
        lists.forEach((k, v) -> frozen.put(k, v.toArray()));
        return frozen;
    }
}
