package io.rtx.gateway.markets;

import io.rtx.gateway.orders.OrderQueries;
import io.rtx.gateway.problems.ServiceUnavailableException;
import io.rtx.gateway.support.Guarded;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Market data from the ledger's projections: the L2 book and 24 h ticker from Redis (hot views), trades
 * and candles from PostgreSQL. If Redis is down the ticker is computed from PostgreSQL's one-minute
 * candles, exactly as the ledger computes it; the book has no copy in PostgreSQL and answers 503.
 */
@Component
public class MarketQueries {

    static final Duration TICKER_WINDOW = Duration.ofHours(24);

    public record Level(String price, String quantity, int orders) {
    }

    public record Book(String symbol, long sequence, List<Level> bids, List<Level> asks) {
    }

    public record Trade(String tradeId, String price, String quantity, String takerSide, Instant executedAt) {
    }

    public record Candle(Instant start, String open, String high, String low, String close, String volume,
                         long tradeCount) {
    }

    public record Ticker(String symbol, String open, String high, String low, String last, String volume,
                         long tradeCount, Instant windowStart, Instant windowEnd, String source) {
    }

    private final ReactiveStringRedisTemplate redis;
    private final DatabaseClient db;
    private final Guarded guarded;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    public MarketQueries(ReactiveStringRedisTemplate redis, DatabaseClient db, Guarded guarded, ObjectMapper json) {
        this.redis = redis;
        this.db = db;
        this.guarded = guarded;
        this.json = json;
    }

    public Mono<Book> book(String symbol, int depth) {
        return guarded.redis(redis.opsForValue().get("rtx:book:{" + symbol + "}"))
                .map(text -> parseBook(symbol, text, depth))
                .defaultIfEmpty(new Book(symbol, 0, List.of(), List.of()))
                .onErrorMap(e -> new ServiceUnavailableException("Redis (the order book view)", e));
    }

    private Book parseBook(String symbol, String text, int depth) {
        try {
            JsonNode node = json.readTree(text);
            return new Book(symbol, node.path("sequence").asLong(), levels(node.path("bids"), depth),
                    levels(node.path("asks"), depth));
        } catch (Exception e) {
            throw new IllegalStateException("unreadable book view of " + symbol, e);
        }
    }

    private static List<Level> levels(JsonNode array, int depth) {
        List<Level> levels = new ArrayList<>();
        for (JsonNode level : array) {
            if (levels.size() == depth) {
                break;
            }
            levels.add(new Level(level.path("price").asString(), level.path("quantity").asString(),
                    level.path("orders").asInt()));
        }
        return levels;
    }

    public Mono<List<Trade>> trades(String symbol, int limit) {
        return guarded.postgres(db.sql("SELECT trade_id, price, quantity, taker_side, executed_at FROM trades "
                        + "WHERE symbol = :s ORDER BY executed_at DESC, trade_id DESC LIMIT :limit")
                .bind("s", symbol).bind("limit", limit)
                .map(row -> new Trade(String.valueOf(row.get("trade_id", Long.class)),
                        OrderQueries.plain(row.get("price", BigDecimal.class)),
                        OrderQueries.plain(row.get("quantity", BigDecimal.class)), row.get("taker_side", String.class),
                        OrderQueries.instant(row.get("executed_at", OffsetDateTime.class))))
                .all().collectList());
    }

    public Mono<List<Candle>> candles(String symbol, String interval, Instant from, Instant to, int limit) {
        return guarded.postgres(db.sql("SELECT bucket_start, open, high, low, close, volume, trade_count FROM candles "
                        + "WHERE symbol = :s AND interval = :i AND bucket_start >= :from AND bucket_start < :to "
                        + "ORDER BY bucket_start DESC LIMIT :limit")
                .bind("s", symbol).bind("i", interval).bind("from", from).bind("to", to).bind("limit", limit)
                .map(row -> new Candle(OrderQueries.instant(row.get("bucket_start", OffsetDateTime.class)),
                        OrderQueries.plain(row.get("open", BigDecimal.class)),
                        OrderQueries.plain(row.get("high", BigDecimal.class)),
                        OrderQueries.plain(row.get("low", BigDecimal.class)),
                        OrderQueries.plain(row.get("close", BigDecimal.class)),
                        OrderQueries.plain(row.get("volume", BigDecimal.class)),
                        row.get("trade_count", Long.class)))
                .all().collectList());
    }

    /** Redis first; if Redis is down or has no ticker yet, the same computation over PostgreSQL. */
    public Mono<Ticker> ticker(String symbol) {
        return guarded.redis(redis.opsForValue().get("rtx:ticker:{" + symbol + "}"))
                .map(text -> parseTicker(symbol, text))
                .onErrorResume(e -> Mono.empty())
                .switchIfEmpty(Mono.defer(() -> tickerFromCandles(symbol)));
    }

    private Ticker parseTicker(String symbol, String text) {
        try {
            JsonNode node = json.readTree(text);
            return new Ticker(symbol, textOrNull(node, "open"), textOrNull(node, "high"), textOrNull(node, "low"),
                    textOrNull(node, "last"), node.path("volume").asString("0"), node.path("tradeCount").asLong(),
                    Instant.ofEpochMilli(node.path("windowStart").asLong()),
                    Instant.ofEpochMilli(node.path("windowEnd").asLong()), "redis");
        } catch (Exception e) {
            throw new IllegalStateException("unreadable ticker view of " + symbol, e);
        }
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    /** The 1 440 one-minute candles ending with the current minute, as the ledger defines the window. */
    private Mono<Ticker> tickerFromCandles(String symbol) {
        Instant from = clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(TICKER_WINDOW).plus(Duration.ofMinutes(1));
        Instant to = from.plus(TICKER_WINDOW);
        return guarded.postgres(db.sql("""
                        SELECT (ARRAY_AGG(open ORDER BY first_trade_id))[1] AS open, MAX(high) AS high, MIN(low) AS low,
                               (ARRAY_AGG(close ORDER BY last_trade_id DESC))[1] AS last,
                               COALESCE(SUM(volume), 0) AS volume, COALESCE(SUM(trade_count), 0) AS trade_count
                        FROM candles WHERE symbol = :s AND interval = '1m' AND bucket_start >= :from
                        """)
                .bind("s", symbol).bind("from", from)
                .map(row -> new Ticker(symbol, OrderQueries.plain(row.get("open", BigDecimal.class)),
                        OrderQueries.plain(row.get("high", BigDecimal.class)),
                        OrderQueries.plain(row.get("low", BigDecimal.class)),
                        OrderQueries.plain(row.get("last", BigDecimal.class)),
                        OrderQueries.plain(row.get("volume", BigDecimal.class)),
                        row.get("trade_count", Long.class), from, to, "postgresql"))
                .one());
    }
}
