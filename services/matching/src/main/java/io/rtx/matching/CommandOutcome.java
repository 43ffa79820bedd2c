package io.rtx.matching;

import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.order.Side;
import io.rtx.engine.orderbook.BookEvents;
import io.rtx.engine.orderbook.ExecutionReport;
import io.rtx.engine.orderbook.Trade;
import io.rtx.events.BookUpdateMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything one command did to one book: its reports and trades in order, the orders it touched
 * (to persist) and the final state of every level it changed (one L2 update per command).
 */
final class CommandOutcome implements BookEvents {

    private record LevelKey(Side side, long price) {
    }

    private record LevelState(long quantity, int orders) {
    }

    final List<ExecutionReport> reports = new ArrayList<>();
    final List<Trade> trades = new ArrayList<>();
    final Set<Long> touchedOrders = new LinkedHashSet<>();
    private final Map<LevelKey, LevelState> levels = new LinkedHashMap<>();

    @Override
    public void report(ExecutionReport report) {
        reports.add(report);
        touchedOrders.add(report.orderId());
    }

    @Override
    public void trade(Trade trade) {
        trades.add(trade);
    }

    @Override
    public void levelChanged(Side side, long price, long quantity, int orders) {
        levels.put(new LevelKey(side, price), new LevelState(quantity, orders));
    }

    boolean changedLevels() {
        return !levels.isEmpty();
    }

    BookUpdateMessage bookUpdate(Instrument instrument, long sequence, long timestamp) {
        List<BookUpdateMessage.Level> bids = new ArrayList<>();
        List<BookUpdateMessage.Level> asks = new ArrayList<>();
        levels.forEach((key, state) -> (key.side() == Side.BUY ? bids : asks).add(new BookUpdateMessage.Level(
                instrument.formatPrice(key.price()), instrument.formatQuantity(state.quantity()), state.orders())));
        return new BookUpdateMessage(instrument.symbol(), sequence, bids, asks,
                timestamp);
    }

    void clear() {
        reports.clear();
        trades.clear();
        touchedOrders.clear();
        levels.clear();
    }
}
