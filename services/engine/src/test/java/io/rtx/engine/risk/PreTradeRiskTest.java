package io.rtx.engine.risk;

import static io.rtx.engine.order.Side.BUY;
import static io.rtx.engine.order.Side.SELL;
import static io.rtx.engine.testing.Orders.SYMBOL;
import static io.rtx.engine.testing.Orders.gtc;
import static io.rtx.engine.testing.Orders.market;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.order.AmendPrice;
import io.rtx.engine.order.CancelOrder;
import io.rtx.engine.order.OrderType;
import io.rtx.engine.order.PlaceOrder;
import io.rtx.engine.order.ReasonCode;
import io.rtx.engine.order.ReduceQuantity;
import io.rtx.engine.order.TimeInForce;
import io.rtx.engine.testing.Instruments;
import org.junit.jupiter.api.Test;

class PreTradeRiskTest {

    private static final Instrument BTC_USD = Instruments.BTC_USD;
    private static final long USD = 100_000_000L;
    private static final long REFERENCE = 10_000_00; // 10,000.00 USD

    private final PreTradeRisk risk = new PreTradeRisk(new RiskConfiguration(2, 0));
    private final Account account = funded(1);

    private static Account funded(long id) {
        Account account = new Account(id);
        account.credit("USD", 1_000_000 * USD);
        account.credit("BTC", 10 * 100_000_000L);
        return account;
    }

    private ReasonCode reasonFor(PlaceOrder order) {
        return risk.place(order, account, BTC_USD, REFERENCE).reason();
    }

    @Test
    void acceptedBuyHoldsPriceTimesQuantityPlusTheLargestFee() {
        // 0.5 BTC at 10,000.00: 5,000 USD notional + 20 bps taker fee = 5,010 USD.
        RiskDecision decision = risk.place(gtc(1, 1, BUY, REFERENCE, 5_000), account, BTC_USD, REFERENCE);

        assertThat(decision.accepted()).isTrue();
        assertThat(account.balance("USD").reserved()).isEqualTo(5_010 * USD);
        assertThat(account.balance("USD").available()).isEqualTo((1_000_000 - 5_010) * USD);
        assertThat(account.openOrder(1).reserved()).isEqualTo(5_010 * USD);
    }

    @Test
    void acceptedSellHoldsTheBaseQuantity() {
        risk.place(gtc(1, 1, SELL, REFERENCE, 5_000), account, BTC_USD, REFERENCE);

        assertThat(account.balance("BTC").reserved()).isEqualTo(50_000_000L);
    }

    @Test
    void marketBuyHoldsAtItsProtectionPriceAndCarriesItToTheBook() {
        RiskDecision decision = risk.place(market(1, 1, BUY, 0, 1_000, TimeInForce.IOC), account, BTC_USD, REFERENCE);

        assertThat(decision.accepted()).isTrue();
        PlaceOrder forwarded = (PlaceOrder) decision.command();
        assertThat(forwarded.price()).isEqualTo(11_000_00); // +10% band
        assertThat(account.balance("USD").reserved()).isEqualTo(1_100 * USD + 2_20 * USD / 100);
    }

    @Test
    void protectionPriceOfASellIsTheLowerBandEdgeOnTheTick() {
        assertThat(PreTradeRisk.protectionPrice(BTC_USD, SELL, REFERENCE)).isEqualTo(9_000_00);
        assertThat(PreTradeRisk.protectionPrice(BTC_USD, BUY, 333)).isEqualTo(366);
        assertThat(PreTradeRisk.protectionPrice(BTC_USD, SELL, 333)).isEqualTo(300);
    }

    @Test
    void eachCheckHasItsOwnReasonInTheDocumentedOrder() {
        assertThat(risk.place(gtc(1, 9, BUY, REFERENCE, 10), null, BTC_USD, REFERENCE).reason())
                .isEqualTo(ReasonCode.UNKNOWN_ACCOUNT);
        assertThat(risk.place(gtc(1, 1, BUY, REFERENCE, 10), account, null, REFERENCE).reason())
                .isEqualTo(ReasonCode.UNKNOWN_INSTRUMENT);
        assertThat(reasonFor(new PlaceOrder(1, "c", 1, SYMBOL, BUY, OrderType.MARKET, TimeInForce.GTC, 0, false, 0, 10, 1)))
                .isEqualTo(ReasonCode.INVALID_ORDER);
        assertThat(reasonFor(new PlaceOrder(1, "c", 1, SYMBOL, BUY, OrderType.LIMIT, TimeInForce.GTD, 5, false,
                REFERENCE, 10, 10))).as("GTD already past its expiry").isEqualTo(ReasonCode.INVALID_ORDER);
        assertThat(reasonFor(new PlaceOrder(1, "c", 1, SYMBOL, BUY, OrderType.LIMIT, TimeInForce.IOC, 0, true,
                REFERENCE, 10, 10))).as("post-only IOC").isEqualTo(ReasonCode.INVALID_ORDER);
        assertThat(reasonFor(gtc(1, 1, BUY, REFERENCE, 15))).isEqualTo(ReasonCode.QUANTITY_NOT_ON_LOT);
        assertThat(reasonFor(gtc(1, 1, BUY, REFERENCE, 1_000_010))).isEqualTo(ReasonCode.QUANTITY_ABOVE_MAX);
        assertThat(reasonFor(gtc(1, 1, BUY, REFERENCE + 100_001, 10))).isEqualTo(ReasonCode.PRICE_OUTSIDE_BAND);
        assertThat(reasonFor(gtc(1, 1, BUY, REFERENCE - 100_001, 10))).isEqualTo(ReasonCode.PRICE_OUTSIDE_BAND);
        assertThat(reasonFor(gtc(1, 1, BUY, REFERENCE + 100_000, 10))).as("band edge is inside").isNull();
        assertThat(risk.place(market(2, 1, SELL, 0, 10, TimeInForce.IOC), account, BTC_USD, 0).reason())
                .as("no trade yet and a definition without a reference price").isEqualTo(ReasonCode.NO_REFERENCE_PRICE);
    }

    @Test
    void beforeItsFirstTradeAnInstrumentIsBandedAroundItsDefinedReferencePrice() {
        Instrument referenced = Instruments.btcUsdReferencedAt(REFERENCE);
        long noTradeYet = 0;

        assertThat(risk.place(gtc(1, 1, BUY, 2 * REFERENCE, 10), account, referenced, noTradeYet).reason())
                .isEqualTo(ReasonCode.PRICE_OUTSIDE_BAND);
        assertThat(risk.place(gtc(2, 1, SELL, REFERENCE / 2, 10), account, referenced, noTradeYet).reason())
                .isEqualTo(ReasonCode.PRICE_OUTSIDE_BAND);
        RiskDecision market = risk.place(market(3, 1, BUY, 0, 10, TimeInForce.IOC), account, referenced, noTradeYet);
        assertThat(((PlaceOrder) market.command()).price()).as("protection at the reference's band edge")
                .isEqualTo(11_000_00);
        assertThat(risk.place(gtc(4, 1, BUY, REFERENCE + 100_000, 10), account, referenced, noTradeYet).accepted())
                .as("band edge is inside").isTrue();
    }

    @Test
    void onceTradedTheLastTradeIsTheReferenceNotTheDefinition() {
        Instrument referenced = Instruments.btcUsdReferencedAt(REFERENCE);
        long lastTrade = 2 * REFERENCE;

        assertThat(risk.place(gtc(1, 1, BUY, REFERENCE, 10), account, referenced, lastTrade).reason())
                .isEqualTo(ReasonCode.PRICE_OUTSIDE_BAND);
        assertThat(risk.place(gtc(2, 1, BUY, lastTrade, 10), account, referenced, lastTrade).accepted()).isTrue();
        assertThat(risk.amendPrice(new AmendPrice(2, 1, SYMBOL, REFERENCE, 3), account, referenced, lastTrade).reason())
                .isEqualTo(ReasonCode.PRICE_OUTSIDE_BAND);
    }

    @Test
    void aReferencePriceIsOnTheTickAndNeverNegative() {
        assertThatThrownBy(() -> new Instrument("BTC-USD", Instruments.BTC, Instruments.USD, 2, 4, 50, 10, 100,
                1_000_000, 1_000, 10_025, 10_000_000L * USD, 10, 20, null)).hasMessageContaining("referencePrice");
        assertThatThrownBy(() -> Instruments.btcUsdReferencedAt(-1)).hasMessageContaining("referencePrice");
    }

    @Test
    void tickAndMinimumQuantity() {
        Instrument coarse = new Instrument("BTC-USD", Instruments.BTC, Instruments.USD, 2, 4, 50, 10, 100, 1_000_000,
                1_000, 0, 10_000_000L * USD, 10, 20, null);

        assertThat(risk.place(gtc(1, 1, BUY, REFERENCE + 25, 100), account, coarse, REFERENCE).reason())
                .isEqualTo(ReasonCode.PRICE_NOT_ON_TICK);
        assertThat(risk.place(gtc(1, 1, BUY, REFERENCE, 90), account, coarse, REFERENCE).reason())
                .isEqualTo(ReasonCode.QUANTITY_BELOW_MIN);
    }

    @Test
    void suspendedAccountMayNotAddRiskButMayCancel() {
        risk.place(gtc(1, 1, BUY, REFERENCE, 10), account, BTC_USD, REFERENCE);

        assertThat(account.suspend()).extracting(OpenOrder::orderId).containsExactly(1L);
        assertThat(reasonFor(gtc(2, 1, BUY, REFERENCE, 10))).isEqualTo(ReasonCode.ACCOUNT_SUSPENDED);
        assertThat(risk.cancel(new CancelOrder(1, 1, SYMBOL, 3), account).accepted()).isTrue();
        account.resume();
        assertThat(reasonFor(gtc(2, 1, BUY, REFERENCE, 10))).isNull();
    }

    @Test
    void notionalCapOpenOrderCapAndBalance() {
        Instrument capped = new Instrument("BTC-USD", Instruments.BTC, Instruments.USD, 2, 4, 1, 10, 10, 1_000_000,
                1_000, 0, 1_000 * USD, 10, 20, null);
        assertThat(risk.place(gtc(1, 1, BUY, REFERENCE, 1_010), account, capped, REFERENCE).reason())
                .isEqualTo(ReasonCode.NOTIONAL_ABOVE_CAP);

        Account poor = new Account(7);
        poor.credit("USD", 100 * USD);
        assertThat(risk.place(gtc(1, 7, BUY, REFERENCE, 100), poor, BTC_USD, REFERENCE).reason())
                .as("1,000 USD + fee with 100 USD available").isEqualTo(ReasonCode.INSUFFICIENT_BALANCE);
        assertThat(poor.balance("USD").reserved()).isZero();

        assertThat(reasonFor(gtc(1, 1, BUY, REFERENCE, 10))).isNull();
        assertThat(reasonFor(gtc(1, 1, BUY, REFERENCE, 10))).isEqualTo(ReasonCode.DUPLICATE_ORDER_ID);
        assertThat(reasonFor(gtc(2, 1, BUY, REFERENCE, 10))).isNull();
        assertThat(reasonFor(gtc(3, 1, BUY, REFERENCE, 10))).isEqualTo(ReasonCode.OPEN_ORDER_LIMIT);
    }

    @Test
    void upwardBuyAmendHoldsTheDifferenceAndOnlyOneMayBeInFlight() {
        risk.place(gtc(1, 1, BUY, REFERENCE, 1_000), account, BTC_USD, REFERENCE);
        long before = account.balance("USD").reserved();

        assertThat(risk.amendPrice(new AmendPrice(1, 1, SYMBOL, REFERENCE + 1_000_00, 2), account, BTC_USD, REFERENCE)
                .accepted()).isTrue();
        assertThat(account.balance("USD").reserved()).isEqualTo(before + 100 * USD + 20 * USD / 100);
        assertThat(risk.amendPrice(new AmendPrice(1, 1, SYMBOL, REFERENCE, 3), account, BTC_USD, REFERENCE).reason())
                .isEqualTo(ReasonCode.AMEND_PENDING);
        assertThat(risk.amendPrice(new AmendPrice(9, 1, SYMBOL, REFERENCE, 3), account, BTC_USD, REFERENCE).reason())
                .isEqualTo(ReasonCode.UNKNOWN_ORDER);
    }

    @Test
    void reduceAndCancelOnlyForOwnLiveOrders() {
        risk.place(gtc(1, 1, BUY, REFERENCE, 1_000), account, BTC_USD, REFERENCE);
        Account other = funded(2);

        assertThat(risk.cancel(new CancelOrder(1, 2, SYMBOL, 2), other).reason()).isEqualTo(ReasonCode.UNKNOWN_ORDER);
        assertThat(risk.reduceQuantity(new ReduceQuantity(1, 2, SYMBOL, 500, 2), other, BTC_USD).reason())
                .isEqualTo(ReasonCode.UNKNOWN_ORDER);
        assertThat(risk.reduceQuantity(new ReduceQuantity(1, 1, SYMBOL, 505, 2), account, BTC_USD).reason())
                .isEqualTo(ReasonCode.QUANTITY_NOT_ON_LOT);
        assertThat(risk.reduceQuantity(new ReduceQuantity(1, 1, SYMBOL, 500, 2), account, BTC_USD).accepted()).isTrue();
    }
}
