package io.rtx.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Query endpoints over the ledger's tables and Redis views. The ledger does not run in these tests, so
 * the rows it would project are inserted directly (account 2001, which no processor knows).
 */
@Order(2)
class QueryTest extends GatewayTest {

    static final long ACCOUNT_C = 2001;
    static String keyC;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @BeforeEach
    void rows() {
        if (keyC != null) {
            return;
        }
        // The ledger's rows for an account risk opened: a key is issued only for an account that exists.
        db.sql("INSERT INTO accounts VALUES (:a, false, 3, now())").bind("a", ACCOUNT_C).fetch().rowsUpdated().block();
        keyC = json(post("/api/v1/admin/accounts/" + ACCOUNT_C + "/api-keys", ADMIN_KEY,
                java.util.Map.of("role", "TRADER")), 201).get("apiKey").asString();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(10, ChronoUnit.MINUTES);
        for (int i = 0; i < 5; i++) {
            String status = i % 2 == 0 ? "NEW" : "FILLED";
            String symbol = i < 4 ? SYMBOL : "ETH-USD";
            db.sql("INSERT INTO orders (order_id, client_order_id, account_id, symbol, side, type, price, quantity, "
                            + "filled_quantity, leaves_quantity, status, created_at, updated_at, last_sequence) "
                            + "VALUES (:id, :c, :a, :s, 'BUY', 'LIMIT', 100.50, 1.0000, 0, 1.0000, :st, :t, :t, :id)")
                    .bind("id", 900_000L + i).bind("c", "q" + i).bind("a", ACCOUNT_C).bind("s", symbol)
                    .bind("st", status).bind("t", t0.plusSeconds(i)).fetch().rowsUpdated().block();
        }
        db.sql("INSERT INTO balances VALUES (:a, 'USD', 1234.50000000, 10.00000000, 3, now())")
                .bind("a", ACCOUNT_C).fetch().rowsUpdated().block();
        db.sql("INSERT INTO trades VALUES ('BTC-USD', 1, 100.50, 0.5000, 900000, :a, 5, 9, 'SELL', :t), "
                        + "('BTC-USD', 2, 101.00, 0.2500, 6, 10, 900002, :a, 'BUY', :t2)")
                .bind("a", ACCOUNT_C).bind("t", t0).bind("t2", t0.plusSeconds(60)).fetch().rowsUpdated().block();
        db.sql("INSERT INTO candles VALUES ('BTC-USD', '1m', :t, 100.50, 100.50, 100.50, 100.50, 0.5000, 1, 1, 1), "
                        + "('BTC-USD', '1m', :t2, 101.00, 101.00, 101.00, 101.00, 0.2500, 1, 2, 2)")
                .bind("t", t0).bind("t2", t0.plusSeconds(60)).fetch().rowsUpdated().block();
        redis.opsForValue().set("rtx:book:{BTC-USD}", "{\"symbol\":\"BTC-USD\",\"sequence\":42,"
                + "\"bids\":[{\"price\":\"100.00\",\"quantity\":\"1.5000\",\"orders\":2},{\"price\":\"99.00\",\"quantity\":\"1.0000\",\"orders\":1}],"
                + "\"asks\":[{\"price\":\"101.00\",\"quantity\":\"0.5000\",\"orders\":1}]}").block();
    }

    @Test
    void getOneAndListWithFiltersAndPaging() {
        JsonNode one = json(get("/api/v1/orders/900001", keyC), 200);
        assertThat(one.get("status").asString()).isEqualTo("FILLED");
        assertThat(one.get("price").asString()).isEqualTo("100.50");

        JsonNode page0 = json(get("/api/v1/orders?symbol=BTC-USD&size=3", keyC), 200);
        assertThat(page0.get("items")).hasSize(3);
        assertThat(page0.get("hasNext").asBoolean()).isTrue();
        assertThat(page0.get("items").get(0).get("orderId").asString()).isEqualTo("900003"); // newest first
        JsonNode page1 = json(get("/api/v1/orders?symbol=BTC-USD&size=3&page=1", keyC), 200);
        assertThat(page1.get("items")).hasSize(1);
        assertThat(page1.get("hasNext").asBoolean()).isFalse();

        JsonNode filled = json(get("/api/v1/orders?status=FILLED", keyC), 200);
        assertThat(filled.get("items")).extracting(n -> n.get("orderId").asString()).containsExactly("900003", "900001");

        // Another account sees none of them.
        assertThat(json(get("/api/v1/orders", Fixture.keyB), 200).get("items").toString()).doesNotContain("9000");
        json(get("/api/v1/orders/900001", Fixture.keyB), 404);
    }

    @Test
    void balancesAndMyTrades() {
        JsonNode balances = json(get("/api/v1/accounts/me/balances", keyC), 200);
        assertThat(balances.get("balances").get(0).get("available").asString()).isEqualTo("1234.50000000");
        assertThat(balances.get("balances").get(0).get("reserved").asString()).isEqualTo("10.00000000");

        JsonNode trades = json(get("/api/v1/accounts/me/trades", keyC), 200);
        assertThat(trades).hasSize(2);
        assertThat(trades.get(0).get("side").asString()).isEqualTo("SELL");
        assertThat(trades.get(0).get("liquidity").asString()).isEqualTo("MAKER");
        assertThat(trades.get(1).get("side").asString()).isEqualTo("BUY");
        assertThat(trades.get(1).get("orderId").asString()).isEqualTo("900000");
    }

    @Test
    void marketData() {
        assertThat(json(get("/api/v1/markets/instruments", keyC), 200).toString()).contains("\"tickSize\":\"0.01\"");
        JsonNode book = json(get("/api/v1/markets/BTC-USD/book?depth=1", keyC), 200);
        assertThat(book.get("bids")).hasSize(1);
        assertThat(book.get("bids").get(0).get("price").asString()).isEqualTo("100.00");
        assertThat(book.get("sequence").asLong()).isEqualTo(42);

        JsonNode trades = json(get("/api/v1/markets/BTC-USD/trades?limit=10", keyC), 200);
        assertThat(trades.get(0).get("tradeId").asString()).isEqualTo("2");

        JsonNode candles = json(get("/api/v1/markets/BTC-USD/candles?interval=1m", keyC), 200);
        assertThat(candles).hasSize(2);
        assertThat(candles.get(0).get("close").asString()).isEqualTo("101.00");

        JsonNode ticker = json(get("/api/v1/markets/BTC-USD/ticker", keyC), 200);
        assertThat(ticker.get("open").asString()).isEqualTo("100.50");
        assertThat(ticker.get("last").asString()).isEqualTo("101.00");
        assertThat(ticker.get("volume").asString()).isEqualTo("0.7500");

        json(get("/api/v1/markets/NOPE-USD/book", keyC), 404);
    }
}
