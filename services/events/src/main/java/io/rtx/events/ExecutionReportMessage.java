package io.rtx.events;

/**
 * An execution report on the wire. {@code source} is MATCHING for the book's reports (which carry the
 * symbol's gap-free {@code sequence}) and RISK for pre-trade decisions (sequence 0): PENDING_NEW when
 * a new order passed the checks, REJECTED / REQUEST_REJECTED when it did not.
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
    /** Exec type and status of risk's acknowledgement: accepted by risk, not yet in the book. */
    public static final String PENDING_NEW = "PENDING_NEW";
}
