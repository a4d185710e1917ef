package nl.kennisveiligheid.screening.load;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a guarded endpoint class whose requests are refused when they waited longer than
 * {@code screening.load.max-queue-wait} for a place ({@link WaitLimitInterceptor}).
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface WaitLimited {
}
