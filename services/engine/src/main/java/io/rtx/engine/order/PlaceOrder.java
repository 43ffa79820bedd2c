package io.rtx.engine.order;

/**
 * A new order. Prices and quantities are in the instrument's units. For a MARKET order {@code price}
 * is its protection price: the worst price it may trade at, filled in by pre-trade risk from the
 * price band (zero until then).
 *
 * @param expiresAt epoch milliseconds after which a GTD order expires; zero for other TIFs
 */
public record PlaceOrder(
        long orderId,
        String clientOrderId,
        long accountId,
        String symbol,
        Side side,
        OrderType type,
        TimeInForce timeInForce,
        long expiresAt,
        boolean postOnly,
        long price,
        long quantity,
        long timestamp) implements OrderCommand {

    public PlaceOrder withPrice(long newPrice) {
        return new PlaceOrder(orderId, clientOrderId, accountId, symbol, side, type, timeInForce, expiresAt,
                postOnly, newPrice, quantity, timestamp);
    }
}
