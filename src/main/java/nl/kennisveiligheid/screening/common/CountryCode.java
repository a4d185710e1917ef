package nl.kennisveiligheid.screening.common;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Locale;
import java.util.Set;

/** An officially assigned ISO 3166-1 alpha-2 country code in upper case ("NL", "CN"); null passes. */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE, ElementType.RECORD_COMPONENT,
        ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = CountryCode.Validator.class)
public @interface CountryCode {

    String message() default "must be an ISO 3166-1 alpha-2 country code in upper case";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Validates against the JDK's list of officially assigned codes. */
    class Validator implements ConstraintValidator<CountryCode, String> {

        static final Set<String> CODES = Set.of(Locale.getISOCountries());

        public static boolean isAssigned(String code) {
            return code != null && CODES.contains(code);
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || CODES.contains(value);
        }
    }
}
