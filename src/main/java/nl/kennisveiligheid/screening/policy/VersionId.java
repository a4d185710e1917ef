package nl.kennisveiligheid.screening.policy;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import nl.kennisveiligheid.screening.common.PlainText;

/**
 * A policy version id as a path or query parameter: short plain text, refused as a 400 naming the
 * parameter before it reaches a query (a NUL byte once reached PostgreSQL). The composed constraints
 * report for themselves, so the problem says which rule the value broke.
 */
@Size(max = 100)
@PlainText
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = {})
public @interface VersionId {

    String message() default "must be a policy version id";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
