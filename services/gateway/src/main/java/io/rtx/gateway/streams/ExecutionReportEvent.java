package io.rtx.gateway.streams;

import io.rtx.events.ExecutionReportMessage;

/** An execution report as streamed to its account: the wire fields, with ids as strings. */
public record ExecutionReportEvent(
        String source, String symbol, long sequence, String orderId, String clientOrderId, String side, String type,
        String execType, String status, String price, String quantity, String filledQuantity, String leavesQuantity,
        String lastPrice, String lastQuantity, String liquidity, String tradeId, String reason, long timestamp) {

    public static ExecutionReportEvent of(ExecutionReportMessage r) {
        return new ExecutionReportEvent(r.source(), r.symbol(), r.sequence(), Long.toString(r.orderId()),
                r.clientOrderId(), r.side(), r.type(), r.execType(), r.status(), r.price(), r.quantity(),
                r.filledQuantity(), r.leavesQuantity(), r.lastPrice(), r.lastQuantity(), r.liquidity(),
                r.tradeId() == 0 ? null : Long.toString(r.tradeId()), r.reason(), r.timestamp());
    }
}
