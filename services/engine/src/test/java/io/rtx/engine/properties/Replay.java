package io.rtx.engine.properties;

import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.order.CancelOrder;
import io.rtx.engine.order.ExpireOrders;
import io.rtx.engine.order.Order;
import io.rtx.engine.order.OrderCommand;
import io.rtx.engine.orderbook.BookSnapshot;
import io.rtx.engine.orderbook.ExecutionReport;
import io.rtx.engine.orderbook.Trade;
import io.rtx.engine.risk.RiskDecision;
import io.rtx.engine.testing.SimulatedExchange;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Plays a scenario on a fresh exchange one command at a time, then closes the session (every resting
 * order cancelled by its owner, then an expiry pass far in the future), handing each step to a check.
 */
final class Replay {

    /** Far enough after any generated timestamp that every GTD order is due. */
    static final long CLOSING_TIME = Long.MAX_VALUE / 2;

    /**
     * What one command did.
     *
     * @param bookBefore the book just before the command (to know which orders a trade's maker was
     *                   competing with)
     * @param decision   what risk made of the command; its command is what reached the book
     */
    record Step(int index, OrderCommand command, RiskDecision decision, BookSnapshot bookBefore,
                List<ExecutionReport> reports, List<Trade> trades, SimulatedExchange exchange) {
    }

    private Replay() {
    }

    /** Returns the exchange after the closing commands. */
    static SimulatedExchange run(Scenario scenario, Consumer<Step> check) {
        return run(scenario, -1, null, check);
    }

    /** The same with {@code redefinition} put in force just before command {@code redefineAt}. */
    static SimulatedExchange run(Scenario scenario, int redefineAt, Instrument redefinition, Consumer<Step> check) {
        SimulatedExchange exchange = scenario.newExchange();
        int index = 0;
        for (OrderCommand command : scenario.commands()) {
            if (index == redefineAt) {
                exchange.redefine(redefinition);
            }
            step(exchange, index++, command, check);
        }
        String symbol = exchange.instrument.symbol();
        long closeAt = CLOSING_TIME - 1;
        for (BookSnapshot.Entry entry : exchange.book.snapshot().orders()) {
            Order order = entry.order();
            step(exchange, index++, new CancelOrder(order.orderId(), order.accountId(), symbol, closeAt), check);
        }
        step(exchange, index, new ExpireOrders(symbol, CLOSING_TIME), check);
        return exchange;
    }

    private static void step(SimulatedExchange exchange, int index, OrderCommand command, Consumer<Step> check) {
        BookSnapshot before = exchange.book.snapshot();
        int reportsBefore = exchange.reports.size();
        int tradesBefore = exchange.trades.size();
        RiskDecision decision = exchange.submit(command);
        check.accept(new Step(index, command, decision, before,
                new ArrayList<>(exchange.reports.subList(reportsBefore, exchange.reports.size())),
                new ArrayList<>(exchange.trades.subList(tradesBefore, exchange.trades.size())), exchange));
    }
}
