package io.chatprivacy.notification.service.reports;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

/**
 * A mail address an event carries: none (null or blank) or a single address once surrounding space is
 * stripped. Enough to refuse what is no single address (a list, a header injection); the relay judges the rest.
 */
@Documented
@Constraint(validatedBy = SingleAddress.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface SingleAddress {

    String message() default "is no single address";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check, and the normal form the mail is sent to. */
    final class Check implements ConstraintValidator<SingleAddress, String> {

        private static final Pattern ADDRESS = Pattern.compile("[^\\s@<>,;\"]{1,64}@[^\\s@<>,;\"]{1,255}");

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            String address = normalise(value);
            return address == null || isSingle(address);
        }

        /** The address without surrounding space, or null for none. */
        public static String normalise(String raw) {
            return raw == null || raw.isBlank() ? null : raw.strip();
        }

        /** Whether a normalised address is one address. */
        public static boolean isSingle(String address) {
            return ADDRESS.matcher(address).matches();
        }
    }
}
