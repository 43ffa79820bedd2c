package io.rtx.engine.money;

import java.math.BigDecimal;

/**
 * The one conversion between decimal strings (the edges: HTTP, JSON, docs) and the scaled longs the
 * core computes with. A value with more decimals than its scale is refused, never rounded: a price
 * of "1.005" on a 2-decimal instrument is an error the client must see.
 *
 * <p>The grammar is strict ASCII: one or more digits, optionally a dot and one or more digits, at most
 * {@link #MAX_LENGTH} characters. No sign, exponent, whitespace, control or non-ASCII digit: what is
 * validated is exactly the string that travels on, and the work is bounded by the length, checked
 * before anything else.
 */
public final class Decimals {

    /** Longest accepted decimal string: 19 integer digits, a dot and 18 decimals, with room for zeros. */
    public static final int MAX_LENGTH = 40;

    private Decimals() {
    }

    /** Parses {@code text} as a decimal with at most {@code scale} fraction digits. */
    public static long parse(String text, int scale) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("a decimal number is required");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a decimal number has at most " + MAX_LENGTH + " characters");
        }
        int dot = text.indexOf('.');
        int integerEnd = dot < 0 ? text.length() : dot;
        if (integerEnd == 0 || dot == text.length() - 1 || !digits(text, 0, integerEnd)
                || (dot >= 0 && !digits(text, dot + 1, text.length()))) {
            throw new IllegalArgumentException("'" + text + "' is not a decimal number (digits, at most one '.')");
        }
        int decimals = dot < 0 ? 0 : text.length() - dot - 1;
        try {
            long value = 0;
            for (int i = 0; i < integerEnd; i++) {
                value = Math.addExact(Math.multiplyExact(value, 10L), text.charAt(i) - '0');
            }
            for (int i = 1; i <= decimals; i++) {
                int digit = text.charAt(dot + i) - '0';
                if (i <= scale) {
                    value = Math.addExact(Math.multiplyExact(value, 10L), digit);
                } else if (digit != 0) {
                    throw new ArithmeticException("more decimals than the scale");
                }
            }
            return Math.multiplyExact(value, powerOfTen(scale - Math.min(decimals, scale)));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' has more than " + scale + " decimals or is out of range");
        }
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Prints a scaled long as a plain decimal string with exactly {@code scale} fraction digits. */
    public static String format(long scaled, int scale) {
        return BigDecimal.valueOf(scaled, scale).toPlainString();
    }

    /** 10^exponent as a long; the exponent is a difference of scales and stays small. */
    public static long powerOfTen(int exponent) {
        if (exponent < 0 || exponent > 18) {
            throw new IllegalArgumentException("10^" + exponent + " does not fit a long");
        }
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= 10;
        }
        return result;
    }

    /** {@code amount × bps / 10 000}, rounded down; fees rounded down can never exceed what was reserved. */
    public static long bpsOfFloor(long amount, int bps) {
        return Math.multiplyExact(amount, (long) bps) / 10_000L;
    }

    /** {@code amount × bps / 10 000}, rounded up; used for reservations, which must cover every fee. */
    public static long bpsOfCeil(long amount, int bps) {
        long product = Math.multiplyExact(amount, (long) bps);
        return product / 10_000L + (product % 10_000L == 0 ? 0 : 1);
    }
}
