package io.rtx.ledger.support;

import java.math.BigDecimal;

/**
 * Wire decimal strings to exact {@link BigDecimal}s. Amounts never pass through a double: the string's
 * own scale is kept, so "100.50" is stored as 100.50.
 */
public final class Amounts {

    private Amounts() {
    }

    public static BigDecimal required(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field + ": a decimal number is required");
        }
        return parse(text, field);
    }

    /** Null stays null: a pre-trade rejection of a market order carries no price. */
    public static BigDecimal optional(String text, String field) {
        return text == null ? null : parse(text, field);
    }

    public static BigDecimal nonNegative(String text, String field) {
        BigDecimal value = required(text, field);
        if (value.signum() < 0) {
            throw new IllegalArgumentException(field + ": '" + text + "' is negative");
        }
        return value;
    }

    private static BigDecimal parse(String text, String field) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not a decimal number");
        }
    }
}
