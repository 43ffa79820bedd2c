package io.rtx.ledger.marketdata;

import io.rtx.ledger.support.ProjectionState;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code rtx:ticker:{symbol}}: open, high, low, last, volume and trade count over the rolling 24 hours,
 * recomputed from PostgreSQL rather than maintained incrementally, so it is always exactly what the
 * trades say. The window is the 1 440 one-minute candles ending with the current minute: it reads at
 * most 1 440 rows per symbol however many trades there were, and moves forward a minute at a time.
 * Symbols that traded are recomputed within {@code rtx.ledger.ticker.refresh-interval}; every symbol
 * is recomputed every {@code full-refresh-interval} so a quiet market's window still rolls.
 */
@Component
public class TickerView implements ProjectionState {

    private static final Logger log = LoggerFactory.getLogger(TickerView.class);
    private static final JsonMapper JSON = JsonMapper.shared();
    static final Duration WINDOW = Duration.ofHours(24);

    private static final String WINDOW_QUERY = """
            SELECT (ARRAY_AGG(open ORDER BY first_trade_id))[1] AS open, MAX(high) AS high, MIN(low) AS low,
                   (ARRAY_AGG(close ORDER BY last_trade_id DESC))[1] AS last, COALESCE(SUM(volume), 0) AS volume,
                   COALESCE(SUM(trade_count), 0) AS trade_count, MIN(first_trade_id) AS first_trade_id,
                   MAX(last_trade_id) AS last_trade_id
            FROM candles WHERE symbol = :symbol AND interval = '1m' AND bucket_start >= :from
            """;

    private final DatabaseClient db;
    private final ReactiveStringRedisTemplate redis;
    private final Clock clock;
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();

    public TickerView(DatabaseClient db, ReactiveStringRedisTemplate redis, Clock clock) {
        this.db = db;
        this.redis = redis;
        this.clock = clock;
    }

    /** A trade of {@code symbol} was written; its ticker is recomputed on the next refresh. */
    public void touched(String symbol) {
        dirty.add(symbol);
    }

    @Scheduled(fixedDelayString = "${rtx.ledger.ticker.refresh-interval:1s}")
    void refreshTouched() {
        List<String> symbols = new ArrayList<>(dirty);
        dirty.removeAll(symbols);
        refresh(symbols);
    }

    @Scheduled(fixedDelayString = "${rtx.ledger.ticker.full-refresh-interval:60s}")
    void refreshAll() {
        Instant from = windowStart().minus(Duration.ofHours(1));
        List<String> symbols = db.sql("""
                        SELECT symbol FROM instruments
                        UNION SELECT DISTINCT symbol FROM candles WHERE interval = '1m' AND bucket_start >= :from
                        """).bind("from", from)
                .map(row -> row.get("symbol", String.class)).all().collectList().block(Duration.ofMinutes(1));
        refresh(symbols == null ? List.of() : symbols);
    }

    private void refresh(List<String> symbols) {
        for (String symbol : symbols) {
            try {
                recompute(symbol).block(Duration.ofSeconds(30));
            } catch (RuntimeException e) {
                dirty.add(symbol); // try again on the next refresh
                log.warn("Ticker refresh of {} failed: {}", symbol, e.toString());
            }
        }
    }

    Mono<Void> recompute(String symbol) {
        Instant from = windowStart();
        Instant to = from.plus(WINDOW);
        return db.sql(WINDOW_QUERY).bind("symbol", symbol).bind("from", from)
                .map(row -> {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("symbol", symbol);
                    json.put("open", plain(row.get("open", BigDecimal.class)));
                    json.put("high", plain(row.get("high", BigDecimal.class)));
                    json.put("low", plain(row.get("low", BigDecimal.class)));
                    json.put("last", plain(row.get("last", BigDecimal.class)));
                    json.put("volume", plain(row.get("volume", BigDecimal.class)));
                    json.put("tradeCount", row.get("trade_count", Long.class));
                    json.put("firstTradeId", row.get("first_trade_id", Long.class));
                    json.put("lastTradeId", row.get("last_trade_id", Long.class));
                    json.put("windowStart", from.toEpochMilli());
                    json.put("windowEnd", to.toEpochMilli());
                    return json;
                }).one()
                .flatMap(json -> redis.opsForValue().set(RedisKeys.ticker(symbol), JSON.writeValueAsString(json)))
                .then();
    }

    /** Start of the oldest of the 1 440 minutes in the window (the current minute is the newest). */
    Instant windowStart() {
        return clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(WINDOW).plus(Duration.ofMinutes(1));
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }


    @Override
    public void reset() {
        dirty.clear();
    }
}
