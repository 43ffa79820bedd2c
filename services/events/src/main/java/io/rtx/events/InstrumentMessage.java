package io.rtx.events;

import io.rtx.engine.instrument.Asset;
import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.instrument.SelfTradePolicy;
import io.rtx.engine.money.Decimals;

/**
 * An instrument definition on the wire: sizes as decimal strings, the price band as a percentage.
 * Converting it builds, and so validates, the core {@link Instrument}. {@code referencePrice} centres the
 * band until the first trade; a record without it (written before the field existed) reads as none.
 */
@SchemaVersion(major = 1, minor = 1)
public record InstrumentMessage(
        String symbol,
        String baseAsset,
        int baseScale,
        String quoteAsset,
        int quoteScale,
        int priceScale,
        int quantityScale,
        String tickSize,
        String lotSize,
        String minQuantity,
        String maxQuantity,
        String priceBandPercent,
        String referencePrice,
        String maxNotional,
        int makerFeeBps,
        int takerFeeBps,
        String selfTradePolicy) implements Message {

    public Instrument toInstrument() {
        return new Instrument(symbol, new Asset(baseAsset, baseScale), new Asset(quoteAsset, quoteScale),
                priceScale, quantityScale,
                Wire.decimal(tickSize, priceScale, "tickSize"), Wire.decimal(lotSize, quantityScale, "lotSize"),
                Wire.decimal(minQuantity, quantityScale, "minQuantity"),
                Wire.decimal(maxQuantity, quantityScale, "maxQuantity"),
                Math.toIntExact(Wire.decimal(priceBandPercent, 2, "priceBandPercent")),
                referencePrice == null ? 0 : Wire.decimal(referencePrice, priceScale, "referencePrice"),
                Wire.decimal(maxNotional, quoteScale, "maxNotional"),
                makerFeeBps, takerFeeBps,
                selfTradePolicy == null ? SelfTradePolicy.CANCEL_NEWEST : SelfTradePolicy.valueOf(selfTradePolicy));
    }

    public static InstrumentMessage of(Instrument i) {
        return new InstrumentMessage(i.symbol(), i.base().code(), i.base().scale(),
                i.quote().code(), i.quote().scale(), i.priceScale(), i.quantityScale(),
                i.formatPrice(i.tickSize()), i.formatQuantity(i.lotSize()), i.formatQuantity(i.minQuantity()),
                i.formatQuantity(i.maxQuantity()), Decimals.format(i.priceBandBps(), 2),
                i.referencePrice() == 0 ? null : i.formatPrice(i.referencePrice()),
                Decimals.format(i.maxNotional(), i.quote().scale()), i.makerFeeBps(), i.takerFeeBps(),
                i.selfTradePolicy().name());
    }
}
