package io.rtx.engine.order;

/**
 * Why an order, an account command or an instrument definition was refused, or an order cancelled or
 * expired. Pre-trade codes are listed in the order the checks run (see {@code PreTradeRisk}).
 */
public enum ReasonCode {
    // Pre-trade risk, in check order.
    /** The client order id names an order already accepted (ClientOrderIds); the answer names it. */
    DUPLICATE_CLIENT_ORDER_ID,
    UNKNOWN_ACCOUNT,
    UNKNOWN_INSTRUMENT,
    /** The account claimed as many client order ids as it may in the period (ClientOrderIds). */
    CLIENT_ORDER_ID_LIMIT,
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
    GTD_EXPIRED,
    // Account commands (AccountAdministration); UNKNOWN_ACCOUNT and INSUFFICIENT_BALANCE above apply too.
    ACCOUNT_EXISTS,
    UNKNOWN_ASSET,
    INVALID_AMOUNT,
    // Instrument definitions (Instrument.redefinitionTo); INVALID_INSTRUMENT: the definition itself is invalid.
    INVALID_INSTRUMENT,
    ASSET_CHANGED,
    SCALE_CHANGED,
    TICK_SIZE_NOT_DIVISOR,
    LOT_SIZE_NOT_DIVISOR,
    FEE_RAISED
}
