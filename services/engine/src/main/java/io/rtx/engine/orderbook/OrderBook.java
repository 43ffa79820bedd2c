package io.rtx.engine.orderbook;

import io.rtx.engine.marketdata.BestBidOffer;
import io.rtx.engine.marketdata.Depth;
import io.rtx.engine.order.Order;
import io.rtx.engine.order.OrderCommand;

/**
 * One symbol's limit order book with price-time priority. Implementations are deterministic: the
 * same commands from the same state give the same events. Invalid requests become REJECTED or
 * REQUEST_REJECTED reports, never exceptions.
 */
public interface OrderBook {

    /** {@link #nextExpiry()} when no GTD order rests. */
    long NO_EXPIRY = Long.MAX_VALUE;

    String symbol();

    /** Applies one command and sends what it caused to {@code events}, in order. */
    void apply(OrderCommand command, BookEvents events);

    /** The resting order with this id, or null if it is not resting here. */
    Order order(long orderId);

    /** Priority of a resting order (lower trades first within a level), or -1 if not resting. */
    long priority(long orderId);

    /** A resting order with what a snapshot keeps of it, or null if it is not resting here. */
    BookSnapshot.Entry entry(long orderId);

    int restingOrders();

    /**
     * When the earliest resting GTD order expires (epoch millis), or {@link #NO_EXPIRY}. Lets an
     * adapter run {@code ExpireOrders} only while some order can expire.
     */
    long nextExpiry();

    /** Counters a snapshot keeps; exposed so an adapter can persist a command's changes alone. */
    long reportSequence();

    long tradeSequence();

    long prioritySequence();

    long lastTradePrice();

    BestBidOffer bestBidOffer();

    Depth depth(int levels);

    BookSnapshot snapshot();
}
