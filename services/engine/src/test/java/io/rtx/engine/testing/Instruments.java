package io.rtx.engine.testing;

import io.rtx.engine.instrument.Asset;
import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.instrument.SelfTradePolicy;

/**
 * BTC-USD as the tests use it: prices in cents (tick 0.01), quantities in 0.0001 BTC with a lot of
 * 0.001, a 10% price band, fees 10 bps maker / 20 bps taker. Both assets have 8 decimals.
 */
public final class Instruments {

    public static final Asset BTC = new Asset("BTC", 8);
    public static final Asset USD = new Asset("USD", 8);

    public static final Instrument BTC_USD = btcUsd(SelfTradePolicy.CANCEL_NEWEST);

    private Instruments() {
    }

    public static Instrument btcUsd(SelfTradePolicy policy) {
        return new Instrument("BTC-USD", BTC, USD, 2, 4,
                1, 10, 10, 1_000_000, 1_000, 10_000_000L * 100_000_000L, 10, 20, policy);
    }
}
