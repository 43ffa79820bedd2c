package io.rtx.engine.order;

public enum TimeInForce {
    /** Good till cancelled: the remainder rests. */
    GTC,
    /** Immediate or cancel: the remainder is cancelled. */
    IOC,
    /** Fill or kill: fills completely at once or does nothing. */
    FOK,
    /** Good till date: rests until its expiry time passes. */
    GTD
}
