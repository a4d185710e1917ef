package nl.kennisveiligheid.screening.matching.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import nl.kennisveiligheid.screening.matching.ListedEntity;

/**
 * A deterministic list of institution names shaped like real ones (invented place names from
 * syllables, real naming patterns, generic words in realistic proportions), for measuring the
 * index at a size no public list has.
 */
public final class SyntheticEntities {

    private static final String[] SYLLABLES = {"ba", "bei", "chang", "chen", "da", "dong", "fu", "gan", "guang", "hai",
        "han", "he", "hu", "jiang", "jin", "kai", "lan", "li", "lin", "long", "ma", "min", "nan", "ning", "pan", "qing",
        "shan", "shen", "shu", "tai", "tian", "wen", "xi", "xin", "yang", "yu", "zhang", "zhou", "ko", "ra", "vel",
        "dor", "mar", "tor", "sen", "vik", "ost", "gra", "bel", "mir"};
    private static final String[] FIELDS = {"Technology", "Science", "Engineering", "Aeronautics", "Astronautics",
        "Electronics", "Physics", "Chemistry", "Materials", "Medicine", "Agriculture", "Mining", "Petroleum",
        "Telecommunications", "Posts", "Information", "Energy", "Nuclear Technology", "Optics", "Mechanics",
        "Defense Technology", "Forestry", "Finance", "Economics", "Law", "Foreign Studies", "Architecture",
        "Marine Science", "Geosciences", "Computing", "Automation", "Aviation", "Shipbuilding", "Metallurgy"};
    private static final String[] KINDS = {"University", "Institute", "Academy", "College", "Research Institute",
        "Polytechnic University", "Normal University", "Medical University", "Corporation", "Group Corporation"};

    private SyntheticEntities() {}

    public static String placeName(SplittableRandom random) {
        int syllables = 2 + random.nextInt(2);
        StringBuilder place = new StringBuilder();
        for (int i = 0; i < syllables; i++) {
            place.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        }
        place.setCharAt(0, Character.toUpperCase(place.charAt(0)));
        return place.toString();
    }

    public static String name(SplittableRandom random) {
        String place = placeName(random);
        String field = FIELDS[random.nextInt(FIELDS.length)];
        String kind = KINDS[random.nextInt(KINDS.length)];
        return switch (random.nextInt(5)) {
            case 0 -> place + " " + kind + " of " + field;
            case 1 -> place + " " + kind;
            case 2 -> place + " " + field + " " + kind;
            case 3 -> kind + " of " + field + " of " + place;
            default -> place + " " + kind + " of " + field + " and " + FIELDS[random.nextInt(FIELDS.length)];
        };
    }

    /** {@code count} names and aliases in all (about one in three entities has an acronym alias). */
    public static List<ListedEntity> generate(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<ListedEntity> entities = new ArrayList<>();
        int names = 0;
        while (names < count) {
            String name = name(random);
            List<String> aliases = new ArrayList<>();
            if (random.nextInt(3) == 0 && names + 1 < count) {
                aliases.add(acronym(name));
            }
            entities.add(new ListedEntity("e" + entities.size(), name, aliases, random.nextInt(4) == 0 ? "RU" : "CN"));
            names += 1 + aliases.size();
        }
        return entities;
    }

    private static String acronym(String name) {
        StringBuilder acronym = new StringBuilder();
        for (String word : name.split(" ")) {
            if (!word.equals("of") && !word.equals("and")) {
                acronym.append(Character.toUpperCase(word.charAt(0)));
            }
        }
        return acronym.toString();
    }
}
