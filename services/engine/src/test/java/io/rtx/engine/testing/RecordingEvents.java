package io.rtx.engine.testing;

import io.rtx.engine.order.Side;
import io.rtx.engine.orderbook.BookEvents;
import io.rtx.engine.orderbook.ExecutionReport;
import io.rtx.engine.orderbook.Trade;
import java.util.ArrayList;
import java.util.List;

/** Keeps everything a book emits, in order, for assertions. */
public final class RecordingEvents implements BookEvents {

    public record LevelChange(Side side, long price, long quantity, int orders) {
    }

    public final List<Object> all = new ArrayList<>();
    public final List<ExecutionReport> reports = new ArrayList<>();
    public final List<Trade> trades = new ArrayList<>();
    public final List<LevelChange> levels = new ArrayList<>();

    @Override
    public void report(ExecutionReport report) {
        reports.add(report);
        all.add(report);
    }

    @Override
    public void trade(Trade trade) {
        trades.add(trade);
        all.add(trade);
    }

    @Override
    public void levelChanged(Side side, long price, long quantity, int orders) {
        LevelChange change = new LevelChange(side, price, quantity, orders);
        levels.add(change);
        all.add(change);
    }

    public List<ExecutionReport> reportsFor(long orderId) {
        return reports.stream().filter(r -> r.orderId() == orderId).toList();
    }

    public ExecutionReport lastFor(long orderId) {
        List<ExecutionReport> mine = reportsFor(orderId);
        return mine.isEmpty() ? null : mine.get(mine.size() - 1);
    }

    public void clear() {
        all.clear();
        reports.clear();
        trades.clear();
        levels.clear();
    }
}
