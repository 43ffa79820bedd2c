package io.rtx.engine.order;

/**
 * Why an order or request was rejected, cancelled or expired. Pre-trade codes are listed in the
 * order the checks run (see {@code PreTradeCheck}).
 */
public enum ReasonCode {
    // Pre-trade risk, in check order.
    UNKNOWN_ACCOUNT,
    UNKNOWN_INSTRUMENT,
    ACCOUNT_SUSPENDED,
    INVALID_ORDER,
    PRICE_NOT_ON_TICK,
    QUANTITY_NOT_ON_LOT,
    QUANTITY_BELOW_MIN,
    QUANTITY_ABOVE_MAX,
    NO_REFERENCE_PRICE,
    PRICE_OUTSIDE_BAND,
    NOTIONAL_ABOVE_CAP,
    OPEN_ORDER_LIMIT,
    INSUFFICIENT_BALANCE,
    AMEND_PENDING,
    // Book.
    DUPLICATE_ORDER_ID,
    UNKNOWN_ORDER,
    POST_ONLY_WOULD_TAKE,
    FOK_NOT_FILLABLE,
    INVALID_QUANTITY,
    // Cancellations and expiries.
    CANCELED_BY_CLIENT,
    IOC_REMAINDER,
    NO_LIQUIDITY_WITHIN_PROTECTION,
    SELF_TRADE_PREVENTED,
    GTD_EXPIRED
}
