package io.rtx.engine.marketdata;

/** One aggregated price level: total resting quantity and number of orders at {@code price}. */
public record DepthLevel(long price, long quantity, int orders) {
}
