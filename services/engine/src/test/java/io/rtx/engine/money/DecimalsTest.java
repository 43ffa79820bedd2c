package io.rtx.engine.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DecimalsTest {

    @Test
    void parsesAndPrintsExactly() {
        assertThat(Decimals.parse("10000.25", 2)).isEqualTo(1_000_025);
        assertThat(Decimals.parse("0.1", 4)).isEqualTo(1_000);
        assertThat(Decimals.format(1_000_025, 2)).isEqualTo("10000.25");
        assertThat(Decimals.format(5, 4)).isEqualTo("0.0005");
    }

    @Test
    void refusesExtraDecimalsInsteadOfRounding() {
        assertThatThrownBy(() -> Decimals.parse("1.005", 2)).hasMessageContaining("more than 2 decimals");
        assertThatThrownBy(() -> Decimals.parse("abc", 2)).hasMessageContaining("not a decimal");
        assertThatThrownBy(() -> Decimals.parse("1e30", 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void feesRoundDownReservationsRoundUp() {
        assertThat(Decimals.bpsOfFloor(9_999, 20)).isEqualTo(19);
        assertThat(Decimals.bpsOfCeil(9_999, 20)).isEqualTo(20);
        assertThat(Decimals.bpsOfCeil(10_000, 20)).isEqualTo(20);
    }
}
