package io.rtx.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtx.events.ExecutionReportMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Redis, then PostgreSQL, really stopped; runs last. Reads fall back to PostgreSQL without Redis; without
 * PostgreSQL queries are 503 problems while order entry still answers 201 (keys verified before the outage
 * stay cached). The real ledger runs through the PostgreSQL outage: once PostgreSQL is back it projects
 * every order accepted meanwhile, and the gateway writes the idempotency claims it could only keep in
 * Redis.
 */
@Order(4)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutageTest extends GatewayTest {

    private static Ledger ledger;
    /** Orders answered 201 while PostgreSQL was down. */
    private static final List<Long> ACCEPTED_DURING_OUTAGE = new ArrayList<>();
    private static long claimedDuringOutage;

    @AfterAll
    static void stopLedger() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    @Order(1)
    void withoutRedisReadsComeFromPostgresqlAndOrdersStillPlaceIdempotently() throws Exception {
        json(get("/api/v1/markets/BTC-USD/ticker", Fixture.keyA), 200);
        Infrastructure.stopRedis();
        try {
            JsonNode ticker = json(get("/api/v1/markets/BTC-USD/ticker", Fixture.keyA), 200);
            assertThat(ticker.get("source").asString()).isEqualTo("postgresql");
            json(get("/api/v1/markets/BTC-USD/trades", Fixture.keyA), 200);
            json(get("/api/v1/accounts/me/balances", Fixture.keyA), 200);
            JsonNode book = json(get("/api/v1/markets/BTC-USD/book", Fixture.keyA), 503);
            assertThat(book.get("type").asString()).isEqualTo("urn:rtx:problem:service-unavailable");

            JsonNode first = json(post("/api/v1/orders", Fixture.keyA, limit("no-redis-1", "BUY", "6000.00", "0.0010")), 201);
            JsonNode retry = json(post("/api/v1/orders", Fixture.keyA, limit("no-redis-1", "BUY", "6000.00", "0.0010")), 201);
            assertThat(retry.get("orderId").asString()).isEqualTo(first.get("orderId").asString());
        } finally {
            Infrastructure.startRedis();
        }
    }

    @Test
    @Order(2)
    void withoutPostgresqlQueriesAre503WhileOrderEntryAnswers201() throws Exception {
        ledger = new Ledger(broker);
        reports().await(r -> "no-redis-1".equals(r.clientOrderId()) && r.execType().equals("NEW"), "the last order booked");
        awaitProjected(accountOrders(Fixture.ACCOUNT_A), "the ledger caught up before the outage");
        json(get("/api/v1/orders", Fixture.keyA), 200); // the key is verified and cached before the outage
        Infrastructure.stopPostgres();

        JsonNode problem = json(get("/api/v1/orders", Fixture.keyA), 503);
        assertThat(problem.get("type").asString()).isEqualTo("urn:rtx:problem:service-unavailable");
        assertThat(problem.get("dependency").asString()).isEqualTo("PostgreSQL");
        json(get("/api/v1/accounts/me/balances", Fixture.keyA), 503);

        for (int i = 0; i < 5; i++) {
            JsonNode order = json(post("/api/v1/orders", Fixture.keyA, limit(null, "BUY", "6100.00", "0.0010")), 201);
            assertThat(order.get("status").asString()).isEqualTo("PENDING_NEW");
            ACCEPTED_DURING_OUTAGE.add(Long.parseLong(order.get("orderId").asString()));
        }
        // With a client order id: risk guards idempotency, so PostgreSQL's outage changes nothing.
        JsonNode first = json(post("/api/v1/orders", Fixture.keyA, limit("no-pg-1", "BUY", "6100.00", "0.0010")), 201);
        JsonNode retry = json(post("/api/v1/orders", Fixture.keyA, limit("no-pg-1", "BUY", "6100.00", "0.0010")), 201);
        assertThat(retry.get("orderId").asString()).isEqualTo(first.get("orderId").asString());
        claimedDuringOutage = Long.parseLong(first.get("orderId").asString());
        ACCEPTED_DURING_OUTAGE.add(claimedDuringOutage);
        // The bootstrap admin key needs no database.
        json(web.get().uri("/api/v1/markets/instruments").header("X-API-Key", ADMIN_KEY).exchange(), 200);

        // Every one of them reached the book; the ledger cannot write them yet.
        for (long orderId : ACCEPTED_DURING_OUTAGE) {
            reports().await(r -> r.orderId() == orderId && r.execType().equals("NEW"), "order " + orderId + " booked");
        }
    }

    @Test
    @Order(3)
    void oncePostgresqlIsBackTheLedgerHasProjectedEveryOrderAcceptedDuringTheOutage() throws Exception {
        Infrastructure.startPostgres();

        // Nothing lost: every order of account A the pipeline ever reported, outage ones included, is in
        // PostgreSQL, in its latest state (NEW: resting, as matching last reported it).
        Set<Long> reported = accountOrders(Fixture.ACCOUNT_A);
        assertThat(reported).containsAll(ACCEPTED_DURING_OUTAGE);
        awaitProjected(reported, "the ledger caught up after the outage");
        String ids = ACCEPTED_DURING_OUTAGE.stream().map(String::valueOf).collect(Collectors.joining(","));
        List<String> statuses = db.sql("SELECT status FROM orders WHERE order_id IN (" + ids + ")")
                .map(r -> r.get(0, String.class)).all().collectList().block();
        assertThat(statuses).hasSize(ACCEPTED_DURING_OUTAGE.size()).containsOnly("NEW");
        Long events = db.sql("SELECT count(*) FROM order_events WHERE order_id IN (" + ids + ")")
                .map(r -> r.get(0, Long.class)).one().block();
        assertThat(events).as("the accepted order's PENDING_NEW and matching's NEW, once each")
                .isEqualTo(2L * ACCEPTED_DURING_OUTAGE.size());

        // And the gateway's queries answer again (after the circuit breaker lets calls through), from the ledger.
        awaitTrue(() -> get("/api/v1/orders/" + claimedDuringOutage, Fixture.keyA).returnResult(String.class)
                .getStatus().value() == 200, "queries answer 200 again");
        JsonNode order = json(get("/api/v1/orders/" + claimedDuringOutage, Fixture.keyA), 200);
        assertThat(order.get("status").asString()).isEqualTo("NEW");
        assertThat(order.get("clientOrderId").asString()).isEqualTo("no-pg-1");
    }

    private Set<Long> accountOrders(long account) {
        return reports().all(r -> r.accountId() == account).stream().map(ExecutionReportMessage::orderId)
                .collect(Collectors.toSet());
    }

    /** Waits until the ledger has a row for every one of the orders. */
    private void awaitProjected(Set<Long> orderIds, String what) throws InterruptedException {
        assertThat(orderIds).isNotEmpty();
        String ids = orderIds.stream().map(String::valueOf).collect(Collectors.joining(","));
        awaitTrue(() -> {
            Long rows = db.sql("SELECT count(*) FROM orders WHERE order_id IN (" + ids + ")")
                    .map(r -> r.get(0, Long.class)).one().block(Duration.ofSeconds(5));
            return rows != null && rows == orderIds.size();
        }, what + " (" + orderIds.size() + " orders)");
    }

    /** Polls for up to a minute; a failing check counts as not yet (the test's own pool may be reconnecting). */
    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting: " + what, last);
    }
}
