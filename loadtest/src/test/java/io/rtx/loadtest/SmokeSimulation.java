package io.rtx.loadtest;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * Seconds long: every endpoint a trader uses, once, in a story that must trade. Trader A (the first
 * account of the file) offers BTC, reads the order back, amends and reduces it; trader B takes it with
 * an IOC; A places and cancels another order; both trade ETH; then every read endpoint. Meanwhile three
 * SSE subscribers (A's execution reports, BTC-USD trades, ETH-USD book updates) must each receive an
 * event. Fails on any failed request or check.
 */
public class SmokeSimulation extends Simulation {

    private final Accounts accounts = Accounts.load(Settings.ACCOUNTS_FILE);
    private final Accounts.Account a = accounts.get(0);
    private final Accounts.Account b = accounts.get(1);

    private Session as(Session session, Accounts.Account account) {
        return session.set("apiKey", account.apiKey()).set("accountId", account.accountId());
    }

    /** Places an order built from the session's side/symbol/tif/price/quantity; 201 expected. */
    private static ChainBuilder order(String symbol, String side, String tif, String quantity,
                                      long offsetSteps) {
        return exec(session -> {
            Market.Instrument instrument = Market.instrument(symbol);
            long price = Market.reference(symbol) + offsetSteps * instrument.stepCents();
            String clientOrderId = Market.nextClientOrderId();
            String json = "{\"clientOrderId\":\"" + clientOrderId + "\",\"symbol\":\"" + symbol + "\",\"side\":\""
                    + side + "\",\"type\":\"LIMIT\",\"timeInForce\":\"" + tif + "\",\"price\":\"" + Market.cents(price)
                    + "\",\"quantity\":\"" + quantity + "\"}";
            return session.removeAll("orderId", "placeStatus").set("orderJson", json).set("symbol", symbol)
                    .set("side", side).set("clientOrderId", clientOrderId);
        }).exec(http(Traffic.PLACE).post("/api/v1/orders")
                .header("X-API-Key", "#{apiKey}")
                .body(StringBody("#{orderJson}"))
                .check(status().is(201).saveAs("placeStatus"), jsonPath("$.orderId").saveAs("orderId"),
                        jsonPath("$.status").in("PENDING_NEW", "NEW", "PARTIALLY_FILLED", "FILLED", "CANCELED")))
                .exec(OrderLog::record);
    }

    private final ChainBuilder readBack = exec(session -> session.set("readStatus", 0).set("reads", 0))
            .asLongAs(session -> session.getInt("readStatus") != 200 && session.getInt("reads") < 40).on(
                    pause(Duration.ofMillis(250)),
                    exec(http("get order").get("/api/v1/orders/#{orderId}").header("X-API-Key", "#{apiKey}")
                            .check(status().in(200, 404).saveAs("readStatus")))
                            .exec(session -> session.set("reads", session.getInt("reads") + 1)))
            .exec(session -> {
                if (session.getInt("readStatus") != 200) {
                    System.out.println("rtx-loadtest: order " + session.getString("orderId")
                            + " never became readable (ledger lag > 10 s)");
                    return session.markAsFailed();
                }
                return session;
            });

    private final ScenarioBuilder tour = scenario("smoke tour")
            .exec(session -> as(session, a))
            .exec(http("health").get("/health").check(status().is(200)))
            .exec(Traffic.get("list instruments", "/api/v1/markets/instruments"))
            .exec(Traffic.get("get instrument", "/api/v1/markets/instruments/BTC-USD"))
            .exec(Traffic.get("openapi", "/v3/api-docs"))
            .exec(Traffic.book(Market.BTC.symbol()))
            .exec(Traffic.book(Market.ETH.symbol()))
            // A offers 0.0020 BTC at the reference, reads it back, amends it one step up and reduces it to 0.0010.
            .exec(order("BTC-USD", "SELL", "GTC", "0.0020", 0))
            .exec(readBack)
            .exec(session -> session.set("newPrice", Market.cents(Market.reference("BTC-USD") + Market.BTC.stepCents())))
            .exec(http("amend price").patch("/api/v1/orders/#{orderId}/price").header("X-API-Key", "#{apiKey}")
                    .body(StringBody("{\"price\":\"#{newPrice}\"}")).check(status().is(202)))
            .exec(http("reduce quantity").patch("/api/v1/orders/#{orderId}/quantity").header("X-API-Key", "#{apiKey}")
                    .body(StringBody("{\"quantity\":\"0.0010\"}")).check(status().is(202)))
            .pause(Duration.ofSeconds(1))
            // B takes it (and anything cheaper) with an IOC 10 steps through.
            .exec(session -> as(session, b))
            .exec(order("BTC-USD", "BUY", "IOC", "0.0010", 10))
            // A places far from the touch and cancels.
            .exec(session -> as(session, a))
            .exec(order("BTC-USD", "SELL", "GTC", "0.0010", 400))
            .exec(http("cancel order").delete("/api/v1/orders/#{orderId}").header("X-API-Key", "#{apiKey}")
                    .check(status().is(202)))
            // ETH: B bids, A hits it.
            .exec(session -> as(session, b))
            .exec(order("ETH-USD", "BUY", "GTC", "0.010", -10))
            .exec(session -> as(session, a))
            .exec(order("ETH-USD", "SELL", "IOC", "0.010", -20))
            .pause(Duration.ofSeconds(1))
            .exec(Traffic.get("list orders", "/api/v1/orders?size=20"))
            .exec(Traffic.get("get balances", "/api/v1/accounts/me/balances"))
            .exec(Traffic.get("get my trades", "/api/v1/accounts/me/trades?limit=20"))
            .exec(Traffic.get("get market trades", "/api/v1/markets/BTC-USD/trades?limit=20"))
            .exec(Traffic.get("get candles", "/api/v1/markets/BTC-USD/candles?interval=1m"))
            .exec(Traffic.get("get ticker", "/api/v1/markets/BTC-USD/ticker"))
            .exec(Traffic.book(Market.BTC.symbol()));

    private ScenarioBuilder subscriber(String what, String path, String event) {
        return scenario("subscriber " + what).exec(session -> as(session, a))
                .exec(Traffic.subscribe(what, path, event, Duration.ofSeconds(1)));
    }

    {
        setUp(
                subscriber("execution reports", "/api/v1/streams/execution-reports", "execution-report")
                        .injectOpen(atOnceUsers(1)),
                subscriber("BTC-USD trades", "/api/v1/streams/markets/BTC-USD/trades", "trade").injectOpen(atOnceUsers(1)),
                subscriber("ETH-USD book", "/api/v1/streams/markets/ETH-USD/book", "book-update").injectOpen(atOnceUsers(1)),
                // Give the streams 2 s to subscribe: they carry only what happens after subscription.
                tour.injectOpen(nothingFor(Duration.ofSeconds(2)), atOnceUsers(1)))
                .protocols(Traffic.protocol())
                .maxDuration(Duration.ofMinutes(3))
                .assertions(global().failedRequests().count().is(0L));
    }

    @Override
    public void after() {
        OrderLog.write(Settings.ORDERS_FILE);
    }
}
