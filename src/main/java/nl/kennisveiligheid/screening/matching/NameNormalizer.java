package nl.kennisveiligheid.screening.matching;

import com.ibm.icu.text.Normalizer2;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns an institution's name as written in a CV, a bibliographic record or a list into comparable
 * words: Unicode NFKC with case folding, any script to ASCII Latin, accents dropped, "&" as "and",
 * apostrophes dropped ("Xi'an"), hyphenated words joined ("North-western"), other punctuation as
 * spaces, bibliographic abbreviations expanded ("Univ.", "Natl", "Sci &amp; Technol"), British and
 * American spellings and plurals brought together.
 */
public final class NameNormalizer {

    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();
    private static final Pattern APOSTROPHES = Pattern.compile("['’`´ʼ]");
    private static final Pattern JOINING_HYPHEN = Pattern.compile("(?<=\\p{Alnum})[-‐‑–](?=\\p{Alnum})");
    private static final Pattern NOT_WORD = Pattern.compile("[^a-z0-9]+");
    private static final Pattern ORDINAL_NUMBER = Pattern.compile("(\\d+)(st|nd|rd|th)");

    /**
     * ISO 4 / Web of Science abbreviations, other spellings and transliterated generic words, each
     * to the one form the index uses.
     */
    private static final Map<String, String> CANONICAL = Map.ofEntries(
            Map.entry("univ", "university"), Map.entry("uni", "university"), Map.entry("universitet", "university"),
            Map.entry("universiteit", "university"), Map.entry("universitat", "university"),
            Map.entry("daxue", "university"),
            Map.entry("inst", "institute"), Map.entry("instit", "institute"), Map.entry("institut", "institute"),
            Map.entry("yanjiusuo", "institute"),
            Map.entry("natl", "national"), Map.entry("sci", "science"), Map.entry("technol", "technology"),
            Map.entry("tech", "technology"), Map.entry("technological", "technology"),
            Map.entry("engn", "engineering"), Map.entry("eng", "engineering"), Map.entry("engr", "engineering"),
            Map.entry("engin", "engineering"),
            Map.entry("acad", "academy"), Map.entry("akademiya", "academy"), Map.entry("akademiia", "academy"),
            Map.entry("akademija", "academy"), Map.entry("xueyuan", "academy"), Map.entry("yanjiuyuan", "academy"),
            Map.entry("phys", "physics"), Map.entry("aeronaut", "aeronautics"), Map.entry("aeronautical", "aeronautics"),
            Map.entry("astronaut", "astronautics"), Map.entry("astronautical", "astronautics"),
            Map.entry("telecommun", "telecommunications"), Map.entry("commun", "communications"),
            Map.entry("polytech", "polytechnic"), Map.entry("polytechnical", "polytechnic"),
            Map.entry("def", "defense"), Map.entry("defence", "defense"),
            Map.entry("elect", "electronic"), Map.entry("electr", "electronic"), Map.entry("electron", "electronic"),
            Map.entry("electronics", "electronic"),
            Map.entry("corp", "corporation"), Map.entry("co", "company"), Map.entry("grp", "group"),
            Map.entry("gongsi", "corporation"), Map.entry("jituan", "group"), Map.entry("zhongguo", "china"),
            Map.entry("lab", "laboratory"), Map.entry("labs", "laboratory"), Map.entry("res", "research"),
            Map.entry("ctr", "center"), Map.entry("cent", "center"), Map.entry("centre", "center"),
            Map.entry("coll", "college"), Map.entry("med", "medical"), Map.entry("mil", "military"),
            Map.entry("chem", "chemical"), Map.entry("nucl", "nuclear"), Map.entry("informat", "information"),
            Map.entry("ind", "industry"), Map.entry("indust", "industry"), Map.entry("intl", "international"),
            Map.entry("hosp", "hospital"), Map.entry("dept", "department"), Map.entry("sch", "school"),
            Map.entry("fac", "faculty"), Map.entry("aerosp", "aerospace"), Map.entry("aviat", "aviation"),
            Map.entry("mech", "mechanical"), Map.entry("math", "mathematics"), Map.entry("comput", "computing"),
            Map.entry("assoc", "association"), Map.entry("minist", "ministry"), Map.entry("secur", "security"),
            Map.entry("mater", "materials"), Map.entry("opt", "optics"), Map.entry("syst", "systems"),
            Map.entry("environ", "environmental"), Map.entry("agr", "agricultural"), Map.entry("agric", "agricultural"),
            Map.entry("biol", "biology"), Map.entry("hlth", "health"), Map.entry("organisation", "organization"),
            Map.entry("programme", "program"));

    private NameNormalizer() {}

    /** The comparable words of a name, in their original order. */
    public static List<String> words(String name) {
        String folded = NFKC_CASEFOLD.normalize(name);
        String latin = ScriptTransliterator.toLatin(folded).toLowerCase(java.util.Locale.ROOT);
        latin = latin.replace("&", " and ");
        latin = APOSTROPHES.matcher(latin).replaceAll("");
        latin = JOINING_HYPHEN.matcher(latin).replaceAll("");
        latin = ORDINAL_NUMBER.matcher(latin).replaceAll("$1");
        List<String> words = new ArrayList<>();
        for (String raw : NOT_WORD.split(latin)) {
            if (!raw.isEmpty()) {
                words.add(canonical(raw));
            }
        }
        return words;
    }

    /** The normalised form as one string, for explanations and exact comparison. */
    public static String normalized(String name) {
        return String.join(" ", words(name));
    }

    static String canonical(String word) {
        String mapped = CANONICAL.getOrDefault(word, word);
        return singular(mapped);
    }

    private static String singular(String word) {
        if (word.length() >= 5 && word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.length() >= 4 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")
                && !word.endsWith("is") && !Character.isDigit(word.charAt(0))) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }
}
