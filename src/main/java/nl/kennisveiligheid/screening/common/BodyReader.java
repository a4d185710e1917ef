package nl.kennisveiligheid.screening.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a JSON body into its type and reports every problem at once: unknown fields, values of the
 * wrong type and values that break a constraint, each with its field path. The usual binding stops at
 * the first unknown field, so a client fixed one problem per round trip.
 */
@ApplicationScoped
public class BodyReader {

    @Inject
    ObjectMapper mapper;

    @Inject
    Validator validator;

    private ObjectMapper collecting;

    /** The value, or the problems that stood in its way (then the value is null). */
    public record Read<T>(T value, List<Problem.FieldError> errors) {

        public boolean valid() {
            return errors.isEmpty();
        }
    }

    @PostConstruct
    void init() {
        collecting = mapper.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public <T> Read<T> read(JsonNode body, Class<T> type) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            return new Read<>(null, List.of(new Problem.FieldError("", "must be a JSON object")));
        }
        T value = null;
        try {
            value = collecting.reader().withHandler(new Collector(errors)).forType(type).readValue(body);
        } catch (IOException | RuntimeException e) {
            if (errors.isEmpty()) {
                errors.add(new Problem.FieldError("", "could not be read as " + type.getSimpleName()));
            }
        }
        if (value != null) {
            // A value that could not be read is null now: its @NotNull would only repeat the first problem.
            java.util.Set<String> unreadable = errors.stream().map(Problem.FieldError::field)
                    .collect(Collectors.toSet());
            validator.validate(value).stream().map(v -> new Problem.FieldError(ProblemMappers.fieldPath(v), v.getMessage()))
                    .filter(e -> !unreadable.contains(e.field())).forEach(errors::add);
        }
        List<Problem.FieldError> sorted = errors.stream().distinct()
                .sorted(Comparator.comparing(Problem.FieldError::field)).toList();
        return new Read<>(sorted.isEmpty() ? value : null, sorted);
    }

    /** Notes each problem where it is and lets the reading go on, with null in the place of a bad value. */
    private static final class Collector extends DeserializationProblemHandler {

        private final List<Problem.FieldError> errors;

        Collector(List<Problem.FieldError> errors) {
            this.errors = errors;
        }

        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                Object beanOrClass, String propertyName) throws IOException {
            errors.add(new Problem.FieldError(path(p), "unknown field"));
            p.skipChildren();
            return true;
        }

        @Override
        public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String valueToConvert,
                String failureMsg) {
            errors.add(new Problem.FieldError(path(ctxt.getParser()), expected(targetType)));
            return null;
        }

        @Override
        public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType, Number valueToConvert,
                String failureMsg) {
            errors.add(new Problem.FieldError(path(ctxt.getParser()), expected(targetType)));
            return null;
        }

        @Override
        public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p,
                String failureMsg) throws IOException {
            errors.add(new Problem.FieldError(path(p), expected(targetType.getRawClass())));
            p.skipChildren();
            return null;
        }

        @Override
        public Object handleMissingInstantiator(DeserializationContext ctxt, Class<?> instClass,
                com.fasterxml.jackson.databind.deser.ValueInstantiator valueInsta, JsonParser p, String msg)
                throws IOException {
            errors.add(new Problem.FieldError(path(p), expected(instClass)));
            p.skipChildren();
            return null;
        }

        private static String expected(Class<?> type) {
            if (type.isEnum()) {
                return "must be one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                        .collect(Collectors.joining(", "));
            }
            if (type == String.class) {
                return "must be a string";
            }
            if (java.util.Collection.class.isAssignableFrom(type)) {
                return "must be an array";
            }
            if (type.getName().startsWith("java.time.")) {
                return "must be an ISO-8601 " + type.getSimpleName();
            }
            if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
                return "must be a number";
            }
            return "must be an object";
        }

        /** The parser's place as a field path: {@code affiliations[0].name}. */
        private static String path(JsonParser p) {
            String pointer = p.getParsingContext().pathAsPointer().toString();
            StringBuilder field = new StringBuilder();
            for (String segment : pointer.split("/")) {
                if (segment.isEmpty()) {
                    continue;
                }
                if (segment.chars().allMatch(Character::isDigit)) {
                    field.append('[').append(segment).append(']');
                } else {
                    field.append(field.isEmpty() ? "" : ".").append(segment.replace("~1", "/").replace("~0", "~"));
                }
            }
            return field.toString();
        }
    }
}
