package io.rtx.events;

/**
 * An order command on the wire (order-commands, and accepted-orders once risk passed it). Prices and
 * quantities are decimal strings. {@code price} is the limit (or, for AMEND_PRICE, the new price;
 * for an accepted MARKET order, its protection price); {@code quantity} is the order quantity (for
 * REDUCE_QUANTITY, the new total quantity).
 */
@SchemaVersion(major = 1, minor = 0)
public record OrderCommandMessage(
        Kind kind,
        long orderId,
        String clientOrderId,
        long accountId,
        String symbol,
        String side,
        String type,
        String timeInForce,
        long expiresAt,
        boolean postOnly,
        String price,
        String quantity,
        long timestamp) implements Message {

    public enum Kind { PLACE, CANCEL, AMEND_PRICE, REDUCE_QUANTITY }
}
