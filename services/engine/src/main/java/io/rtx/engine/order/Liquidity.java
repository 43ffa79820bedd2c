package io.rtx.engine.order;

/** Which side of a fill an order was on; decides the fee rate. */
public enum Liquidity {
    /** The order was resting and was hit. */
    MAKER,
    /** The order arrived and took resting liquidity. */
    TAKER
}
