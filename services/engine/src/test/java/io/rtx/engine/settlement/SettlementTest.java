package io.rtx.engine.settlement;

import static io.rtx.engine.order.Side.BUY;
import static io.rtx.engine.order.Side.SELL;
import static io.rtx.engine.testing.Orders.SYMBOL;
import static io.rtx.engine.testing.Orders.gtc;
import static org.assertj.core.api.Assertions.assertThat;

import io.rtx.engine.order.AmendPrice;
import io.rtx.engine.order.CancelOrder;
import io.rtx.engine.order.ReduceQuantity;
import io.rtx.engine.risk.Account;
import io.rtx.engine.risk.Balance;
import io.rtx.engine.risk.RiskConfiguration;
import io.rtx.engine.testing.Instruments;
import io.rtx.engine.testing.SimulatedExchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SettlementTest {

    private static final long USD = 100_000_000L;
    private static final long BTC = 100_000_000L;

    private SimulatedExchange exchange;
    private Account buyer;
    private Account seller;

    @BeforeEach
    void fund() {
        exchange = new SimulatedExchange(Instruments.BTC_USD, RiskConfiguration.DEFAULT);
        buyer = exchange.open(1, 0, 100_000 * USD);
        seller = exchange.open(2, 10 * BTC, 0);
    }

    @Test
    void aFillMovesBothAssetsChargesMakerAndTakerFeesAndReleasesThePriceImprovement() {
        exchange.submit(gtc(10, 2, SELL, 10_000_00, 5_000));  // 0.5 BTC at 10,000.00, maker
        exchange.submit(gtc(11, 1, BUY, 10_100_00, 5_000));   // limit 10,100.00, taker, fills at 10,000.00

        // Buyer: 5,000 USD notional + 20 bps (10 USD); the 50 USD improvement and unused fee hold come back.
        assertThat(buyer.balance("USD")).isEqualTo(new Balance("USD", (100_000 - 5_010) * USD, 0));
        assertThat(buyer.balance("BTC")).isEqualTo(new Balance("BTC", BTC / 2, 0));
        // Seller: 0.5 BTC out, 5,000 USD in less 10 bps (5 USD).
        assertThat(seller.balance("BTC")).isEqualTo(new Balance("BTC", 10 * BTC - BTC / 2, 0));
        assertThat(seller.balance("USD")).isEqualTo(new Balance("USD", 4_995 * USD, 0));
        assertThat(exchange.fees.balance("USD").available()).isEqualTo(15 * USD);
        assertThat(buyer.openOrders()).isEmpty();
        assertThat(seller.openOrders()).isEmpty();
        assertConserved();
    }

    @Test
    void aRestingRemainderHoldsExactlyWhatItStillNeeds() {
        exchange.submit(gtc(10, 2, SELL, 10_000_00, 2_000));
        exchange.submit(gtc(11, 1, BUY, 10_100_00, 5_000));

        // 0.3 BTC still open at 10,100.00: 3,030 USD + 20 bps ceil (6.06 USD).
        long needed = 3_030 * USD + 606 * USD / 100;
        assertThat(buyer.balance("USD").reserved()).isEqualTo(needed);
        assertThat(buyer.openOrder(11).reserved()).isEqualTo(needed);
        assertThat(buyer.openOrder(11).leavesQuantity()).isEqualTo(3_000);
        assertConserved();
    }

    @Test
    void cancelReleasesEverythingHeld() {
        exchange.submit(gtc(11, 1, BUY, 10_000_00, 5_000));
        exchange.submit(new CancelOrder(11, 1, SYMBOL, 20));

        assertThat(buyer.balance("USD")).isEqualTo(new Balance("USD", 100_000 * USD, 0));
        assertThat(buyer.openOrders()).isEmpty();
    }

    @Test
    void reduceReleasesTheCutQuantity() {
        exchange.submit(gtc(10, 2, SELL, 10_000_00, 5_000));
        exchange.submit(new ReduceQuantity(10, 2, SYMBOL, 1_000, 20));

        assertThat(seller.balance("BTC").reserved()).isEqualTo(BTC / 10);
    }

    @Test
    void amendDownReleasesAfterTheBookConfirmsIt() {
        exchange.submit(gtc(11, 1, BUY, 10_000_00, 1_000));
        exchange.submit(new AmendPrice(11, 1, SYMBOL, 9_000_00, 20));

        assertThat(buyer.balance("USD").reserved()).isEqualTo(900 * USD + 180 * USD / 100);
        assertThat(buyer.openOrder(11).pendingPrice()).isZero();
    }

    @Test
    void anAmendRefusedByTheBookReturnsTheExtraHold() {
        exchange.submit(gtc(10, 2, SELL, 10_000_00, 1_000));
        exchange.submit(io.rtx.engine.testing.Orders.postOnly(11, 1, BUY, 9_000_00, 1_000));
        long held = buyer.balance("USD").reserved();

        // Risk holds for the higher price, then the book refuses: a post-only order may not take.
        exchange.submit(new AmendPrice(11, 1, SYMBOL, 10_000_00, 30));

        assertThat(exchange.reports.get(exchange.reports.size() - 1).reason())
                .isEqualTo(io.rtx.engine.order.ReasonCode.POST_ONLY_WOULD_TAKE);
        assertThat(buyer.balance("USD").reserved()).isEqualTo(held);
        assertThat(buyer.openOrder(11).pendingPrice()).isZero();
        assertConserved();
    }

    private void assertConserved() {
        assertThat(exchange.total("USD")).isEqualTo(100_000 * USD);
        assertThat(exchange.total("BTC")).isEqualTo(10 * BTC);
    }
}
