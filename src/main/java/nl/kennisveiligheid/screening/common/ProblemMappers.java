package nl.kennisveiligheid.screening.common;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every error the framework raises into RFC 9457 problem+json. Messages are written here,
 * never copied from exceptions, because exception messages can carry the caller's input (and so
 * personal data) back into responses and logs.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldPath(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return Problems.invalid("The request has " + errors.size() + " invalid field(s).", errors);
    }

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e) {
        return Problems.invalid("The request has " + e.errors().size() + " invalid field(s).", e.errors());
    }

    @ServerExceptionMapper
    public Response refused(ProblemException e) {
        Response response = Problems.response(e.status(), e.slug(), e.title(), e.getMessage(), e.periodEnd());
        if (e.retryAfterSeconds() == null) {
            return response;
        }
        return Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds().toString()).build();
    }

    @ServerExceptionMapper({jakarta.persistence.OptimisticLockException.class,
            org.hibernate.StaleObjectStateException.class})
    public Response concurrentChange() {
        return Problems.response(409, "concurrent-change", "Conflict",
                "Someone else changed this case at the same moment; reload it and try again.");
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return jsonProblem(e);
    }

    /** Declared apart because the JSON extension maps this subtype itself, with a plain JSON body. */
    @ServerExceptionMapper
    public Response jsonMismatch(MismatchedInputException e) {
        return jsonProblem(e);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 100)
    public Response webApplication(WebApplicationException e) {
        JsonProcessingException json = causeOfType(e, JsonProcessingException.class);
        if (json != null) {
            return jsonProblem(json);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return serverFault(e);
        }
        Response.StatusType statusType = Response.Status.fromStatusCode(status);
        String title = statusType != null ? statusType.getReasonPhrase() : "HTTP " + status;
        Response problem = Problems.response(status, Problems.slugFor(status), title, detailFor(status));
        if (e instanceof NotAllowedException && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            return Response.fromResponse(problem)
                    .header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW)).build();
        }
        return problem;
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthorized() {
        return Response.fromResponse(Problems.response(401, "unauthorized", "Unauthorized",
                        "A valid bearer token from the 'screening' realm is required."))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"screening\"").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problems.response(403, "forbidden", "Forbidden", "Your role does not allow this operation.");
    }

    @ServerExceptionMapper
    public Response serverFault(Throwable e) {
        if (causeOfType(e, io.vertx.core.http.HttpClosedException.class) != null) {
            // The client went away while sending its body; there is no one to answer and nothing to report.
            return Problems.response(400, "bad-request", "Bad Request", "The connection closed before the body was read.");
        }
        if (DatabaseUnavailable.isCause(e)) {
            LOG.warnf("Database unavailable: %s", e.getClass().getName());
            return Response.fromResponse(Problems.response(503, "service-unavailable", "Service Unavailable",
                    "The service's database is not reachable; nothing was stored. Try again shortly."))
                    .header(HttpHeaders.RETRY_AFTER, "5").build();
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf("Unhandled fault %s: %s", errorId, SafeThrowable.describe(e));
        return Problems.response(500, "internal-error", "Internal server error",
                "The service could not complete the request. Quote the error id when reporting it.", null, errorId);
    }

    private static Response jsonProblem(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = jsonPath(mapping.getPath());
            return Problems.invalid("A field of the body has the wrong type or is not allowed.",
                    List.of(new Problem.FieldError(field, jsonMessage(mapping))));
        }
        JsonLocation where = e.getLocation();
        String position = where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
        return Problems.response(400, "malformed-json", "Malformed JSON",
                "The body is not well-formed JSON" + position + ".");
    }

    private static String jsonMessage(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown field";
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            return "must be one of " + Arrays.stream(invalid.getTargetType().getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", "));
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + describeType(mismatch.getTargetType());
        }
        return "invalid value";
    }

    private static String describeType(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type.getName().startsWith("java.time.")) {
            return "an ISO-8601 " + type.getSimpleName();
        }
        return "an object";
    }

    static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(ref.getFieldName());
            }
        }
        return field.toString();
    }

    /** The violation's path inside the request body, without the resource method and parameter names. */
    static String fieldPath(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        String parameterName = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameterName = node.getName();
                continue;
            }
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                appendIndex(field, node);
                continue;
            }
            if (node.getName() != null) {
                if (node.isInIterable()) {
                    appendIndex(field, node);
                }
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            } else if (node.isInIterable()) {
                appendIndex(field, node);
            }
        }
        if (field.isEmpty()) {
            return parameterName == null ? "" : parameterName;
        }
        return field.toString();
    }

    private static void appendIndex(StringBuilder field, Path.Node node) {
        if (node.getIndex() != null) {
            field.append('[').append(node.getIndex()).append(']');
        } else if (node.getKey() != null) {
            field.append('[').append(node.getKey()).append(']');
        }
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 404 -> "No resource exists at this address, or it is not visible to you.";
            case 405 -> "This resource does not support the HTTP method used.";
            case 406 -> "The service cannot produce a representation in the media type asked for.";
            case 413 -> "The request body is larger than the service accepts.";
            case 415 -> "The body must be sent as application/json.";
            default -> "The request could not be processed.";
        };
    }

    private static <T extends Throwable> T causeOfType(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
