package io.rtx.ledger.marketdata;

import io.rtx.events.BookUpdateMessage;
import io.rtx.ledger.LedgerMetrics;
import io.rtx.ledger.LedgerProperties;
import io.rtx.ledger.support.Amounts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The L2 view of each symbol in Redis, maintained by one Lua script per update so that the sequence
 * check and the level changes are atomic (a second replica holding the partition for a moment during a
 * rebalance cannot apply an update twice).
 */
@Component
public class BookView {

    private static final Logger log = LoggerFactory.getLogger(BookView.class);
    /** Distinct decimals with at most this many significant digits map to distinct, ordered doubles. */
    private static final int MAX_PRICE_DIGITS = 15;
    private static final JsonMapper JSON = JsonMapper.shared();

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> SCRIPT =
            RedisScript.of(new ClassPathResource("redis/book-update.lua"), List.class);

    private final ReactiveStringRedisTemplate redis;
    private final LedgerMetrics metrics;
    private final int depth;

    public BookView(ReactiveStringRedisTemplate redis, LedgerMetrics metrics, LedgerProperties properties) {
        this.redis = redis;
        this.metrics = metrics;
        this.depth = properties.bookDepth();
    }

    public Mono<Void> apply(BookUpdateMessage m) {
        if (m.symbol() == null || m.sequence() <= 0) {
            throw new IllegalArgumentException("a book update needs a symbol and a sequence above 0");
        }
        String s = m.symbol();
        List<String> keys = List.of(RedisKeys.bookSide(s, "bids"), RedisKeys.bookSide(s, "asks"),
                RedisKeys.bookIndex(s, "bids"), RedisKeys.bookIndex(s, "asks"), RedisKeys.bookSequence(s),
                RedisKeys.bookTop(s), RedisKeys.bookGap(s));
        List<String> args = new ArrayList<>();
        args.add(Long.toString(m.sequence()));
        args.add(Integer.toString(depth));
        args.add(s);
        levels(m.bids(), "bids", args);
        levels(m.asks(), "asks", args);
        return redis.execute(SCRIPT, keys, args).next().doOnNext(result -> {
            long status = ((Number) result.get(0)).longValue();
            if (status == 2) {
                long stored = ((Number) result.get(1)).longValue();
                metrics.sequenceGap(LedgerMetrics.STREAM_BOOK_UPDATES);
                log.warn("Book-update sequence gap on {}: expected {}, got {}", s, stored + 1, m.sequence());
            }
        }).then();
    }

    private static void levels(List<BookUpdateMessage.Level> levels, String side, List<String> args) {
        List<BookUpdateMessage.Level> given = levels == null ? List.of() : levels;
        args.add(Integer.toString(given.size()));
        for (BookUpdateMessage.Level level : given) {
            BigDecimal price = Amounts.required(level.price(), side + ".price");
            if (price.signum() <= 0) {
                throw new IllegalArgumentException(side + ".price: '" + level.price() + "' is not positive");
            }
            BigDecimal canonical = price.stripTrailingZeros();
            if (canonical.precision() > MAX_PRICE_DIGITS) {
                throw new IllegalArgumentException(side + ".price: '" + level.price() + "' has more than "
                        + MAX_PRICE_DIGITS + " significant digits and cannot be ordered exactly");
            }
            BigDecimal quantity = Amounts.nonNegative(level.quantity(), side + ".quantity");
            args.add(canonical.toPlainString());
            args.add(Double.toString(canonical.doubleValue()));
            args.add(quantity.signum() == 0 ? "" : levelJson(level));
        }
    }

    private static String levelJson(BookUpdateMessage.Level level) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("price", level.price().trim());
        json.put("quantity", level.quantity().trim());
        json.put("orders", level.orders());
        return JSON.writeValueAsString(json);
    }
}
