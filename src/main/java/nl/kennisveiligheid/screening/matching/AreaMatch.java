package nl.kennisveiligheid.screening.matching;

/**
 * One place where a research text touches a sensitive area: the area, the policy term that
 * matched, which field of the request, and the exact span of the text as written.
 */
public record AreaMatch(String areaCode, String term, String field, String evidence, int start, int end) {}
