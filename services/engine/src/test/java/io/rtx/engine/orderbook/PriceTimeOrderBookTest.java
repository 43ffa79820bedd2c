package io.rtx.engine.orderbook;

import static io.rtx.engine.order.Side.BUY;
import static io.rtx.engine.order.Side.SELL;
import static io.rtx.engine.testing.Orders.SYMBOL;
import static io.rtx.engine.testing.Orders.gtc;
import static io.rtx.engine.testing.Orders.gtd;
import static io.rtx.engine.testing.Orders.limit;
import static io.rtx.engine.testing.Orders.market;
import static io.rtx.engine.testing.Orders.postOnly;
import static org.assertj.core.api.Assertions.assertThat;

import io.rtx.engine.instrument.SelfTradePolicy;
import io.rtx.engine.marketdata.DepthLevel;
import io.rtx.engine.order.AmendPrice;
import io.rtx.engine.order.CancelOrder;
import io.rtx.engine.order.ExecType;
import io.rtx.engine.order.ExpireOrders;
import io.rtx.engine.order.Liquidity;
import io.rtx.engine.order.OrderCommand;
import io.rtx.engine.order.OrderStatus;
import io.rtx.engine.order.ReasonCode;
import io.rtx.engine.order.ReduceQuantity;
import io.rtx.engine.order.TimeInForce;
import io.rtx.engine.testing.Instruments;
import io.rtx.engine.testing.RecordingEvents;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PriceTimeOrderBookTest {

    private OrderBook book = new PriceTimeOrderBook(Instruments.BTC_USD);
    private final RecordingEvents events = new RecordingEvents();

    private void apply(OrderCommand... commands) {
        for (OrderCommand command : commands) {
            book.apply(command, events);
        }
    }

    private List<ExecType> execTypes(long orderId) {
        return events.reportsFor(orderId).stream().map(ExecutionReport::execType).toList();
    }

    @Nested
    class PriceTimePriority {

        @Test
        void gtcRestsAndIsAcknowledged() {
            apply(gtc(1, 100, BUY, 10_000, 50));

            assertThat(execTypes(1)).containsExactly(ExecType.NEW);
            assertThat(book.order(1).leavesQuantity()).isEqualTo(50);
            assertThat(book.bestBidOffer().bidPrice()).isEqualTo(10_000);
            assertThat(events.levels).containsExactly(new RecordingEvents.LevelChange(BUY, 10_000, 50, 1));
        }

        @Test
        void tradesAtTheRestingPriceBestPriceFirst() {
            apply(gtc(1, 100, SELL, 10_020, 10), gtc(2, 101, SELL, 10_010, 10));
            events.clear();

            apply(gtc(3, 200, BUY, 10_050, 20));

            assertThat(events.trades).extracting(Trade::price, Trade::quantity, Trade::sellOrderId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(10_010L, 10L, 2L),
                            org.assertj.core.groups.Tuple.tuple(10_020L, 10L, 1L));
            assertThat(events.trades).extracting(Trade::tradeId).containsExactly(1L, 2L);
            ExecutionReport last = events.lastFor(3);
            assertThat(last.status()).isEqualTo(OrderStatus.FILLED);
            assertThat(last.liquidity()).isEqualTo(Liquidity.TAKER);
            assertThat(book.restingOrders()).isZero();
            assertThat(book.lastTradePrice()).isEqualTo(10_020);
        }

        @Test
        void fifoWithinALevel() {
            apply(gtc(1, 100, SELL, 10_000, 10), gtc(2, 101, SELL, 10_000, 10), gtc(3, 102, SELL, 10_000, 10));
            events.clear();

            apply(gtc(4, 200, BUY, 10_000, 15));

            assertThat(events.trades).extracting(Trade::sellOrderId).containsExactly(1L, 2L);
            assertThat(events.lastFor(2).status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
            assertThat(book.order(2).filledQuantity()).isEqualTo(5);
            assertThat(book.order(3).filledQuantity()).isZero();
            assertThat(book.depth(5).asks()).containsExactly(new DepthLevel(10_000, 15, 2));
        }

        @Test
        void partialFillOfTakerRestsTheRemainder() {
            apply(gtc(1, 100, SELL, 10_000, 10), gtc(2, 200, BUY, 10_005, 30));

            ExecutionReport last = events.lastFor(2);
            assertThat(last.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
            assertThat(book.order(2).leavesQuantity()).isEqualTo(20);
            assertThat(book.bestBidOffer()).satisfies(bbo -> {
                assertThat(bbo.bidPrice()).isEqualTo(10_005);
                assertThat(bbo.hasAsk()).isFalse();
            });
        }

        @Test
        void reportsAreSequencedWithoutGaps() {
            apply(gtc(1, 100, SELL, 10_000, 10), gtc(2, 200, BUY, 10_000, 10), new CancelOrder(9, 1, SYMBOL, 3));

            assertThat(events.reports).extracting(ExecutionReport::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
        }

        @Test
        void duplicateOrderIdIsRejected() {
            apply(gtc(1, 100, SELL, 10_000, 10), gtc(1, 100, SELL, 10_100, 10));

            assertThat(events.reports.get(1).execType()).isEqualTo(ExecType.REJECTED);
            assertThat(events.reports.get(1).reason()).isEqualTo(ReasonCode.DUPLICATE_ORDER_ID);
            assertThat(book.order(1).price()).isEqualTo(10_000);
        }
    }

    @Nested
    class TimeInForceRules {

        @Test
        void iocCancelsItsRemainder() {
            apply(gtc(1, 100, SELL, 10_000, 10), limit(2, 200, BUY, 10_000, 25, TimeInForce.IOC, 2));

            assertThat(execTypes(2)).containsExactly(ExecType.NEW, ExecType.TRADE, ExecType.CANCELED);
            ExecutionReport last = events.lastFor(2);
            assertThat(last.reason()).isEqualTo(ReasonCode.IOC_REMAINDER);
            assertThat(last.filledQuantity()).isEqualTo(10);
            assertThat(book.order(2)).isNull();
        }

        @Test
        void fokFillsCompletelyAcrossLevels() {
            apply(gtc(1, 100, SELL, 10_000, 10), gtc(2, 101, SELL, 10_001, 10),
                    limit(3, 200, BUY, 10_001, 20, TimeInForce.FOK, 3));

            assertThat(events.lastFor(3).status()).isEqualTo(OrderStatus.FILLED);
            assertThat(events.trades).hasSize(2);
        }

        @Test
        void fokThatCannotFillDoesNothingAtAll() {
            apply(gtc(1, 100, SELL, 10_000, 10), gtc(2, 101, SELL, 10_002, 10));
            events.clear();

            apply(limit(3, 200, BUY, 10_001, 20, TimeInForce.FOK, 3));

            assertThat(events.all).hasSize(1);
            assertThat(events.reports.get(0).status()).isEqualTo(OrderStatus.CANCELED);
            assertThat(events.reports.get(0).reason()).isEqualTo(ReasonCode.FOK_NOT_FILLABLE);
            assertThat(book.order(1).filledQuantity()).isZero();
            assertThat(book.restingOrders()).isEqualTo(2);
        }

        @Test
        void marketSweepsUpToItsProtectionPriceAndNeverRests() {
            apply(gtc(1, 100, SELL, 10_000, 10), gtc(2, 101, SELL, 10_500, 10), gtc(3, 102, SELL, 11_500, 10));
            events.clear();

            apply(market(4, 200, BUY, 11_000, 40, TimeInForce.IOC));

            assertThat(events.trades).extracting(Trade::price).containsExactly(10_000L, 10_500L);
            ExecutionReport last = events.lastFor(4);
            assertThat(last.status()).isEqualTo(OrderStatus.CANCELED);
            assertThat(last.reason()).isEqualTo(ReasonCode.NO_LIQUIDITY_WITHIN_PROTECTION);
            assertThat(last.filledQuantity()).isEqualTo(20);
            assertThat(book.order(4)).isNull();
            assertThat(book.order(3)).isNotNull();
        }

        @Test
        void postOnlyIsRejectedIfItWouldTake() {
            apply(gtc(1, 100, SELL, 10_000, 10), postOnly(2, 200, BUY, 10_000, 10));

            assertThat(events.lastFor(2).status()).isEqualTo(OrderStatus.REJECTED);
            assertThat(events.lastFor(2).reason()).isEqualTo(ReasonCode.POST_ONLY_WOULD_TAKE);
            assertThat(events.trades).isEmpty();
        }

        @Test
        void postOnlyRestsWhenItDoesNotCross() {
            apply(gtc(1, 100, SELL, 10_000, 10), postOnly(2, 200, BUY, 9_999, 10));

            assertThat(book.order(2)).isNotNull();
        }

        @Test
        void gtdExpiresWhenSuppliedTimePassesItsExpiry() {
            apply(gtd(1, 100, BUY, 10_000, 10, 1_000, 10));

            apply(new ExpireOrders(SYMBOL, 999));
            assertThat(book.order(1)).isNotNull();

            apply(new ExpireOrders(SYMBOL, 1_000));
            assertThat(book.order(1)).isNull();
            assertThat(events.lastFor(1).status()).isEqualTo(OrderStatus.EXPIRED);
            assertThat(events.lastFor(1).reason()).isEqualTo(ReasonCode.GTD_EXPIRED);
        }

        @Test
        void nextExpiryNamesTheEarliestRestingGtdAndForgetsOrdersThatLeft() {
            assertThat(book.nextExpiry()).isEqualTo(OrderBook.NO_EXPIRY);
            apply(gtc(1, 100, BUY, 9_000, 10));
            assertThat(book.nextExpiry()).as("a GTC order never expires").isEqualTo(OrderBook.NO_EXPIRY);

            apply(gtd(2, 100, BUY, 9_001, 10, 2_000, 10), gtd(3, 100, BUY, 9_002, 10, 3_000, 11));
            assertThat(book.nextExpiry()).isEqualTo(2_000);

            apply(new CancelOrder(2, 100, SYMBOL, 12));
            assertThat(book.nextExpiry()).as("the canceled order's expiry is gone").isEqualTo(3_000);

            apply(new ExpireOrders(SYMBOL, 3_000));
            assertThat(book.nextExpiry()).isEqualTo(OrderBook.NO_EXPIRY);
        }

        @Test
        void anExpiredGtdOrderNeverTradesEvenBeforeTheTimerRuns() {
            apply(gtd(1, 100, SELL, 10_000, 10, 1_000, 10));
            events.clear();

            apply(limit(2, 200, BUY, 10_000, 10, TimeInForce.GTC, 1_001));

            assertThat(events.trades).isEmpty();
            assertThat(events.lastFor(1).status()).isEqualTo(OrderStatus.EXPIRED);
            assertThat(book.order(2)).isNotNull();
        }

        @Test
        void gtdArrivingAfterItsExpiryExpiresAtOnce() {
            apply(gtd(1, 100, BUY, 10_000, 10, 1_000, 1_000));

            assertThat(execTypes(1)).containsExactly(ExecType.EXPIRED);
            assertThat(book.restingOrders()).isZero();
        }
    }

    @Nested
    class CancelAmendReduce {

        @Test
        void cancelRemovesTheOrderAndItsLevel() {
            apply(gtc(1, 100, BUY, 10_000, 10), new CancelOrder(1, 100, SYMBOL, 5));

            assertThat(events.lastFor(1).status()).isEqualTo(OrderStatus.CANCELED);
            assertThat(events.lastFor(1).reason()).isEqualTo(ReasonCode.CANCELED_BY_CLIENT);
            assertThat(book.depth(5).bids()).isEmpty();
            assertThat(events.levels).last().isEqualTo(new RecordingEvents.LevelChange(BUY, 10_000, 0, 0));
        }

        @Test
        void cancellingAnUnknownFinishedOrAnotherAccountsOrderIsRejectedWithAReason() {
            apply(gtc(1, 100, BUY, 10_000, 10), new CancelOrder(1, 999, SYMBOL, 2), new CancelOrder(77, 100, SYMBOL, 3),
                    new CancelOrder(1, 100, SYMBOL, 4), new CancelOrder(1, 100, SYMBOL, 5));

            List<ExecutionReport> reports = events.reports;
            assertThat(reports).extracting(ExecutionReport::execType).containsExactly(ExecType.NEW,
                    ExecType.REQUEST_REJECTED, ExecType.REQUEST_REJECTED, ExecType.CANCELED, ExecType.REQUEST_REJECTED);
            assertThat(reports.get(1).reason()).isEqualTo(ReasonCode.UNKNOWN_ORDER);
            assertThat(reports.get(4).reason()).isEqualTo(ReasonCode.UNKNOWN_ORDER);
        }

        @Test
        void amendLosesTimePriority() {
            apply(gtc(1, 100, SELL, 10_010, 10), gtc(2, 101, SELL, 10_000, 10), new AmendPrice(2, 101, SYMBOL, 10_010, 3));
            events.clear();

            apply(gtc(3, 200, BUY, 10_010, 10));

            assertThat(events.trades).extracting(Trade::sellOrderId).containsExactly(1L);
            assertThat(book.order(2).price()).isEqualTo(10_010);
        }

        @Test
        void amendThatCrossesTradesAsTaker() {
            apply(gtc(1, 100, SELL, 10_010, 10), gtc(2, 200, BUY, 10_000, 10));
            events.clear();

            apply(new AmendPrice(2, 200, SYMBOL, 10_010, 3));

            assertThat(execTypes(2)).containsExactly(ExecType.REPLACED, ExecType.TRADE);
            assertThat(events.lastFor(2).liquidity()).isEqualTo(Liquidity.TAKER);
            assertThat(events.lastFor(1).liquidity()).isEqualTo(Liquidity.MAKER);
            assertThat(events.trades.get(0).price()).isEqualTo(10_010);
        }

        @Test
        void reduceKeepsTimePriority() {
            apply(gtc(1, 100, SELL, 10_000, 30), gtc(2, 101, SELL, 10_000, 10), new ReduceQuantity(1, 100, SYMBOL, 20, 3));

            assertThat(events.lastFor(1).execType()).isEqualTo(ExecType.REPLACED);
            assertThat(book.depth(1).asks()).containsExactly(new DepthLevel(10_000, 30, 2));
            events.clear();

            apply(gtc(3, 200, BUY, 10_000, 20));

            assertThat(events.trades).extracting(Trade::sellOrderId).containsExactly(1L);
            assertThat(events.lastFor(1).status()).isEqualTo(OrderStatus.FILLED);
        }

        @Test
        void reduceMustStayAboveFilledAndBelowQuantity() {
            apply(gtc(1, 100, SELL, 10_000, 30), gtc(2, 200, BUY, 10_000, 10));
            events.clear();

            apply(new ReduceQuantity(1, 100, SYMBOL, 10, 3), new ReduceQuantity(1, 100, SYMBOL, 30, 4),
                    new ReduceQuantity(1, 100, SYMBOL, 11, 5));

            assertThat(events.reports).extracting(ExecutionReport::execType, ExecutionReport::reason).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(ExecType.REQUEST_REJECTED, ReasonCode.INVALID_QUANTITY),
                    org.assertj.core.groups.Tuple.tuple(ExecType.REQUEST_REJECTED, ReasonCode.INVALID_QUANTITY),
                    org.assertj.core.groups.Tuple.tuple(ExecType.REPLACED, null));
            assertThat(book.order(1).leavesQuantity()).isEqualTo(1);
        }

        @Test
        void amendingAnUnknownOrderIsRejectedNotThrown() {
            apply(new AmendPrice(5, 100, SYMBOL, 10_000, 1), new ReduceQuantity(5, 100, SYMBOL, 10, 2));

            assertThat(events.reports).allSatisfy(r -> {
                assertThat(r.execType()).isEqualTo(ExecType.REQUEST_REJECTED);
                assertThat(r.reason()).isEqualTo(ReasonCode.UNKNOWN_ORDER);
            });
        }
    }

    @Nested
    class SelfTradePrevention {

        private void restingThenOwnTaker(SelfTradePolicy policy) {
            book = new PriceTimeOrderBook(Instruments.btcUsd(policy));
            apply(gtc(1, 100, SELL, 10_000, 10), gtc(2, 100, SELL, 10_001, 10), gtc(3, 300, SELL, 10_002, 10));
            events.clear();
            apply(gtc(4, 100, BUY, 10_002, 10));
        }

        @Test
        void cancelNewestCancelsTheIncomingOrder() {
            restingThenOwnTaker(SelfTradePolicy.CANCEL_NEWEST);

            assertThat(events.trades).isEmpty();
            assertThat(events.lastFor(4).reason()).isEqualTo(ReasonCode.SELF_TRADE_PREVENTED);
            assertThat(book.order(1)).isNotNull();
            assertThat(book.order(4)).isNull();
        }

        @Test
        void cancelOldestCancelsRestingOrdersAndKeepsMatching() {
            restingThenOwnTaker(SelfTradePolicy.CANCEL_OLDEST);

            assertThat(events.lastFor(1).reason()).isEqualTo(ReasonCode.SELF_TRADE_PREVENTED);
            assertThat(events.lastFor(2).reason()).isEqualTo(ReasonCode.SELF_TRADE_PREVENTED);
            assertThat(events.trades).extracting(Trade::sellOrderId).containsExactly(3L);
            assertThat(events.lastFor(4).status()).isEqualTo(OrderStatus.FILLED);
        }

        @Test
        void cancelBothCancelsBoth() {
            restingThenOwnTaker(SelfTradePolicy.CANCEL_BOTH);

            assertThat(events.lastFor(1).status()).isEqualTo(OrderStatus.CANCELED);
            assertThat(events.lastFor(4).status()).isEqualTo(OrderStatus.CANCELED);
            assertThat(book.order(2)).isNotNull();
            assertThat(events.trades).isEmpty();
        }
    }

    @Nested
    class SnapshotAndMarketData {

        @Test
        void restoredBookBehavesIdentically() {
            apply(gtc(1, 100, SELL, 10_010, 10), gtc(2, 101, SELL, 10_010, 10), gtc(3, 102, BUY, 9_990, 10),
                    gtd(4, 103, BUY, 9_995, 10, 5_000, 4), gtc(5, 200, BUY, 10_010, 5));
            OrderBook restored = PriceTimeOrderBook.restore(Instruments.BTC_USD, book.snapshot());
            assertThat(restored.snapshot()).isEqualTo(book.snapshot());

            RecordingEvents restoredEvents = new RecordingEvents();
            List<OrderCommand> more = List.of(gtc(6, 300, BUY, 10_010, 20), new ExpireOrders(SYMBOL, 6_000),
                    new AmendPrice(3, 102, SYMBOL, 9_991, 7_000));
            events.clear();
            more.forEach(c -> book.apply(c, events));
            more.forEach(c -> restored.apply(c, restoredEvents));

            assertThat(restoredEvents.all).isEqualTo(events.all);
            assertThat(restored.snapshot()).isEqualTo(book.snapshot());
        }

        @Test
        void depthAggregatesLevelsBestFirst() {
            apply(gtc(1, 100, BUY, 9_990, 10), gtc(2, 101, BUY, 9_995, 10), gtc(3, 102, BUY, 9_995, 20),
                    gtc(4, 103, SELL, 10_005, 10), gtc(5, 104, SELL, 10_001, 30));

            var depth = book.depth(1);
            assertThat(depth.bids()).containsExactly(new DepthLevel(9_995, 30, 2));
            assertThat(depth.asks()).containsExactly(new DepthLevel(10_001, 30, 1));
            assertThat(book.depth(10).bids()).hasSize(2);
            var bbo = book.bestBidOffer();
            assertThat(bbo.bidPrice()).isEqualTo(9_995);
            assertThat(bbo.askQuantity()).isEqualTo(30);
        }
    }
}
