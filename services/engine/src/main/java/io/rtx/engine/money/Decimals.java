package io.rtx.engine.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one conversion between decimal strings (the edges: HTTP, JSON, docs) and the scaled longs the
 * core computes with. A value with more decimals than its scale is refused, never rounded: a price
 * of "1.005" on a 2-decimal instrument is an error the client must see.
 */
public final class Decimals {

    private Decimals() {
    }

    /** Parses {@code text} as a decimal with at most {@code scale} fraction digits. */
    public static long parse(String text, int scale) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a decimal number is required");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a decimal number");
        }
        try {
            return value.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' has more than " + scale + " decimals or is out of range");
        }
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
