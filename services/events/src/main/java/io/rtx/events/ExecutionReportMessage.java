package io.rtx.events;

/**
 * An execution report on the wire. {@code source} is MATCHING for the book's reports (which carry the
 * symbol's gap-free {@code sequence}) and RISK for pre-trade refusals (sequence 0): REJECTED /
 * REQUEST_REJECTED. An accepted order has no report from risk: its accepted-order record is the
 * acknowledgement. Exec types, statuses and reasons are the names of the core's {@code ExecType},
 * {@code OrderStatus} and {@code ReasonCode}.
 *
 * @param originalOrderId since 1.1: for a DUPLICATE_CLIENT_ORDER_ID rejection, the order that holds the
 *                        client order id (this report's {@code orderId} is the refused retry's); else null
 */
@SchemaVersion(major = 1, minor = 1)
public record ExecutionReportMessage(
        String source,
        String symbol,
        long sequence,
        long orderId,
        String clientOrderId,
        long accountId,
        String side,
        String type,
        String timeInForce,
        String execType,
        String status,
        String price,
        String quantity,
        String filledQuantity,
        String leavesQuantity,
        String lastPrice,
        String lastQuantity,
        String liquidity,
        long tradeId,
        String reason,
        long timestamp,
        Long originalOrderId) implements Message {

    public static final String SOURCE_MATCHING = "MATCHING";
    public static final String SOURCE_RISK = "RISK";
}
