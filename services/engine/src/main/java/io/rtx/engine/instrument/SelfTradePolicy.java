package io.rtx.engine.instrument;

/** What happens when an incoming order would trade against a resting order of the same account. */
public enum SelfTradePolicy {
    /** Cancel the incoming order's remainder; the resting order keeps its place. */
    CANCEL_NEWEST,
    /** Cancel the resting order and keep matching the incoming one. */
    CANCEL_OLDEST,
    /** Cancel both. */
    CANCEL_BOTH
}
