package nl.kennisveiligheid.screening.common;

import java.util.List;

/** Raised by checks that bean validation cannot express (cross-field rules, policy-dependent codes). */
public class InvalidInputException extends RuntimeException {

    private final transient List<Problem.FieldError> errors;

    public InvalidInputException(List<Problem.FieldError> errors) {
        super("invalid input: " + errors.size() + " field(s)", null, false, false);
        this.errors = List.copyOf(errors);
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new Problem.FieldError(field, message)));
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
