package nl.kennisveiligheid.screening.bench;

import java.util.SplittableRandom;

/** Varied, valid screening requests (in scope and out, clean and flagged) with distinct references. */
final class BenchRequests {

    private static final String[] NATIONALITIES = {"CN", "IR", "RU", "IN", "BR", "DE", "NL", "US", "TR", "EG"};
    private static final String[] POSITIONS = {"POSTDOC", "PHD_CANDIDATE", "RESEARCHER", "MASTER_STUDENT",
        "GUEST_RESEARCHER", "TECHNICAL_STAFF", "BACHELOR_STUDENT", "PROFESSOR"};
    private static final String[][] RESEARCH = {
        {"SEMICONDUCTORS", "Process control for EUV lithography in advanced chip manufacturing"},
        {"QUANTUM", "Superconducting qubits and quantum error correction"},
        {"ARTIFICIAL_INTELLIGENCE", "Deep learning for object recognition in satellite images"},
        {"", "Medieval manuscripts and their readers"},
        {"BIOTECHNOLOGY", "Formulation of mRNA vaccines with lipid nanoparticles"},
        {"", "Sociolinguistics of Frisian dialects"},
        {"PHOTONICS", "Photonic integrated circuits for optical communication"}};
    private static final String[][] AFFILIATIONS = {
        {"Delft University of Technology", "NL"}, {"Tsinghua University", "CN"}, {"Harbin Inst. of Technology", "CN"},
        {"University of Tehran", "IR"}, {"Moscow State University", "RU"}, {"Beihang Univ", "CN"},
        {"Indian Institute of Science", "IN"}, {"Zhejiang University", "CN"}};

    private BenchRequests() {}

    static String body(long n, String runId) {
        SplittableRandom random = new SplittableRandom(n * 7919 + 17);
        String nationality = NATIONALITIES[random.nextInt(NATIONALITIES.length)];
        String[] research = RESEARCH[random.nextInt(RESEARCH.length)];
        String[] affiliation = AFFILIATIONS[random.nextInt(AFFILIATIONS.length)];
        String areas = research[0].isEmpty() ? "[]" : "[\"" + research[0] + "\"]";
        return "{\"externalReference\":\"BENCH-" + runId + "-" + n + "\","
                + "\"candidate\":{\"fullName\":\"Candidate " + n + "\",\"dateOfBirth\":\"19" + (60 + random.nextInt(40))
                + "-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10) + "\",\"nationalities\":[\"" + nationality
                + "\"],\"countryOfResidence\":\"" + nationality + "\"},"
                + "\"position\":{\"type\":\"" + POSITIONS[random.nextInt(POSITIONS.length)] + "\",\"title\":\"Researcher\","
                + "\"department\":\"Applied Physics\",\"startDate\":\"2027-02-01\",\"endDate\":\"2029-01-31\"},"
                + "\"research\":{\"areaCodes\":" + areas + ",\"description\":\"" + research[1] + "\",\"keywords\":[]},"
                + "\"affiliations\":[{\"name\":\"" + affiliation[0] + "\",\"country\":\"" + affiliation[1]
                + "\",\"type\":\"EDUCATION\",\"from\":\"2012-09-01\",\"to\":\"2019-07-01\"}],"
                + "\"funding\":[]}";
    }
}
