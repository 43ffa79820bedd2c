package io.rtx.ledger.marketdata;

import io.rtx.events.TradeMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** {@code rtx:last-trade:{symbol}}: the symbol's trade with the highest id, as JSON. */
@Component
public class LastTradeView {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final RedisScript<Long> SCRIPT =
            RedisScript.of(new ClassPathResource("redis/last-trade.lua"), Long.class);

    private final ReactiveStringRedisTemplate redis;

    public LastTradeView(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    public Mono<Void> offer(TradeMessage trade) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("symbol", trade.symbol());
        json.put("tradeId", trade.tradeId());
        json.put("price", trade.price());
        json.put("quantity", trade.quantity());
        json.put("takerSide", trade.takerSide());
        json.put("timestamp", trade.timestamp());
        String value = JSON.writeValueAsString(json);
        return redis.execute(SCRIPT, List.of(RedisKeys.lastTrade(trade.symbol())),
                List.of(Long.toString(trade.tradeId()), value)).then();
    }
}
