package io.rtx.engine.order;

public enum OrderType {
    /** Trades at its price or better; may rest. */
    LIMIT,
    /** Sweeps the book up to its protection price (set by risk from the price band) and never rests. */
    MARKET
}
