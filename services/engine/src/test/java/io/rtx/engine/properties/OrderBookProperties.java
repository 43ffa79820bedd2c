package io.rtx.engine.properties;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtx.engine.marketdata.BestBidOffer;
import io.rtx.engine.order.AmendPrice;
import io.rtx.engine.order.ExecType;
import io.rtx.engine.order.Liquidity;
import io.rtx.engine.order.OrderStatus;
import io.rtx.engine.order.PlaceOrder;
import io.rtx.engine.order.ReasonCode;
import io.rtx.engine.order.Side;
import io.rtx.engine.order.TimeInForce;
import io.rtx.engine.orderbook.BookSnapshot;
import io.rtx.engine.orderbook.ExecutionReport;
import io.rtx.engine.orderbook.Trade;
import io.rtx.engine.testing.SimulatedExchange;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Matching rules that must hold for any command stream, checked after every command of random sessions. */
class OrderBookProperties {

    private static final int TRIES = 250;

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Scenario.arbitrary();
    }

    @Property(tries = TRIES)
    void bookIsNeverCrossedAtRest(@ForAll("scenarios") Scenario scenario) {
        Replay.run(scenario, step -> {
            BestBidOffer top = step.exchange().book.bestBidOffer();
            if (top.hasBid() && top.hasAsk()) {
                assertThat(top.bidPrice()).as("best bid after command %d", step.index()).isLessThan(top.askPrice());
            }
        });
    }

    @Property(tries = TRIES)
    void quantitiesStayWithinBounds(@ForAll("scenarios") Scenario scenario) {
        Map<Long, ExecutionReport> previous = new HashMap<>();
        Replay.run(scenario, step -> {
            for (ExecutionReport report : step.reports()) {
                assertThat(report.quantity()).as("quantity of %s", report).isNotNegative();
                assertThat(report.filledQuantity()).as("filled of %s", report)
                        .isNotNegative().isLessThanOrEqualTo(report.quantity());
                assertThat(report.leavesQuantity()).as("leaves of %s", report).isNotNegative();
                if (report.execType() == ExecType.TRADE) {
                    assertThat(report.lastQuantity()).as("fill of %s", report).isPositive();
                }
                if (report.execType() == ExecType.REQUEST_REJECTED || report.reason() == ReasonCode.DUPLICATE_ORDER_ID) {
                    continue; // about a request, which may name an order the sender does not own
                }
                ExecutionReport before = previous.put(report.orderId(), report);
                if (before != null) {
                    assertThat(report.filledQuantity()).as("filled never goes back: %s", report)
                            .isGreaterThanOrEqualTo(before.filledQuantity());
                    assertThat(report.quantity()).as("quantity never grows: %s", report)
                            .isLessThanOrEqualTo(before.quantity());
                }
            }
        });
    }

    /**
     * An order's life starts with NEW, or with a REJECTED/CANCELED/EXPIRED report when it never got to
     * rest or trade; it ends in exactly one terminal report, after which nothing more is said about it.
     */
    @Property(tries = TRIES)
    void everyOrderEndsInExactlyOneTerminalReport(@ForAll("scenarios") Scenario scenario) {
        Map<Long, List<ExecutionReport>> lives = new HashMap<>();
        Set<Long> reachedTheBook = new HashSet<>();
        SimulatedExchange exchange = Replay.run(scenario, step -> {
            if (step.decision().accepted() && step.command() instanceof PlaceOrder place) {
                reachedTheBook.add(place.orderId());
                assertThat(step.reports()).as("reports of command %d", step.index())
                        .anyMatch(r -> r.orderId() == place.orderId());
            }
            for (ExecutionReport report : step.reports()) {
                // A refused request or duplicate id is about the command, not about the order's life.
                if (report.execType() != ExecType.REQUEST_REJECTED && report.reason() != ReasonCode.DUPLICATE_ORDER_ID) {
                    lives.computeIfAbsent(report.orderId(), id -> new ArrayList<>()).add(report);
                }
            }
        });
        Set<ExecType> firstTypes = EnumSet.of(ExecType.NEW, ExecType.REJECTED, ExecType.CANCELED, ExecType.EXPIRED);
        for (List<ExecutionReport> life : lives.values()) {
            assertThat(firstTypes).as("first report %s", life.get(0)).contains(life.get(0).execType());
            assertThat(life.stream().filter(r -> r.status().isTerminal()))
                    .as("terminal reports of %s", life).hasSize(1);
            assertThat(life.get(life.size() - 1).status().isTerminal()).as("last report of %s", life).isTrue();
            ExecutionReport end = life.get(life.size() - 1);
            assertThat(end.status() == OrderStatus.FILLED).as("FILLED exactly when filled: %s", end)
                    .isEqualTo(end.filledQuantity() == end.quantity());
        }
        assertThat(lives.keySet()).containsAll(reachedTheBook);
        assertThat(exchange.book.restingOrders()).isZero();
        lives.keySet().forEach(id -> assertThat(exchange.book.order(id)).as("order %d", id).isNull());
    }

    /** Every trade is reported to both of its orders, and what orders say they filled is what traded. */
    @Property(tries = TRIES)
    void fillsMatchTrades(@ForAll("scenarios") Scenario scenario) {
        SimulatedExchange exchange = Replay.run(scenario, step -> {
        });
        Map<Long, List<ExecutionReport>> fillsByTrade = new HashMap<>();
        Map<Long, Long> filledByOrder = new HashMap<>();
        Map<Long, ExecutionReport> lastByOrder = new HashMap<>();
        long bought = 0;
        long sold = 0;
        for (ExecutionReport report : exchange.reports) {
            if (report.execType() == ExecType.TRADE) {
                fillsByTrade.computeIfAbsent(report.tradeId(), id -> new ArrayList<>()).add(report);
                filledByOrder.merge(report.orderId(), report.lastQuantity(), Long::sum);
                if (report.side() == Side.BUY) {
                    bought += report.lastQuantity();
                } else {
                    sold += report.lastQuantity();
                }
            }
            if (report.execType() != ExecType.REQUEST_REJECTED && report.reason() != ReasonCode.DUPLICATE_ORDER_ID) {
                lastByOrder.put(report.orderId(), report);
            }
        }
        long traded = 0;
        for (Trade trade : exchange.trades) {
            traded += trade.quantity();
            assertThat(trade.quantity()).as("%s", trade).isPositive();
            assertThat(trade.buyAccountId()).as("self-trade %s", trade).isNotEqualTo(trade.sellAccountId());
            List<ExecutionReport> fills = fillsByTrade.get(trade.tradeId());
            assertThat(fills).as("fills of %s", trade).hasSize(2);
            for (ExecutionReport fill : fills) {
                boolean buyer = fill.side() == Side.BUY;
                assertThat(fill.orderId()).isEqualTo(buyer ? trade.buyOrderId() : trade.sellOrderId());
                assertThat(fill.accountId()).isEqualTo(buyer ? trade.buyAccountId() : trade.sellAccountId());
                assertThat(fill.lastPrice()).isEqualTo(trade.price());
                assertThat(fill.lastQuantity()).isEqualTo(trade.quantity());
                assertThat(fill.liquidity()).as("%s for %s", fill, trade)
                        .isEqualTo(fill.orderId() == trade.takerOrderId() ? Liquidity.TAKER : Liquidity.MAKER);
            }
            assertThat(fills.get(0).side()).isNotEqualTo(fills.get(1).side());
        }
        assertThat(bought).as("bought").isEqualTo(sold).isEqualTo(traded);
        filledByOrder.forEach((orderId, filled) ->
                assertThat(lastByOrder.get(orderId).filledQuantity()).as("filled of order %d", orderId).isEqualTo(filled));
    }

    /** A trade is at the maker's resting price, and never worse for the taker than its limit. */
    @Property(tries = TRIES)
    void tradesExecuteAtMakerPriceWithinTakerLimit(@ForAll("scenarios") Scenario scenario) {
        Replay.run(scenario, step -> {
            if (step.trades().isEmpty()) {
                return;
            }
            Map<Long, BookSnapshot.Entry> resting = byOrderId(step.bookBefore());
            long takerLimit = step.decision().command() instanceof PlaceOrder place
                    ? place.price() : ((AmendPrice) step.decision().command()).newPrice();
            for (Trade trade : step.trades()) {
                BookSnapshot.Entry maker = resting.get(trade.makerOrderId());
                assertThat(maker).as("maker of %s was resting before command %d", trade, step.index()).isNotNull();
                assertThat(trade.price()).as("%s at the maker's price", trade).isEqualTo(maker.order().price());
                assertThat(maker.order().side()).isEqualTo(trade.takerSide().opposite());
                if (trade.takerSide() == Side.BUY) {
                    assertThat(trade.price()).as("%s within limit %d", trade, takerLimit).isLessThanOrEqualTo(takerLimit);
                } else {
                    assertThat(trade.price()).as("%s within limit %d", trade, takerLimit).isGreaterThanOrEqualTo(takerLimit);
                }
            }
        });
    }

    /**
     * Within a price level the lower priority trades first: once a maker has traded, no order that was
     * ahead of it at its price may still be resting.
     */
    @Property(tries = TRIES)
    void fillsFollowTimePriorityWithinALevel(@ForAll("scenarios") Scenario scenario) {
        Replay.run(scenario, step -> {
            List<BookSnapshot.Entry> before = step.bookBefore().orders();
            assertThat(before.stream().map(BookSnapshot.Entry::priority).distinct().count())
                    .as("priorities are unique").isEqualTo(before.size());
            Map<Long, BookSnapshot.Entry> resting = byOrderId(step.bookBefore());
            for (Trade trade : step.trades()) {
                BookSnapshot.Entry maker = resting.get(trade.makerOrderId());
                for (BookSnapshot.Entry ahead : before) {
                    if (ahead.order().side() == maker.order().side() && ahead.order().price() == maker.order().price()
                            && ahead.priority() < maker.priority()) {
                        assertThat(step.exchange().book.order(ahead.order().orderId()))
                                .as("order %d was ahead of maker %d at %d but still rests after command %d",
                                        ahead.order().orderId(), maker.order().orderId(), maker.order().price(),
                                        step.index())
                                .isNull();
                    }
                }
            }
        });
    }

    @Property(tries = TRIES)
    void reportAndTradeSequencesHaveNoGaps(@ForAll("scenarios") Scenario scenario) {
        SimulatedExchange exchange = Replay.run(scenario, step -> {
        });
        for (int i = 0; i < exchange.reports.size(); i++) {
            assertThat(exchange.reports.get(i).sequence()).as("report %d", i).isEqualTo(i + 1);
        }
        for (int i = 0; i < exchange.trades.size(); i++) {
            assertThat(exchange.trades.get(i).tradeId()).as("trade %d", i).isEqualTo(i + 1);
        }
    }

    /** A fill-or-kill order fills completely within its command, or is cancelled before touching anything. */
    @Property(tries = TRIES)
    void fillOrKillIsAllOrNothing(@ForAll("scenarios") Scenario scenario) {
        Replay.run(scenario, step -> {
            if (!(step.decision().accepted() && step.command() instanceof PlaceOrder place
                    && place.timeInForce() == TimeInForce.FOK)) {
                return;
            }
            List<ExecutionReport> own = step.reports().stream()
                    .filter(r -> r.orderId() == place.orderId() && r.reason() != ReasonCode.DUPLICATE_ORDER_ID)
                    .toList();
            if (own.isEmpty()) {
                assertThat(step.trades()).as("trades of refused duplicate, command %d", step.index()).isEmpty();
                return;
            }
            ExecutionReport first = own.get(0);
            if (first.execType() == ExecType.CANCELED) {
                assertThat(first.reason()).isEqualTo(ReasonCode.FOK_NOT_FILLABLE);
                assertThat(own).as("reports of killed FOK %d", place.orderId()).hasSize(1);
                assertThat(step.trades()).as("trades of killed FOK %d", place.orderId()).isEmpty();
            } else {
                ExecutionReport last = own.get(own.size() - 1);
                assertThat(last.status()).as("last report of FOK %d: %s", place.orderId(), own)
                        .isEqualTo(OrderStatus.FILLED);
                assertThat(last.filledQuantity()).isEqualTo(place.quantity());
            }
        });
    }

    private static Map<Long, BookSnapshot.Entry> byOrderId(BookSnapshot snapshot) {
        Map<Long, BookSnapshot.Entry> entries = new HashMap<>();
        snapshot.orders().forEach(entry -> entries.put(entry.order().orderId(), entry));
        return entries;
    }
}
