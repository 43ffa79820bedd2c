package io.rtx.gateway.support;

import java.beans.PropertyEditorSupport;
import java.time.Instant;
import java.util.function.Function;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * How every path and query parameter is read. Spring's own conversion is lenient (and falls back to its
 * default editors when a converter refuses): it trims whitespace and reads "+5", "0x10" and "#10" as
 * numbers, so an odd spelling of one id names another. Here integers (ids, pages, sizes, limits) are 1 to
 * 19 plain ASCII digits within their type, and instants are {@link InstantWindow}'s; anything else is a
 * 400 naming the parameter.
 */
@ControllerAdvice
public class ParameterGrammar {

    private static final int MAX_DIGITS = 19;
    private static final String RULE = "must be a non-negative integer of at most " + MAX_DIGITS + " plain digits";

    @InitBinder
    void strictParameters(WebDataBinder binder) {
        for (Class<?> type : new Class<?>[]{long.class, Long.class}) {
            binder.registerCustomEditor(type, new Strict(ParameterGrammar::parseLong));
        }
        for (Class<?> type : new Class<?>[]{int.class, Integer.class}) {
            binder.registerCustomEditor(type, new Strict(ParameterGrammar::parseInt));
        }
        binder.registerCustomEditor(Instant.class, new Strict(InstantWindow::parse));
    }

    /** A non-negative long written as plain digits; IllegalArgumentException naming the rule otherwise. */
    public static long parseLong(String text) {
        if (text.isEmpty() || text.length() > MAX_DIGITS || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(RULE);
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be at most " + Long.MAX_VALUE);
        }
    }

    static int parseInt(String text) {
        long value = parseLong(text);
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("must be at most " + Integer.MAX_VALUE);
        }
        return (int) value;
    }

    /** One binder's editor (binders are per request, so its state is never shared). */
    private static final class Strict extends PropertyEditorSupport {

        private final Function<String, Object> parse;

        Strict(Function<String, Object> parse) {
            this.parse = parse;
        }

        @Override
        public void setAsText(String text) {
            setValue(parse.apply(text));
        }
    }
}
