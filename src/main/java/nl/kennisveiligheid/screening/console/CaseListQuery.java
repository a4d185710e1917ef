package nl.kennisveiligheid.screening.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nl.kennisveiligheid.screening.common.CaseStatus;
import nl.kennisveiligheid.screening.review.ReviewService;

/**
 * The queue's or the archive's filter, order and page as the officer set them: read leniently from
 * the query (a value the console does not know falls back to its default, never to an error page),
 * and written back into the links to the other pages.
 */
public record CaseListQuery(boolean archive, String text, CaseStatus state, String assignee,
        ReviewService.Order order, int page) {

    public static final int PAGE_SIZE = 25;
    static final int MAX_PAGE = 100_000;

    static CaseListQuery read(String view, String text, String state, String assignee, String sort, String page) {
        boolean archive = "archive".equals(view);
        List<CaseStatus> states = archive ? archiveStates() : CaseStatus.IN_QUEUE;
        return new CaseListQuery(archive, blankToEmpty(text),
                states.stream().filter(s -> s.name().equals(state)).findFirst().orElse(null), blankToEmpty(assignee),
                java.util.Arrays.stream(ReviewService.Order.values()).filter(o -> o.name().equalsIgnoreCase(sort))
                        .findFirst().orElse(archive ? ReviewService.Order.RECEIVED : ReviewService.Order.DEADLINE),
                pageNumber(page));
    }

    /** The states a case has once it left the officers: decided or withdrawn (erased cases keep theirs). */
    public static List<CaseStatus> archiveStates() {
        return CaseStatus.FINAL.stream().sorted().toList();
    }

    public List<CaseStatus> states() {
        return archive ? archiveStates() : CaseStatus.IN_QUEUE;
    }

    public String stateName() {
        return state == null ? "" : state.name();
    }

    public List<ReviewService.Order> orders() {
        return List.of(ReviewService.Order.values());
    }

    /** This query on another page. */
    public String link(int toPage) {
        Map<String, String> values = new LinkedHashMap<>();
        if (archive) {
            values.put("view", "archive");
        }
        values.put("q", text);
        values.put("state", stateName());
        values.put("assignee", assignee);
        values.put("sort", order.name().toLowerCase(java.util.Locale.ROOT));
        values.put("page", toPage == 1 ? "" : Integer.toString(toPage));
        String query = values.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return "/console" + (query.isEmpty() ? "" : "?" + query);
    }

    private static int pageNumber(String page) {
        try {
            int number = Integer.parseInt(page == null ? "1" : page.strip());
            return Math.max(1, Math.min(number, MAX_PAGE));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String blankToEmpty(String value) {
        return value == null ? "" : value.strip();
    }
}
