package io.rtx.gateway.orders;

import io.rtx.events.ExecutionReportMessage;
import java.time.Instant;

/** An order as clients see it: ids and decimals as strings. */
public record OrderView(
        String orderId,
        String clientOrderId,
        String symbol,
        String side,
        String type,
        String timeInForce,
        String price,
        String quantity,
        String filledQuantity,
        String leavesQuantity,
        String status,
        String reason,
        Instant createdAt,
        Instant updatedAt) {

    /** From its latest execution report (the acknowledgement of a new order). */
    public static OrderView of(ExecutionReportMessage r, String timeInForce) {
        Instant at = Instant.ofEpochMilli(r.timestamp());
        return new OrderView(Long.toString(r.orderId()), r.clientOrderId(), r.symbol(), r.side(), r.type(), timeInForce,
                r.price(), r.quantity(), r.filledQuantity(), r.leavesQuantity(), r.status(), r.reason(), at, at);
    }
}
