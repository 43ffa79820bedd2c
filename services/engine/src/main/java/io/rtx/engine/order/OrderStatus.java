package io.rtx.engine.order;

public enum OrderStatus {
    /** Accepted by pre-trade risk, not yet in the book. */
    PENDING_NEW,
    NEW, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED, REJECTED;

    /** Every accepted order ends in exactly one of these. */
    public boolean isTerminal() {
        return this == FILLED || this == CANCELED || this == EXPIRED || this == REJECTED;
    }
}
