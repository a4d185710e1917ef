package nl.kennisveiligheid.screening.matching;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.Transliterator;

/**
 * Latin text with accents to lowercase ASCII: canonical decomposition without its marks, the few
 * letters that do not decompose ("ß", "ø", "ł", "æ") spelt out, and modifier letters (the primes and
 * half rings of transliterated Cyrillic and Arabic) dropped like apostrophes. ICU's "Latin-ASCII"
 * transform does the same for every letter but costs about half a microsecond a character, most of a
 * transliterated name's cost; it remains the fallback for a letter this table does not know.
 */
final class AsciiFolding {

    private static final Normalizer2 NFD = Normalizer2.getNFDInstance();
    private static final ThreadLocal<Transliterator> LATIN_ASCII =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Latin-ASCII; Lower"));

    private AsciiFolding() {}

    static String fold(String latin) {
        String decomposed = NFD.normalize(latin);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (c < 0x80) {
                out.append(Character.toLowerCase(c));
                continue;
            }
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK || type == Character.MODIFIER_LETTER
                    || type == Character.MODIFIER_SYMBOL) {
                continue;
            }
            if (!Character.isLetterOrDigit(c)) {
                out.append(' '); // punctuation and spaces of other scripts separate words, as ASCII ones do
                continue;
            }
            String spelt = switch (Character.toLowerCase(c)) {
                case 'ß' -> "ss";
                case 'æ' -> "ae";
                case 'œ' -> "oe";
                case 'ø' -> "o";
                case 'đ', 'ð' -> "d";
                case 'ł' -> "l";
                case 'þ' -> "th";
                case 'ı' -> "i";
                case 'ħ' -> "h";
                default -> null;
            };
            if (spelt == null) {
                return LATIN_ASCII.get().transliterate(latin);
            }
            out.append(spelt);
        }
        return out.toString();
    }
}
