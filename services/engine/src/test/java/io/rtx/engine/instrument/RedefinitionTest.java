package io.rtx.engine.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rtx.engine.money.Decimals;
import io.rtx.engine.order.ReasonCode;
import io.rtx.engine.testing.Instruments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedefinitionTest {

    private static final Asset BTC = Instruments.BTC;
    private static final Asset USD = Instruments.USD;

    /** BTC-USD with a tick of 0.04 and a lot of 0.0010, so both can shrink. */
    private static final Instrument CURRENT = new Instrument("BTC-USD", BTC, USD, 2, 4, 4, 10, 10, 1_000_000,
            1_000, 0, 10_000_000L * 100_000_000L, 10, 20, SelfTradePolicy.CANCEL_NEWEST);

    private static Redefinition to(Instrument next) {
        return CURRENT.redefinitionTo(next);
    }

    @Test
    void theSameDefinitionAndChangesToWhatOnlyNewOrdersMeetAreAllowed() {
        assertThat(to(CURRENT).allowed()).isTrue();
        // Min 0.0020 and max 50, band 5%, cap 1M, fees cut to 5 / 15 bps, cancel-oldest.
        Instrument next = new Instrument("BTC-USD", BTC, USD, 2, 4, 4, 10, 20, 500_000, 500, 0,
                1_000_000L * 100_000_000L, 5, 15, SelfTradePolicy.CANCEL_OLDEST);
        assertThat(to(next)).isEqualTo(new Redefinition(null, null, null));
    }

    @Test
    void aTickOrLotThatDividesTheOldOneIsAllowed() {
        assertThat(to(withSteps(2, 10)).allowed()).isTrue();
        assertThat(to(withSteps(1, 5)).allowed()).isTrue();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "TICK_SIZE_NOT_DIVISOR, tickSize, 8, 10",
            "TICK_SIZE_NOT_DIVISOR, tickSize, 3, 10",
            "LOT_SIZE_NOT_DIVISOR,  lotSize,  4, 20",
            "LOT_SIZE_NOT_DIVISOR,  lotSize,  4, 3",
    })
    void aTickOrLotThatWouldStrandRestingOrdersOffTheGridIsRefused(ReasonCode reason, String field, long tick,
                                                                   long lot) {
        Redefinition refused = to(withSteps(tick, lot));
        assertThat(refused.refusal()).isEqualTo(reason);
        assertThat(refused.field()).isEqualTo(field);
        assertThat(refused.detail()).startsWith(field + ": ").contains("off the grid");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({
            "ASSET_CHANGED, baseAsset,     ETH, 8, USD, 8, 2, 4",
            "ASSET_CHANGED, baseScale,     BTC, 6, USD, 8, 2, 4",
            "ASSET_CHANGED, quoteAsset,    BTC, 8, EUR, 8, 2, 4",
            "ASSET_CHANGED, quoteScale,    BTC, 8, USD, 7, 2, 4",
            "SCALE_CHANGED, priceScale,    BTC, 8, USD, 8, 3, 4",
            "SCALE_CHANGED, quantityScale, BTC, 8, USD, 8, 2, 5",
    })
    void assetsAndScalesNeverChange(ReasonCode reason, String field, String base, int baseScale, String quote,
                                    int quoteScale, int priceScale, int quantityScale) {
        // Tick and lot stay on the same grid in value (0.04, 0.0010) whatever the scale.
        long tick = 4 * Decimals.powerOfTen(priceScale - 2);
        long lot = 10 * Decimals.powerOfTen(quantityScale - 4);
        Instrument next = new Instrument("BTC-USD", new Asset(base, baseScale), new Asset(quote, quoteScale),
                priceScale, quantityScale, tick, lot, lot, 100 * lot * 1_000, 1_000, 0, CURRENT.maxNotional(), 10, 20,
                SelfTradePolicy.CANCEL_NEWEST);

        Redefinition refused = to(next);

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.refusal()).isEqualTo(reason);
        assertThat(refused.field()).isEqualTo(field);
        assertThat(refused.detail()).startsWith(field + ": may not change");
    }

    @Test
    void theLargerFeeMayNotRiseBecauseRestingBuysHoldForIt() {
        assertThat(to(withFees(20, 20)).allowed()).as("maker up to the old taker fee").isTrue();
        assertThat(to(withFees(10, 21))).satisfies(r -> {
            assertThat(r.refusal()).isEqualTo(ReasonCode.FEE_RAISED);
            assertThat(r.field()).isEqualTo("takerFeeBps");
        });
        assertThat(to(withFees(25, 5)).field()).isEqualTo("makerFeeBps");
    }

    @Test
    void anotherSymbolIsNoRedefinition() {
        Instrument eth = new Instrument("ETH-USD", new Asset("ETH", 8), USD, 2, 4, 4, 10, 10, 1_000_000, 1_000, 0,
                CURRENT.maxNotional(), 10, 20, SelfTradePolicy.CANCEL_NEWEST);
        assertThatThrownBy(() -> to(eth)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Instrument withSteps(long tick, long lot) {
        return new Instrument("BTC-USD", BTC, USD, 2, 4, tick, lot, lot * 10, lot * 100_000, 1_000, 0,
                CURRENT.maxNotional(), 10, 20, SelfTradePolicy.CANCEL_NEWEST);
    }

    private static Instrument withFees(int maker, int taker) {
        return new Instrument("BTC-USD", BTC, USD, 2, 4, 4, 10, 10, 1_000_000, 1_000, 0, CURRENT.maxNotional(), maker,
                taker, SelfTradePolicy.CANCEL_NEWEST);
    }
}
