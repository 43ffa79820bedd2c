package io.rtx.engine.order;

/**
 * A command for one symbol's book. Every command carries its own timestamp (epoch milliseconds, set
 * where it entered the system): the core never reads a clock, so replays are byte-identical.
 */
public sealed interface OrderCommand permits PlaceOrder, CancelOrder, AmendPrice, ReduceQuantity, ExpireOrders {

    String symbol();

    long timestamp();
}
