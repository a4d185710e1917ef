package nl.kennisveiligheid.screening.common;

import jakarta.ws.rs.core.Response;
import java.util.List;

/** Builds problem+json responses; the one place their shape and media type are decided. */
public final class Problems {

    private static final String TYPE_BASE = "https://screening.kennisveiligheid.nl/problems/";

    private Problems() {}

    public static Response response(int status, String slug, String title, String detail) {
        return response(status, slug, title, detail, null, null);
    }

    /** At most this many field errors are listed, so that a hostile body cannot make the answer huge. */
    static final int MAX_FIELD_ERRORS = 20;

    public static Response invalid(String detail, List<Problem.FieldError> errors) {
        List<Problem.FieldError> listed = errors.size() > MAX_FIELD_ERRORS ? errors.subList(0, MAX_FIELD_ERRORS) : errors;
        String more = errors.size() > MAX_FIELD_ERRORS ? " The first " + MAX_FIELD_ERRORS + " are listed." : "";
        return response(400, "invalid-request", "Invalid request", detail + more, listed, null);
    }

    public static Response response(int status, String slug, String title, String detail,
            List<Problem.FieldError> errors, String errorId) {
        return response(new Problem(TYPE_BASE + slug, title, status, detail, null, errors, errorId, null));
    }

    /** A refusal about a period that has ended, naming its last day. */
    public static Response response(int status, String slug, String title, String detail, java.time.LocalDate periodEnd) {
        return response(new Problem(TYPE_BASE + slug, title, status, detail, null, null, null, periodEnd));
    }

    private static Response response(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** A short, stable machine-readable slug for an HTTP status, used when the framework raised it. */
    public static String slugFor(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 503 -> "service-unavailable";
            default -> "http-" + status;
        };
    }
}
