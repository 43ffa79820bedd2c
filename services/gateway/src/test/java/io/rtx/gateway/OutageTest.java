package io.rtx.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Redis, then PostgreSQL, really stopped. Runs last: PostgreSQL is not started again.
 * Reads fall back to PostgreSQL without Redis; without PostgreSQL queries are 503 problems while
 * order entry still answers 201 (keys verified before the outage stay cached).
 */
@Order(4)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutageTest extends GatewayTest {

    @Test
    @Order(1)
    void withoutRedisReadsComeFromPostgresqlAndOrdersStillPlaceIdempotently() throws Exception {
        json(get("/api/v1/markets/BTC-USD/ticker", Fixture.keyA), 200);
        Infrastructure.stopRedis();
        try {
            JsonNode ticker = json(get("/api/v1/markets/BTC-USD/ticker", Fixture.keyA), 200);
            assertThat(ticker.get("source").asText()).isEqualTo("postgresql");
            json(get("/api/v1/markets/BTC-USD/trades", Fixture.keyA), 200);
            json(get("/api/v1/accounts/me/balances", Fixture.keyA), 200);
            JsonNode book = json(get("/api/v1/markets/BTC-USD/book", Fixture.keyA), 503);
            assertThat(book.get("type").asText()).isEqualTo("urn:rtx:problem:service-unavailable");

            JsonNode first = json(post("/api/v1/orders", Fixture.keyA, limit("no-redis-1", "BUY", "6000.00", "0.0010")), 201);
            JsonNode retry = json(post("/api/v1/orders", Fixture.keyA, limit("no-redis-1", "BUY", "6000.00", "0.0010")), 201);
            assertThat(retry.get("orderId").asText()).isEqualTo(first.get("orderId").asText());
        } finally {
            Infrastructure.startRedis();
        }
    }

    @Test
    @Order(2)
    void withoutPostgresqlQueriesAre503WhileOrderEntryAnswers201() throws Exception {
        json(get("/api/v1/orders", Fixture.keyA), 200); // the key is verified and cached before the outage
        Infrastructure.stopPostgres();

        JsonNode problem = json(get("/api/v1/orders", Fixture.keyA), 503);
        assertThat(problem.get("type").asText()).isEqualTo("urn:rtx:problem:service-unavailable");
        assertThat(problem.get("dependency").asText()).isEqualTo("PostgreSQL");
        json(get("/api/v1/accounts/me/balances", Fixture.keyA), 503);

        JsonNode order = json(post("/api/v1/orders", Fixture.keyA, limit(null, "BUY", "6100.00", "0.0010")), 201);
        assertThat(order.get("status").asText()).isEqualTo("PENDING_NEW");
        // With a client order id, Redis alone guards idempotency while PostgreSQL is down.
        JsonNode first = json(post("/api/v1/orders", Fixture.keyA, limit("no-pg-1", "BUY", "6100.00", "0.0010")), 201);
        JsonNode retry = json(post("/api/v1/orders", Fixture.keyA, limit("no-pg-1", "BUY", "6100.00", "0.0010")), 201);
        assertThat(retry.get("orderId").asText()).isEqualTo(first.get("orderId").asText());
        // The bootstrap admin key needs no database.
        json(web.get().uri("/api/v1/markets/instruments").header("X-API-Key", ADMIN_KEY).exchange(), 200);
    }
}
