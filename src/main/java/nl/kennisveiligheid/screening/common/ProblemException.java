package nl.kennisveiligheid.screening.common;

/**
 * A refusal the service decides itself (a conflict, a missing case, a closed period), carried to
 * the client as problem+json with a stable slug. Messages are written by the service, never copied
 * from input.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private java.time.LocalDate periodEnd;
    private Integer retryAfterSeconds;

    public ProblemException(int status, String slug, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not-found", "Not Found", what + " does not exist or is not visible to you.");
    }

    public static ProblemException conflict(String slug, String detail) {
        return new ProblemException(409, slug, "Conflict", detail);
    }

    /** A period that ended: the problem names its last day. */
    public static ProblemException periodEnded(String slug, String detail, java.time.LocalDate lastDay) {
        return withPeriodEnd(slug, detail, lastDay);
    }

    /** A refusal for as long as a period runs: the problem names its last day. */
    public static ProblemException periodRunning(String slug, String detail, java.time.LocalDate lastDay) {
        return withPeriodEnd(slug, detail, lastDay);
    }

    private static ProblemException withPeriodEnd(String slug, String detail, java.time.LocalDate lastDay) {
        ProblemException e = conflict(slug, detail);
        e.periodEnd = lastDay;
        return e;
    }

    /** Too many requests of a kind: the client may try again after {@code retryAfterSeconds}. */
    public static ProblemException tooManyRequests(String slug, String detail, int retryAfterSeconds) {
        ProblemException e = new ProblemException(429, slug, "Too Many Requests", detail);
        e.retryAfterSeconds = retryAfterSeconds;
        return e;
    }

    /** Not yet: what was asked for is on its way; the client may ask again after {@code retryAfterSeconds}. */
    public static ProblemException notYet(String slug, String detail, int retryAfterSeconds) {
        ProblemException e = conflict(slug, detail);
        e.retryAfterSeconds = retryAfterSeconds;
        return e;
    }

    /** Seconds for a Retry-After header, or null. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public java.time.LocalDate periodEnd() {
        return periodEnd;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }
}
