package nl.kennisveiligheid.screening.common;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Text without control characters (line breaks and tabs allowed) and without bidirectional
 * formatting characters, which can make a name read differently to an officer than it is stored.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE, ElementType.RECORD_COMPONENT,
        ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PlainText.Validator.class)
public @interface PlainText {

    String message() default "must not contain control or bidirectional formatting characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks each code point. */
    class Validator implements ConstraintValidator<PlainText, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            return value.codePoints().allMatch(Validator::allowed);
        }

        static boolean allowed(int cp) {
            if (cp == '\n' || cp == '\r' || cp == '\t') {
                return true;
            }
            if (Character.getType(cp) == Character.CONTROL || Character.getType(cp) == Character.SURROGATE
                    || Character.getType(cp) == Character.UNASSIGNED || cp == 0xFFFD) {
                return false;
            }
            return !(cp >= 0x202A && cp <= 0x202E) && !(cp >= 0x2066 && cp <= 0x2069) && cp != 0x200E && cp != 0x200F
                    && cp != 0x061C;
        }
    }
}
