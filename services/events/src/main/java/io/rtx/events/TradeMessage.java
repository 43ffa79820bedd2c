package io.rtx.events;

/** A trade on the wire; {@code tradeId} is the symbol's gap-free trade sequence. */
@SchemaVersion(major = 1, minor = 0)
public record TradeMessage(
        String symbol,
        long tradeId,
        String price,
        String quantity,
        long buyOrderId,
        long buyAccountId,
        long sellOrderId,
        long sellAccountId,
        String takerSide,
        long timestamp) implements Message {
}
