package nl.kennisveiligheid.screening.matching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.compound.DictionaryCompoundWordTokenFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.DutchStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;

/**
 * Lucene analysis of research texts in English and Dutch: Unicode word breaking, lower case, accents
 * folded, Dutch (and English) compounds split into the policy's known words ("halfgeleiderchips"
 * gives "halfgeleider" and "chip"), and each word's stems by the Snowball stemmers of both languages,
 * so that "semiconductors", "halfgeleiders" and "lithografie" meet their policy terms.
 */
final class FieldAnalyzer {

    /** One analysed word: its folded form, stems, position and where it stands in the original text. */
    record Word(String surface, Set<String> stems, int position, int start, int end) {}

    private static final int MIN_COMPOUND_LENGTH = 8;
    private static final int MIN_PART_LENGTH = 4;
    private static final int MAX_PART_LENGTH = 24;

    private static final ThreadLocal<SnowballStemmer> ENGLISH = ThreadLocal.withInitial(EnglishStemmer::new);
    private static final ThreadLocal<SnowballStemmer> DUTCH = ThreadLocal.withInitial(DutchStemmer::new);

    private final Analyzer analyzer;

    /** @param compoundParts known words that compounds are split into; empty: no splitting */
    FieldAnalyzer(Set<String> compoundParts) {
        CharArraySet dictionary = compoundParts.isEmpty() ? null : new CharArraySet(compoundParts, true);
        this.analyzer = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream stream = new ASCIIFoldingFilter(new LowerCaseFilter(source));
                if (dictionary != null) {
                    stream = new DictionaryCompoundWordTokenFilter(stream, dictionary, MIN_COMPOUND_LENGTH,
                            MIN_PART_LENGTH, MAX_PART_LENGTH, false);
                }
                return new TokenStreamComponents(source, stream);
            }
        };
    }

    List<Word> analyze(String text) {
        List<Word> words = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            int position = -1;
            String whole = "";
            while (stream.incrementToken()) {
                String surface = term.toString();
                if (increment.getPositionIncrement() == 0 && !isHeadOrModifier(surface, whole)) {
                    continue;
                }
                if (increment.getPositionIncrement() > 0) {
                    whole = surface;
                }
                position += increment.getPositionIncrement();
                words.add(new Word(surface, stems(surface), position, offset.startOffset(), offset.endOffset()));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }

    /**
     * A part of a compound counts only at its start (the modifier, "halfgeleider" in
     * "halfgeleiderchips") or at its end before a plural or linking ending (the head, "chip"): a
     * known word in the middle of another word ("graph" in "lithography") is chance.
     */
    private static boolean isHeadOrModifier(String part, String compound) {
        if (compound.startsWith(part)) {
            return true;
        }
        for (String ending : new String[] {"", "s", "e", "en", "es"}) {
            if (compound.endsWith(part + ending)) {
                return true;
            }
        }
        return false;
    }

    static Set<String> stems(String word) {
        Set<String> stems = new LinkedHashSet<>();
        stems.add(word);
        stems.add(stem(ENGLISH.get(), word));
        stems.add(stem(DUTCH.get(), word));
        return stems;
    }

    private static String stem(SnowballStemmer stemmer, String word) {
        stemmer.setCurrent(word);
        stemmer.stem();
        return stemmer.getCurrent();
    }
}
