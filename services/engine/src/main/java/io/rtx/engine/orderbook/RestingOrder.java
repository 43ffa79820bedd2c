package io.rtx.engine.orderbook;

import io.rtx.engine.order.Order;
import io.rtx.engine.order.OrderType;
import io.rtx.engine.order.Side;
import io.rtx.engine.order.TimeInForce;

/** Mutable, pooled node of a price level's FIFO queue. Never leaves the package; {@link #view} does. */
final class RestingOrder {

    long orderId;
    String clientOrderId;
    long accountId;
    Side side;
    OrderType type;
    TimeInForce timeInForce;
    long expiresAt;
    boolean postOnly;
    long price;
    long quantity;
    long filled;
    long timestamp;
    long priority;

    PriceLevel level;
    RestingOrder previous;
    RestingOrder next;

    long leaves() {
        return quantity - filled;
    }

    boolean expiredAt(long now) {
        return timeInForce == TimeInForce.GTD && expiresAt <= now;
    }

    Order view(String symbol) {
        return new Order(orderId, clientOrderId, accountId, symbol, side, type, timeInForce, expiresAt, price,
                quantity, filled, timestamp);
    }

    void clear() {
        clientOrderId = null;
        level = null;
        previous = null;
        next = null;
    }
}
