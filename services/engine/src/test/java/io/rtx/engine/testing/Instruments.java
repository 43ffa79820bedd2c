package io.rtx.engine.testing;

import io.rtx.engine.instrument.Asset;
import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.instrument.SelfTradePolicy;

/**
 * BTC-USD as the tests use it: prices in cents (tick 0.01), quantities in 0.0001 BTC with a lot of
 * 0.001, a 10% price band, fees 10 bps maker / 20 bps taker. Both assets have 8 decimals. It has no
 * reference price (as a definition that predates the field): nothing is banded until it first trades, so
 * every test chooses its prices freely; {@link #btcUsdReferencedAt} gives one.
 */
public final class Instruments {

    public static final Asset BTC = new Asset("BTC", 8);
    public static final Asset USD = new Asset("USD", 8);

    public static final Instrument BTC_USD = btcUsd(SelfTradePolicy.CANCEL_NEWEST);

    private Instruments() {
    }

    public static Instrument btcUsd(SelfTradePolicy policy) {
        return btcUsd(policy, 0);
    }

    /** BTC-USD whose definition centres the band on {@code referencePrice} until the first trade. */
    public static Instrument btcUsdReferencedAt(long referencePrice) {
        return btcUsd(SelfTradePolicy.CANCEL_NEWEST, referencePrice);
    }

    private static Instrument btcUsd(SelfTradePolicy policy, long referencePrice) {
        return new Instrument("BTC-USD", BTC, USD, 2, 4,
                1, 10, 10, 1_000_000, 1_000, referencePrice, 10_000_000L * 100_000_000L, 10, 20, policy);
    }
}
