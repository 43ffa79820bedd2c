package io.rtx.ledger.trades;

import io.rtx.ledger.LedgerMetrics;
import io.rtx.ledger.support.ProjectionState;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Gap detection for trade ids. Trades are keyed by symbol, so one symbol's trades arrive in order on
 * one partition and a jump is a loss, reported at once. The highest id per symbol is kept in memory and
 * seeded from PostgreSQL when unknown (at start, and after a rebalance, because another replica may
 * have written trades meanwhile). Only a new maximum can open a gap; a late trade below it never does.
 */
@Component
class TradeSequence implements ProjectionState {

    private static final Logger log = LoggerFactory.getLogger(TradeSequence.class);

    private final DatabaseClient db;
    private final LedgerMetrics metrics;
    private final Map<String, Long> highest = new ConcurrentHashMap<>();

    TradeSequence(DatabaseClient db, LedgerMetrics metrics) {
        this.db = db;
        this.metrics = metrics;
    }

    /** Called once for each newly written trade. */
    Mono<Void> written(String symbol, long tradeId) {
        Long known = highest.get(symbol);
        Mono<Long> previous = known != null ? Mono.just(known) : db.sql(
                        "SELECT COALESCE(MAX(trade_id), 0) AS highest FROM trades WHERE symbol = :symbol AND trade_id <> :tradeId")
                .bind("symbol", symbol).bind("tradeId", tradeId)
                .map(row -> row.get("highest", Long.class)).one();
        return previous.doOnNext(before -> {
            if (tradeId > before + 1) {
                metrics.sequenceGap(LedgerMetrics.STREAM_TRADES);
                log.warn("Trade sequence gap on {}: expected {}, got {}", symbol, before + 1, tradeId);
            }
            highest.merge(symbol, Math.max(before, tradeId), Math::max);
        }).then();
    }

    @Override
    public void reset() {
        highest.clear();
    }
}
