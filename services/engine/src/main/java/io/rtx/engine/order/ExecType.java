package io.rtx.engine.order;

/** Why an execution report was sent. */
public enum ExecType {
    /** Pre-trade risk accepted the order and sent it to the book (risk's acknowledgement; never the book's). */
    PENDING_NEW,
    /** The order was accepted by the book. */
    NEW,
    /** The order (partly) traded; the report carries the last fill. */
    TRADE,
    /** The order's price or quantity was changed. */
    REPLACED,
    CANCELED,
    EXPIRED,
    /** The order itself was refused; it is over. */
    REJECTED,
    /** A cancel, amend or reduce request was refused; the order, if any, is unchanged. */
    REQUEST_REJECTED
}
