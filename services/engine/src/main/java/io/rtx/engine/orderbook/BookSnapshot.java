package io.rtx.engine.orderbook;

import io.rtx.engine.order.Order;
import java.util.List;

/**
 * Everything needed to rebuild a book exactly: its counters and every resting order with its time
 * priority (lower goes first within a price level).
 */
public record BookSnapshot(
        String symbol,
        long reportSequence,
        long tradeSequence,
        long prioritySequence,
        long lastTradePrice,
        List<Entry> orders) {

    public BookSnapshot {
        orders = List.copyOf(orders);
    }

    /** One resting order; {@code postOnly} survives so an amend can still refuse to take. */
    public record Entry(Order order, boolean postOnly, long priority) {
    }
}
