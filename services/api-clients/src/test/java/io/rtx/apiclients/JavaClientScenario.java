package io.rtx.apiclients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.rtx.client.ApiClient;
import io.rtx.client.ApiException;
import io.rtx.client.api.AccountApi;
import io.rtx.client.api.MarketsApi;
import io.rtx.client.api.OrdersApi;
import io.rtx.client.model.AmendPriceRequest;
import io.rtx.client.model.Level;
import io.rtx.client.model.OrderPending;
import io.rtx.client.model.OrderView;
import io.rtx.client.model.PlaceOrderRequest;
import io.rtx.client.model.Problem;
import io.rtx.client.model.ReduceQuantityRequest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * What services/api-clients/src/test/ts/scenario.ts does too, step for step: A offers 0.5 BTC at 30,000.00, B
 * buys 0.2 at 30,010.00 and trades at A's price; A amends, reduces and cancels the rest; both read orders,
 * trades, balances and the book; a bad price and an unknown order surface as problems.
 */
final class JavaClientScenario {

    private static final String SYMBOL = "BTC-USD";
    /** The ledger projects reports into PostgreSQL and Redis shortly after they happen. */
    private static final Duration PROJECTED_WITHIN = Duration.ofSeconds(60);

    private final ApiClient clientA;
    private final OrdersApi ordersA;
    private final OrdersApi ordersB;
    private final AccountApi accountB;
    private final MarketsApi markets;

    JavaClientScenario(ApiClient a, ApiClient b) {
        this.clientA = a;
        this.ordersA = new OrdersApi(a);
        this.ordersB = new OrdersApi(b);
        this.accountB = new AccountApi(b);
        this.markets = new MarketsApi(a);
    }

    void run() throws Exception {
        OrderView sell = ordersA.placeOrder(limit("java-a-1", PlaceOrderRequest.SideEnum.SELL, "30000.00", "0.5"));
        assertThat(sell.getStatus()).isIn("PENDING_NEW", "PENDING");
        String orderId = sell.getOrderId();
        OrderView buy = ordersB.placeOrder(limit("java-b-1", PlaceOrderRequest.SideEnum.BUY, "30010.00", "0.2"));
        assertThat(buy.getStatus()).isIn("PENDING_NEW", "PENDING");

        eventually(() -> accountB.listMyTrades(SYMBOL, null, null), trades -> {
            assertThat(trades).hasSize(1);
            assertThat(decimal(trades.get(0).getPrice())).isEqualByComparingTo("30000.00");
            assertThat(decimal(trades.get(0).getQuantity())).isEqualByComparingTo("0.2");
        });
        eventually(() -> ordersA.getOrder(orderId), order -> {
            assertThat(order.getStatus()).isEqualTo("PARTIALLY_FILLED");
            assertThat(decimal(order.getFilledQuantity())).isEqualByComparingTo("0.2");
        });
        assertThat(ordersA.listOrders(SYMBOL, null, null, null).getItems()).extracting(OrderView::getOrderId)
                .contains(orderId);

        accepted(ordersA.amendOrderPrice(orderId, new AmendPriceRequest().price("30001.00")), "AMEND_PRICE");
        eventually(() -> ordersA.getOrder(orderId),
                order -> assertThat(decimal(order.getPrice())).isEqualByComparingTo("30001.00"));
        accepted(ordersA.reduceOrderQuantity(orderId, new ReduceQuantityRequest().quantity("0.4")), "REDUCE_QUANTITY");
        eventually(() -> ordersA.getOrder(orderId), order -> {
            assertThat(decimal(order.getQuantity())).isEqualByComparingTo("0.4");
            assertThat(decimal(order.getLeavesQuantity())).isEqualByComparingTo("0.2");
        });
        eventually(() -> markets.getBook(SYMBOL, null).getAsks(), asks -> {
            assertThat(asks).hasSize(1);
            Level best = asks.get(0);
            assertThat(decimal(best.getPrice())).isEqualByComparingTo("30001.00");
            assertThat(decimal(best.getQuantity())).isEqualByComparingTo("0.2");
        });
        // 1,000,000 USD - 6,000 - 12 (20 bps taker fee); 10 + 0.2 BTC.
        eventually(() -> accountB.getBalances().getBalances(), balances -> assertThat(balances).anySatisfy(balance -> {
            assertThat(balance.getAsset()).isEqualTo("USD");
            assertThat(decimal(balance.getAvailable())).isEqualByComparingTo("993988");
        }).anySatisfy(balance -> {
            assertThat(balance.getAsset()).isEqualTo("BTC");
            assertThat(decimal(balance.getAvailable())).isEqualByComparingTo("10.2");
        }));

        accepted(ordersA.cancelOrder(orderId), "CANCEL");
        eventually(() -> ordersA.getOrder(orderId), order -> assertThat(order.getStatus()).isEqualTo("CANCELED"));
        eventually(() -> markets.getBook(SYMBOL, null).getAsks(), asks -> assertThat(asks).isEmpty());

        Problem badPrice = problem(() -> ordersA.placeOrder(limit(null, PlaceOrderRequest.SideEnum.BUY, "100.001", "0.1")));
        assertThat(badPrice.getStatus()).isEqualTo(400);
        assertThat(badPrice.getType()).hasToString("urn:rtx:problem:invalid-request");
        assertThat(badPrice.getField()).isEqualTo("price");
        Problem unknown = problem(() -> ordersA.getOrder("1"));
        assertThat(unknown.getStatus()).isEqualTo(404);
        assertThat(unknown.getType()).hasToString("urn:rtx:problem:not-found");
    }

    private static PlaceOrderRequest limit(String clientOrderId, PlaceOrderRequest.SideEnum side, String price,
                                           String quantity) {
        return new PlaceOrderRequest().clientOrderId(clientOrderId).symbol(SYMBOL).side(side)
                .type(PlaceOrderRequest.TypeEnum.LIMIT).timeInForce(PlaceOrderRequest.TimeInForceEnum.GTC)
                .price(price).quantity(quantity);
    }

    private static void accepted(OrderPending pending, String kind) {
        assertThat(pending.getStatus()).isEqualTo("PENDING");
        assertThat(pending.getKind()).isEqualTo(kind);
    }

    /** A 4xx as the client surfaces it: an ApiException whose body is the problem. */
    private Problem problem(Call call) throws Exception {
        ApiException error = catchThrowableOfType(ApiException.class, call::run);
        assertThat(error).as("an error answer").isNotNull();
        assertThat(error.getResponseHeaders().firstValue("Content-Type")).hasValue("application/problem+json");
        return clientA.getObjectMapper().readValue(error.getResponseBody(), Problem.class);
    }

    /** Reads until the projection shows the outcome (a 404 before the ledger has the order counts as not yet). */
    private static <T> void eventually(Read<T> read, Consumer<T> outcome) {
        await().atMost(PROJECTED_WITHIN).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .untilAsserted(() -> outcome.accept(read.get()));
    }

    private static BigDecimal decimal(String value) {
        return new BigDecimal(value);
    }

    @FunctionalInterface
    private interface Read<T> {
        T get() throws ApiException;
    }

    @FunctionalInterface
    private interface Call {
        void run() throws ApiException;
    }
}
