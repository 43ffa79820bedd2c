package io.rtx.events;

/**
 * An execution report on the wire. {@code source} is MATCHING for the book's reports (which carry the
 * symbol's gap-free {@code sequence}) and RISK for pre-trade decisions (sequence 0): exec type and
 * status PENDING_NEW when a new order passed the checks, REJECTED / REQUEST_REJECTED when it did not.
 * Exec types, statuses and reasons are the names of the core's {@code ExecType}, {@code OrderStatus}
 * and {@code ReasonCode}.
 */
@SchemaVersion(major = 1, minor = 0)
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
        long timestamp) implements Message {

    public static final String SOURCE_MATCHING = "MATCHING";
    public static final String SOURCE_RISK = "RISK";
}
