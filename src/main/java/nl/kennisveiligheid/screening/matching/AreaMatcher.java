package nl.kennisveiligheid.screening.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the sensitive areas a research text touches: each area's terms, single words or phrases,
 * are matched on stems in English and Dutch, with compounds split, and a phrase's words may stand in
 * any order within one word of each other ("design of chips" meets "chip design"). Where a longer
 * term covers a shorter one ("photonic integrated circuit" over "integrated circuit"), only the
 * longer counts; an area's exclude terms cancel its matches where they overlap. Immutable and safe
 * for concurrent use.
 */
public final class AreaMatcher {

    private static final int PHRASE_SLACK = 1;

    private record Term(String areaCode, String text, List<Set<String>> words, boolean exclude) {}

    private record Hit(Term term, int start, int end) {
        boolean within(Hit other) {
            return other.start <= start && end <= other.end && (other.start < start || end < other.end);
        }

        boolean overlaps(Hit other) {
            return start < other.end && other.start < end;
        }
    }

    private final List<Term> terms;
    private final FieldAnalyzer textAnalyzer;

    private AreaMatcher(List<Term> terms, FieldAnalyzer textAnalyzer) {
        this.terms = terms;
        this.textAnalyzer = textAnalyzer;
    }

    public static AreaMatcher build(List<SensitiveArea> areas) {
        FieldAnalyzer termAnalyzer = new FieldAnalyzer(Set.of());
        List<Term> terms = new ArrayList<>();
        Set<String> compoundParts = new HashSet<>();
        for (SensitiveArea area : areas) {
            addTerms(terms, compoundParts, termAnalyzer, area.code(), area.terms(), false);
            addTerms(terms, compoundParts, termAnalyzer, area.code(), area.excludeTerms(), true);
        }
        return new AreaMatcher(List.copyOf(terms), new FieldAnalyzer(compoundParts));
    }

    private static void addTerms(List<Term> terms, Set<String> compoundParts, FieldAnalyzer analyzer,
            String code, List<String> texts, boolean exclude) {
        for (String text : texts) {
            List<FieldAnalyzer.Word> words = analyzer.analyze(text);
            if (words.isEmpty()) {
                continue;
            }
            for (FieldAnalyzer.Word word : words) {
                if (word.surface().length() >= 4) {
                    compoundParts.add(word.surface());
                }
            }
            terms.add(new Term(code, text, words.stream().map(FieldAnalyzer.Word::stems).toList(), exclude));
        }
    }

    /** The matches in one field of a request, in text order. */
    public List<AreaMatch> match(String field, String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<FieldAnalyzer.Word> words = textAnalyzer.analyze(text);
        Map<String, List<FieldAnalyzer.Word>> byStem = new HashMap<>();
        for (FieldAnalyzer.Word word : words) {
            for (String stem : word.stems()) {
                byStem.computeIfAbsent(stem, k -> new ArrayList<>()).add(word);
            }
        }
        List<Hit> hits = new ArrayList<>();
        for (Term term : terms) {
            hits.addAll(find(term, byStem));
        }
        List<Hit> kept = new ArrayList<>();
        for (Hit hit : hits) {
            if (hit.term().exclude()) {
                continue;
            }
            boolean covered = hits.stream().anyMatch(other -> !other.term().exclude()
                    && other.term().words().size() > hit.term().words().size() && hit.within(other));
            boolean excluded = hits.stream().anyMatch(other -> other.term().exclude()
                    && other.term().areaCode().equals(hit.term().areaCode()) && hit.overlaps(other));
            if (!covered && !excluded) {
                kept.add(hit);
            }
        }
        kept.sort(Comparator.comparingInt(Hit::start).thenComparing(h -> h.term().areaCode()));
        return kept.stream()
                .map(h -> new AreaMatch(h.term().areaCode(), h.term().text(), field, text.substring(h.start(), h.end()),
                        h.start(), h.end()))
                .toList();
    }

    private static List<Hit> find(Term term, Map<String, List<FieldAnalyzer.Word>> byStem) {
        List<List<FieldAnalyzer.Word>> occurrences = new ArrayList<>();
        for (Set<String> termWord : term.words()) {
            List<FieldAnalyzer.Word> found = new ArrayList<>();
            for (String stem : termWord) {
                for (FieldAnalyzer.Word w : byStem.getOrDefault(stem, List.of())) {
                    if (!found.contains(w)) {
                        found.add(w);
                    }
                }
            }
            if (found.isEmpty()) {
                return List.of();
            }
            occurrences.add(found);
        }
        List<Hit> hits = new ArrayList<>();
        int window = term.words().size() - 1 + PHRASE_SLACK;
        for (FieldAnalyzer.Word anchor : occurrences.get(0)) {
            int lo = anchor.position() - window;
            int hi = anchor.position() + window;
            int start = anchor.start();
            int end = anchor.end();
            int minPos = anchor.position();
            int maxPos = anchor.position();
            boolean all = true;
            for (int i = 1; i < occurrences.size() && all; i++) {
                FieldAnalyzer.Word nearest = null;
                for (FieldAnalyzer.Word w : occurrences.get(i)) {
                    if (w.position() >= lo && w.position() <= hi && w != anchor
                            && (nearest == null || Math.abs(w.position() - anchor.position())
                                    < Math.abs(nearest.position() - anchor.position()))) {
                        nearest = w;
                    }
                }
                if (nearest == null) {
                    all = false;
                } else {
                    start = Math.min(start, nearest.start());
                    end = Math.max(end, nearest.end());
                    minPos = Math.min(minPos, nearest.position());
                    maxPos = Math.max(maxPos, nearest.position());
                }
            }
            if (all && maxPos - minPos <= window) {
                hits.add(new Hit(term, start, end));
            }
        }
        return hits;
    }
}
