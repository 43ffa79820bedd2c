package io.rtx.engine.instrument;

import io.rtx.engine.money.Decimals;

/**
 * A tradable pair and its rules. Prices are longs counting 10^-priceScale quote per one whole base
 * unit; quantities count 10^-quantityScale base. The scales are chosen so that every amount a trade
 * moves is an exact multiplication (no division, no rounding):
 * <ul>
 *   <li>base amount = quantity × {@link #baseMultiplier()}</li>
 *   <li>quote amount = price × quantity × {@link #quoteMultiplier()}</li>
 * </ul>
 *
 * @param tickSize      smallest price step, in price units
 * @param lotSize       smallest quantity step, in quantity units
 * @param priceBandBps  limit prices must lie within this many basis points of the reference price;
 *                      market orders sweep no further than this band (their protection price)
 * @param referencePrice the band's centre until the instrument first trades (then the last trade is), in
 *                      price units, on the tick; 0 only for a definition that predates the field, which
 *                      has no band until its first trade
 * @param maxNotional   largest order value, in quote minor units
 */
public record Instrument(
        String symbol,
        Asset base,
        Asset quote,
        int priceScale,
        int quantityScale,
        long tickSize,
        long lotSize,
        long minQuantity,
        long maxQuantity,
        int priceBandBps,
        long referencePrice,
        long maxNotional,
        int makerFeeBps,
        int takerFeeBps,
        SelfTradePolicy selfTradePolicy) {

    public Instrument {
        if (symbol == null || !symbol.matches("[A-Z0-9]{2,12}-[A-Z0-9]{2,12}")) {
            throw new IllegalArgumentException("symbol must look like BASE-QUOTE, e.g. BTC-USD");
        }
        require(base != null && quote != null && !base.equals(quote), "base and quote must be two different assets");
        require(quantityScale >= 0 && quantityScale <= base.scale(), "quantityScale must be 0..base scale");
        require(priceScale >= 0 && priceScale + quantityScale <= quote.scale(),
                "priceScale + quantityScale must not exceed the quote asset's scale");
        require(tickSize > 0 && lotSize > 0, "tick and lot sizes must be positive");
        require(minQuantity >= lotSize && minQuantity % lotSize == 0, "minQuantity must be a positive multiple of the lot");
        require(maxQuantity >= minQuantity && maxQuantity % lotSize == 0, "maxQuantity must be a multiple of the lot >= minQuantity");
        require(priceBandBps > 0 && priceBandBps < 10_000, "priceBandBps must be 1..9999");
        require(referencePrice >= 0 && referencePrice % tickSize == 0,
                "referencePrice must be a positive multiple of the tick");
        require(maxNotional > 0, "maxNotional must be positive");
        require(makerFeeBps >= 0 && makerFeeBps <= 1_000 && takerFeeBps >= 0 && takerFeeBps <= 1_000,
                "fees must be 0..1000 bps");
        if (selfTradePolicy == null) {
            selfTradePolicy = SelfTradePolicy.CANCEL_NEWEST;
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * Whether {@code next} may replace this definition while orders may rest on it. Resting orders,
     * their holds and the last trade price are stored as longs in this definition's scales and grid:
     * <ul>
     *   <li>both assets (code and scale), {@code priceScale} and {@code quantityScale} never change;</li>
     *   <li>{@code tickSize} and {@code lotSize} may only become a divisor of the old one, so every
     *       resting price and quantity stays on the grid;</li>
     *   <li>either fee may change as long as the larger does not rise: a resting buy holds for it, and
     *       a fill must never need more;</li>
     *   <li>min and max quantity, price band, notional cap, a lower fee and the self-trade policy apply
     *       to new orders and amends only, and may change freely.</li>
     * </ul>
     * Allowed redefinitions compose: if a → b and b → c are allowed, so is a → c.
     */
    public Redefinition redefinitionTo(Instrument next) {
        return Redefinition.between(this, next);
    }

    public long baseMultiplier() {
        return Decimals.powerOfTen(base.scale() - quantityScale);
    }

    public long quoteMultiplier() {
        return Decimals.powerOfTen(quote.scale() - priceScale - quantityScale);
    }

    /** Base minor units for {@code quantity}. */
    public long baseAmount(long quantity) {
        return Math.multiplyExact(quantity, baseMultiplier());
    }

    /** Quote minor units for {@code quantity} at {@code price}; throws ArithmeticException on overflow. */
    public long quoteAmount(long price, long quantity) {
        return Math.multiplyExact(Math.multiplyExact(price, quantity), quoteMultiplier());
    }

    public boolean isOnTick(long price) {
        return price > 0 && price % tickSize == 0;
    }

    public boolean isOnLot(long quantity) {
        return quantity > 0 && quantity % lotSize == 0;
    }

    public int feeBps(boolean maker) {
        return maker ? makerFeeBps : takerFeeBps;
    }

    public int maxFeeBps() {
        return Math.max(makerFeeBps, takerFeeBps);
    }

    public long parsePrice(String decimal) {
        return Decimals.parse(decimal, priceScale);
    }

    public long parseQuantity(String decimal) {
        return Decimals.parse(decimal, quantityScale);
    }

    public String formatPrice(long price) {
        return Decimals.format(price, priceScale);
    }

    public String formatQuantity(long quantity) {
        return Decimals.format(quantity, quantityScale);
    }
}
