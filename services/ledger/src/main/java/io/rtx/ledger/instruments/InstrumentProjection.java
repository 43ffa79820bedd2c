package io.rtx.ledger.instruments;

import io.rtx.events.InstrumentMessage;
import io.rtx.ledger.support.Amounts;
import java.math.BigDecimal;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The latest definition of each instrument. The topic is compacted and keyed by symbol, so the last
 * record per key wins and a tombstone removes the instrument, exactly as a replay of the topic would.
 */
@Component
public class InstrumentProjection {

    private static final String UPSERT = """
            INSERT INTO instruments (symbol, base_asset, base_scale, quote_asset, quote_scale, price_scale,
                quantity_scale, tick_size, lot_size, min_quantity, max_quantity, price_band_percent, reference_price,
                max_notional, maker_fee_bps, taker_fee_bps, self_trade_policy)
            VALUES (:symbol, :baseAsset, :baseScale, :quoteAsset, :quoteScale, :priceScale, :quantityScale, :tickSize,
                :lotSize, :minQuantity, :maxQuantity, :priceBandPercent, :referencePrice, :maxNotional, :makerFeeBps,
                :takerFeeBps, :selfTradePolicy)
            ON CONFLICT (symbol) DO UPDATE SET base_asset = EXCLUDED.base_asset, base_scale = EXCLUDED.base_scale,
                quote_asset = EXCLUDED.quote_asset, quote_scale = EXCLUDED.quote_scale,
                price_scale = EXCLUDED.price_scale, quantity_scale = EXCLUDED.quantity_scale,
                tick_size = EXCLUDED.tick_size, lot_size = EXCLUDED.lot_size, min_quantity = EXCLUDED.min_quantity,
                max_quantity = EXCLUDED.max_quantity, price_band_percent = EXCLUDED.price_band_percent,
                reference_price = EXCLUDED.reference_price,
                max_notional = EXCLUDED.max_notional, maker_fee_bps = EXCLUDED.maker_fee_bps,
                taker_fee_bps = EXCLUDED.taker_fee_bps, self_trade_policy = EXCLUDED.self_trade_policy
            """;

    private final DatabaseClient db;

    public InstrumentProjection(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> apply(InstrumentMessage m) {
        // Building the core Instrument validates the definition with the same rules risk and matching use.
        var instrument = m.toInstrument();
        BigDecimal referencePrice = Amounts.optional(m.referencePrice(), "referencePrice");
        DatabaseClient.GenericExecuteSpec upsert = db.sql(UPSERT);
        upsert = referencePrice == null ? upsert.bindNull("referencePrice", BigDecimal.class)
                : upsert.bind("referencePrice", referencePrice);
        return upsert
                .bind("symbol", instrument.symbol())
                .bind("baseAsset", m.baseAsset())
                .bind("baseScale", m.baseScale())
                .bind("quoteAsset", m.quoteAsset())
                .bind("quoteScale", m.quoteScale())
                .bind("priceScale", m.priceScale())
                .bind("quantityScale", m.quantityScale())
                .bind("tickSize", Amounts.required(m.tickSize(), "tickSize"))
                .bind("lotSize", Amounts.required(m.lotSize(), "lotSize"))
                .bind("minQuantity", Amounts.required(m.minQuantity(), "minQuantity"))
                .bind("maxQuantity", Amounts.required(m.maxQuantity(), "maxQuantity"))
                .bind("priceBandPercent", Amounts.required(m.priceBandPercent(), "priceBandPercent"))
                .bind("maxNotional", Amounts.required(m.maxNotional(), "maxNotional"))
                .bind("makerFeeBps", m.makerFeeBps())
                .bind("takerFeeBps", m.takerFeeBps())
                .bind("selfTradePolicy", instrument.selfTradePolicy().name())
                .fetch().rowsUpdated().then();
    }

    public Mono<Void> remove(String symbol) {
        return db.sql("DELETE FROM instruments WHERE symbol = :symbol").bind("symbol", symbol)
                .fetch().rowsUpdated().then();
    }
}
