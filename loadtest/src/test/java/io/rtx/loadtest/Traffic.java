package io.rtx.loadtest;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.onCase;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.sse;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.function.Function;

/**
 * The traffic every suite is made of.
 *
 * <ul>
 *   <li><b>trader</b> (one arrival = one new order): places a limit order near the touch and, when it
 *       rests, usually cancels, amends or reduces it a moment later; sometimes reads it back.</li>
 *   <li><b>reader</b>: one GET of a book (which also steers the traders' reference price), balances,
 *       own orders, own trades, market trades or ticker.</li>
 *   <li><b>subscriber</b>: a long-lived Server-Sent Events stream that must deliver its first event.</li>
 * </ul>
 *
 * Counting: placement answers 201 (accepted), 202 (no decision within the ack timeout) and 422 (risk
 * rejected: a business outcome) all count as OK; anything else (400, 404, 409, 429, 5xx, timeouts) is a
 * failed request. Cancel, amend and reduce answer 202; the orders they name may have traded meanwhile,
 * which the engine reports (not the HTTP answer).
 */
final class Traffic {

    static final String PLACE = "place order";

    private Traffic() {
    }

    static HttpProtocolBuilder protocol() {
        return http.baseUrl(Settings.BASE_URL)
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .userAgentHeader("rtx-loadtest (Gatling)")
                // Clients of a trading API keep connections open: one shared keep-alive pool, not a
                // new TCP connection per arriving virtual user.
                .shareConnections();
    }

    /** Places one order; {@code name} names the request in the report (the stress suite adds the step). */
    static ChainBuilder place(Function<Session, String> name) {
        return exec(session -> session.removeAll("orderId", "placeStatus", "orderStatus").setAll(Market.newOrder()))
                .exec(http(name).post("/api/v1/orders")
                        .header("X-API-Key", "#{apiKey}")
                        .body(StringBody("#{orderJson}"))
                        .check(status().in(201, 202, 422).saveAs("placeStatus"),
                                jsonPath("$.orderId").optional().saveAs("orderId"),
                                jsonPath("$.status").optional().saveAs("orderStatus")))
                .exec(OrderLog::record);
    }

    static final ChainBuilder CANCEL = exec(http("cancel order").delete("/api/v1/orders/#{orderId}")
            .header("X-API-Key", "#{apiKey}")
            .check(status().is(202)));

    static final ChainBuilder AMEND = exec(session -> session.set("newPrice",
            Market.amendPrice(session.getString("symbol"), session.getString("side"))))
            .exec(http("amend price").patch("/api/v1/orders/#{orderId}/price")
                    .header("X-API-Key", "#{apiKey}")
                    .body(StringBody("{\"price\":\"#{newPrice}\"}"))
                    .check(status().is(202)));

    static final ChainBuilder REDUCE = exec(session -> session.set("newQuantity",
            Market.reducedQuantity(session.getString("symbol"), session.getInt("lots"))))
            .exec(http("reduce quantity").patch("/api/v1/orders/#{orderId}/quantity")
                    .header("X-API-Key", "#{apiKey}")
                    .body(StringBody("{\"quantity\":\"#{newQuantity}\"}"))
                    .check(status().is(202)));

    /** Reading one's own order by id: 404 until the ledger has projected it (asynchronous by design). */
    static final ChainBuilder GET_ORDER = exec(http("get order").get("/api/v1/orders/#{orderId}")
            .header("X-API-Key", "#{apiKey}")
            .check(status().in(200, 404)));

    /** What a trader does after placing: only resting (201, not IOC) orders are modified. */
    static final ChainBuilder FOLLOW_UP = doIf(session -> session.contains("orderId")
            && session.getInt("placeStatus") == 201 && !"IOC".equals(session.getString("tif"))).then(
            pause(Duration.ofMillis(50), Duration.ofMillis(500)),
            randomSwitch().on(
                    percent(45.0).then(CANCEL),
                    percent(15.0).then(AMEND, pause(Duration.ofMillis(50), Duration.ofMillis(500)),
                            randomSwitch().on(percent(50.0).then(CANCEL))),
                    percent(10.0).then(REDUCE),
                    percent(10.0).then(pause(Duration.ofSeconds(1), Duration.ofSeconds(2)), GET_ORDER)));
    // the remaining 20% stay in the book (GTC until filled; GTD until they expire)

    static ScenarioBuilder traders(Accounts accounts, Function<Session, String> placeName) {
        return scenario("traders").feed(accounts.feeder()).exec(place(placeName)).exec(FOLLOW_UP);
    }

    static ChainBuilder book(String symbol) {
        return exec(http("get book " + symbol).get("/api/v1/markets/" + symbol + "/book")
                .header("X-API-Key", "#{apiKey}")
                .check(status().is(200),
                        jsonPath("$.bids[0].price").optional().saveAs("bestBid"),
                        jsonPath("$.asks[0].price").optional().saveAs("bestAsk")))
                .exec(session -> {
                    Market.observe(symbol, session.contains("bestBid") ? session.getString("bestBid") : null,
                            session.contains("bestAsk") ? session.getString("bestAsk") : null);
                    return session;
                });
    }

    static ChainBuilder get(String name, String path) {
        return exec(http(name).get(path).header("X-API-Key", "#{apiKey}").check(status().is(200)));
    }

    static ScenarioBuilder readers(Accounts accounts) {
        return scenario("readers").feed(accounts.feeder()).exec(randomSwitch().on(
                percent(15.0).then(book(Market.BTC.symbol())),
                percent(15.0).then(book(Market.ETH.symbol())),
                percent(20.0).then(get("get balances", "/api/v1/accounts/me/balances")),
                percent(20.0).then(get("list orders", "/api/v1/orders?size=20")),
                percent(10.0).then(get("get my trades", "/api/v1/accounts/me/trades?limit=20")),
                percent(10.0).then(get("get market trades", "/api/v1/markets/BTC-USD/trades?limit=50")),
                percent(10.0).then(get("get ticker", "/api/v1/markets/ETH-USD/ticker"))));
    }

    /**
     * SSE subscribers: user i subscribes to execution reports (of its account), BTC-USD trades or ETH-USD
     * book updates in turn, must receive the first event within 30 s, stays connected for
     * {@code hold}, then closes.
     */
    static ScenarioBuilder subscribers(Accounts accounts, Duration hold) {
        return scenario("subscribers").feed(accounts.feeder())
                .exec(session -> session.set("stream", Long.toString(session.userId() % 3)))
                .doSwitch("#{stream}").on(
                        onCase("0").then(subscribe("execution reports",
                                "/api/v1/streams/execution-reports", "execution-report", hold)),
                        onCase("1").then(subscribe("BTC-USD trades",
                                "/api/v1/streams/markets/BTC-USD/trades", "trade", hold)),
                        onCase("2").then(subscribe("ETH-USD book",
                                "/api/v1/streams/markets/ETH-USD/book", "book-update", hold)));
    }

    static ChainBuilder subscribe(String what, String path, String event, Duration hold) {
        String streamName = "sse " + what;
        return exec(sse("sse connect " + what, streamName).get(path)
                .header("X-API-Key", "#{apiKey}")
                .await(Duration.ofSeconds(30)).on(
                        sse.checkMessage("first " + event).matching(substring("\"" + event + "\""))
                                .check(substring("\"" + event + "\""))))
                .pause(hold)
                .exec(sse("sse close " + what, streamName).close());
    }
}
