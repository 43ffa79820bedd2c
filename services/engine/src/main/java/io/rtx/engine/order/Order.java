package io.rtx.engine.order;

/** An order as the book holds it at one moment: the immutable view handed out of the core. */
public record Order(
        long orderId,
        String clientOrderId,
        long accountId,
        String symbol,
        Side side,
        OrderType type,
        TimeInForce timeInForce,
        long expiresAt,
        long price,
        long quantity,
        long filledQuantity,
        long timestamp) {

    public long leavesQuantity() {
        return quantity - filledQuantity;
    }

    public OrderStatus status() {
        return filledQuantity == 0 ? OrderStatus.NEW : OrderStatus.PARTIALLY_FILLED;
    }
}
