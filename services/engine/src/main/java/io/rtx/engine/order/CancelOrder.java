package io.rtx.engine.order;

public record CancelOrder(long orderId, long accountId, String symbol, long timestamp) implements OrderCommand {
}
