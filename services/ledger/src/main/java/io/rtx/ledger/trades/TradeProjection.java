package io.rtx.ledger.trades;

import io.rtx.events.TradeMessage;
import io.rtx.ledger.support.Amounts;
import io.rtx.ledger.support.Params;
import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes a trade and, in the same transaction and only if the trade row is new, folds it into its
 * 1m, 5m and 1h candles. A replayed trade inserts nothing and so touches no candle; a trade that
 * arrives after a later one of the same bucket still leaves open/close exact, because each candle
 * keeps the ids of the trades that set them.
 */
@Component
public class TradeProjection {

    /** (symbol, trade_id) is the identity; the NOT EXISTS makes it so even though the key has executed_at. */
    private static final String INSERT_TRADE = """
            INSERT INTO trades (symbol, trade_id, price, quantity, buy_order_id, buy_account_id, sell_order_id,
                sell_account_id, taker_side, executed_at)
            SELECT :symbol, :tradeId, :price, :quantity, :buyOrderId, :buyAccountId, :sellOrderId, :sellAccountId,
                :takerSide, :executedAt
            WHERE NOT EXISTS (SELECT 1 FROM trades WHERE symbol = :symbol AND trade_id = :tradeId)
            ON CONFLICT DO NOTHING
            RETURNING trade_id
            """;

    private static final String UPSERT_CANDLE = """
            INSERT INTO candles AS c (symbol, interval, bucket_start, open, high, low, close, volume, trade_count,
                first_trade_id, last_trade_id)
            VALUES (:symbol, :interval, :bucketStart, :price, :price, :price, :price, :quantity, 1, :tradeId, :tradeId)
            ON CONFLICT (symbol, interval, bucket_start) DO UPDATE SET
                open = CASE WHEN EXCLUDED.first_trade_id < c.first_trade_id THEN EXCLUDED.open ELSE c.open END,
                first_trade_id = LEAST(c.first_trade_id, EXCLUDED.first_trade_id),
                high = GREATEST(c.high, EXCLUDED.high),
                low = LEAST(c.low, EXCLUDED.low),
                close = CASE WHEN EXCLUDED.last_trade_id > c.last_trade_id THEN EXCLUDED.close ELSE c.close END,
                last_trade_id = GREATEST(c.last_trade_id, EXCLUDED.last_trade_id),
                volume = c.volume + EXCLUDED.volume,
                trade_count = c.trade_count + 1
            """;

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    public TradeProjection(DatabaseClient db, TransactionalOperator tx) {
        this.db = db;
        this.tx = tx;
    }

    /** Emits true if the trade was new (and the candles were updated), false if it was already there. */
    public Mono<Boolean> apply(TradeMessage m) {
        if (m.symbol() == null || m.tradeId() <= 0) {
            throw new IllegalArgumentException("a trade needs a symbol and a tradeId above 0");
        }
        if (!"BUY".equals(m.takerSide()) && !"SELL".equals(m.takerSide())) {
            throw new IllegalArgumentException("takerSide: '" + m.takerSide() + "' is not BUY or SELL");
        }
        BigDecimal price = positive(m.price(), "price");
        BigDecimal quantity = positive(m.quantity(), "quantity");
        Params trade = Params.create()
                .put("symbol", m.symbol(), String.class)
                .put("tradeId", m.tradeId(), Long.class)
                .put("price", price, BigDecimal.class)
                .put("quantity", quantity, BigDecimal.class)
                .put("buyOrderId", m.buyOrderId(), Long.class)
                .put("buyAccountId", m.buyAccountId(), Long.class)
                .put("sellOrderId", m.sellOrderId(), Long.class)
                .put("sellAccountId", m.sellAccountId(), Long.class)
                .put("takerSide", m.takerSide(), String.class)
                .put("executedAt", Instant.ofEpochMilli(m.timestamp()), Instant.class);
        Mono<Boolean> work = trade.bind(db, INSERT_TRADE).fetch().all().hasElements()
                .flatMap(inserted -> inserted ? candles(m, price, quantity).thenReturn(true) : Mono.just(false));
        return tx.transactional(work);
    }

    private Mono<Void> candles(TradeMessage m, BigDecimal price, BigDecimal quantity) {
        return Flux.fromArray(CandleInterval.values())
                .concatMap(interval -> db.sql(UPSERT_CANDLE)
                        .bind("symbol", m.symbol())
                        .bind("interval", interval.code())
                        .bind("bucketStart", interval.bucketStart(m.timestamp()))
                        .bind("price", price)
                        .bind("quantity", quantity)
                        .bind("tradeId", m.tradeId())
                        .fetch().rowsUpdated())
                .then();
    }

    private static BigDecimal positive(String text, String field) {
        BigDecimal value = Amounts.required(text, field);
        if (value.signum() <= 0) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not positive");
        }
        return value;
    }
}
