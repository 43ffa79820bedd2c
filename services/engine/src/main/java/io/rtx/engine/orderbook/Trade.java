package io.rtx.engine.orderbook;

import io.rtx.engine.order.Side;

/**
 * A match between a resting (maker) and an incoming (taker) order, at the maker's price.
 * {@code tradeId} is the symbol's trade sequence (1, 2, 3, ...): deterministic and gap-checkable.
 */
public record Trade(
        String symbol,
        long tradeId,
        long price,
        long quantity,
        long buyOrderId,
        long buyAccountId,
        long sellOrderId,
        long sellAccountId,
        Side takerSide,
        long timestamp) {

    public long makerOrderId() {
        return takerSide == Side.BUY ? sellOrderId : buyOrderId;
    }

    public long takerOrderId() {
        return takerSide == Side.BUY ? buyOrderId : sellOrderId;
    }
}
