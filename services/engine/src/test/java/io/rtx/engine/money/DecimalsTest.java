package io.rtx.engine.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecimalsTest {

    private static final Pattern GRAMMAR = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    @Test
    void parsesAndPrintsExactly() {
        assertThat(Decimals.parse("10000.25", 2)).isEqualTo(1_000_025);
        assertThat(Decimals.parse("0.1", 4)).isEqualTo(1_000);
        assertThat(Decimals.parse("007", 0)).isEqualTo(7);
        assertThat(Decimals.parse("1.50", 1)).as("trailing zeros beyond the scale are exact").isEqualTo(15);
        assertThat(Decimals.parse("9223372036854775807", 0)).isEqualTo(Long.MAX_VALUE);
        assertThat(Decimals.format(1_000_025, 2)).isEqualTo("10000.25");
        assertThat(Decimals.format(5, 4)).isEqualTo("0.0005");
    }

    @Test
    void refusesExtraDecimalsInsteadOfRounding() {
        assertThatThrownBy(() -> Decimals.parse("1.005", 2)).hasMessageContaining("more than 2 decimals");
        assertThatThrownBy(() -> Decimals.parse("abc", 2)).hasMessageContaining("not a decimal");
        assertThatThrownBy(() -> Decimals.parse("9223372036854775808", 0)).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Decimals.parse("92233720368547758.08", 2)).hasMessageContaining("out of range");
    }

    /** Everything outside the grammar: what the old BigDecimal parse accepted, trimmed or rounded. */
    @ParameterizedTest
    @ValueSource(strings = {"1e30", "1E2", "1e10000000", "-1", "+1", " 1", "1 ", "\t1", "1\u0000", "\u00001",
            "1\n", "1,5", "1..5", "1.5.", ".5", "1.", ".", "", "\u0661\u0662", "\uff11", "1_000", "0x10", "NaN",
            "Infinity", "1.5e-3", "１"})
    void refusesEverythingOutsideTheStrictGrammar(String text) {
        assertThatThrownBy(() -> Decimals.parse(text, 8)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesOverlongStringsBeforeLookingAtThem() {
        assertThat(Decimals.parse("0".repeat(Decimals.MAX_LENGTH - 2) + ".1", 1)).isEqualTo(1);
        assertThatThrownBy(() -> Decimals.parse("0".repeat(Decimals.MAX_LENGTH + 1), 0))
                .hasMessageContaining("at most " + Decimals.MAX_LENGTH + " characters");
    }

    /**
     * The old parser spent seconds of CPU on this before refusing it (BigDecimal.setScale of 10^10000000).
     * The grammar has no exponent, so it is refused by its characters, before any arithmetic.
     */
    @Test
    void anExponentIsRefusedByTheGrammarBeforeAnyArithmetic() {
        for (String text : new String[] {"1e10000000", "1E-10000000", "-1e2", "1.5e3"}) {
            assertThatThrownBy(() -> Decimals.parse(text, 2)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'" + text + "' is not a decimal number (digits, at most one '.')");
        }
    }

    @Property(tries = 2_000)
    void everyFormattedValueParsesBack(@ForAll @LongRange(min = 0) long scaled, @ForAll @IntRange(max = 18) int scale) {
        assertThat(Decimals.parse(Decimals.format(scaled, scale), scale)).isEqualTo(scaled);
    }

    /** On any string, the strict parse agrees with an exact BigDecimal reading of the grammar, or refuses. */
    @Property(tries = 5_000)
    void agreesWithTheGrammarAndExactArithmetic(@ForAll("candidates") String text, @ForAll @IntRange(max = 18) int scale) {
        Long expected = reference(text, scale);
        if (expected == null) {
            assertThatThrownBy(() -> Decimals.parse(text, scale)).isInstanceOf(IllegalArgumentException.class);
        } else {
            assertThat(Decimals.parse(text, scale)).isEqualTo(expected);
        }
    }

    @Provide
    Arbitrary<String> candidates() {
        Arbitrary<String> plain = Arbitraries.strings().withChars("0123456789.").ofMaxLength(Decimals.MAX_LENGTH + 2);
        Arbitrary<String> hostile = Arbitraries.strings().withChars("0123456789.eE+- \t\u0000\n,_\u0661\uff11")
                .ofMaxLength(24);
        return Arbitraries.oneOf(plain, hostile, Arbitraries.strings().ofMaxLength(12));
    }

    private static Long reference(String text, int scale) {
        if (text.length() > Decimals.MAX_LENGTH || !GRAMMAR.matcher(text).matches()) {
            return null;
        }
        try {
            return new BigDecimal(text).setScale(scale, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    @Test
    void feesRoundDownReservationsRoundUp() {
        assertThat(Decimals.bpsOfFloor(9_999, 20)).isEqualTo(19);
        assertThat(Decimals.bpsOfCeil(9_999, 20)).isEqualTo(20);
        assertThat(Decimals.bpsOfCeil(10_000, 20)).isEqualTo(20);
    }
}
