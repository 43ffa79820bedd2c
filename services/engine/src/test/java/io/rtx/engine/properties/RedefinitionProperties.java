package io.rtx.engine.properties;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.instrument.SelfTradePolicy;
import io.rtx.engine.testing.Instruments;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The redefinition rule (Instrument.redefinitionTo) over many definitions. */
class RedefinitionProperties {

    /**
     * A tick or lot change is allowed exactly when every resting price and quantity stays on the grid:
     * the old step itself, the smallest of them, and so every multiple of it.
     */
    @Property(tries = 2_000)
    void aStepChangeIsAllowedExactlyWhenEveryRestingPriceAndQuantityStaysOnTheGrid(
            @ForAll @IntRange(min = 1, max = 24) int tick, @ForAll @IntRange(min = 1, max = 24) int nextTick,
            @ForAll @IntRange(min = 1, max = 24) int lot, @ForAll @IntRange(min = 1, max = 24) int nextLot,
            @ForAll @LongRange(min = 1, max = 1_000_000) long ticks,
            @ForAll @LongRange(min = 1, max = 1_000_000) long lots) {
        Instrument next = withSteps(nextTick, nextLot, 10, 20);

        boolean allowed = withSteps(tick, lot, 10, 20).redefinitionTo(next).allowed();

        assertThat(allowed).isEqualTo(next.isOnTick(tick) && next.isOnLot(lot));
        if (allowed) {
            assertThat(next.isOnTick(ticks * tick)).isTrue();
            assertThat(next.isOnLot(lots * lot)).isTrue();
        }
    }

    /** Allowed redefinitions compose, so a task that missed a definition in between decides alike. */
    @Property(tries = 2_000)
    void allowedRedefinitionsCompose(@ForAll("definitions") Instrument a, @ForAll("definitions") Instrument b,
                                     @ForAll("definitions") Instrument c) {
        if (a.redefinitionTo(b).allowed() && b.redefinitionTo(c).allowed()) {
            assertThat(a.redefinitionTo(c).allowed()).isTrue();
        }
    }

    @Provide
    Arbitrary<Instrument> definitions() {
        Arbitrary<Integer> steps = Arbitraries.of(1, 2, 3, 4, 6, 12);
        Arbitrary<Integer> fees = Arbitraries.integers().between(0, 30);
        return Combinators.combine(steps, steps, fees, fees).as(RedefinitionProperties::withSteps);
    }

    private static Instrument withSteps(int tick, int lot, int makerFee, int takerFee) {
        Instrument btcUsd = Instruments.BTC_USD;
        return new Instrument(btcUsd.symbol(), btcUsd.base(), btcUsd.quote(), btcUsd.priceScale(),
                btcUsd.quantityScale(), tick, lot, lot, lot * 100_000L, btcUsd.priceBandBps(), 0, btcUsd.maxNotional(),
                makerFee, takerFee, SelfTradePolicy.CANCEL_NEWEST);
    }
}
