package io.rtx.engine.order;

/** Expires every GTD order of the symbol whose expiry is at or before {@code timestamp}. */
public record ExpireOrders(String symbol, long timestamp) implements OrderCommand {
}
