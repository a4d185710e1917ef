package nl.kennisveiligheid.screening.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem details document, the body of every error response.
 *
 * @param errors one entry per invalid input field, with its JSON path, so that a client can point
 *     its user at the field to correct
 * @param errorId for server faults only: the id under which the fault was logged
 * @param periodEnd for a period that has ended: its last day (an RFC 9457 extension member)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type, String title, int status, String detail, String instance,
        List<FieldError> errors, String errorId, java.time.LocalDate periodEnd) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field: its path in the request body (or the query parameter's name) and why. */
    public record FieldError(String field, String message) {}
}
