package io.rtx.engine.orderbook;

import io.rtx.engine.order.Side;

/**
 * Where a book sends what a command caused, in order. Level changes are primitive callbacks so
 * market-data consumers that do not need them cost nothing.
 */
public interface BookEvents {

    void report(ExecutionReport report);

    void trade(Trade trade);

    /** The aggregated quantity at {@code price} is now {@code quantity} (zero: the level is gone). */
    default void levelChanged(Side side, long price, long quantity, int orders) {
    }
}
