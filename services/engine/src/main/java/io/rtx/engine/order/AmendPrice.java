package io.rtx.engine.order;

/** Moves a resting order to a new price. It loses time priority and may trade at once as a taker. */
public record AmendPrice(long orderId, long accountId, String symbol, long newPrice, long timestamp)
        implements OrderCommand {
}
