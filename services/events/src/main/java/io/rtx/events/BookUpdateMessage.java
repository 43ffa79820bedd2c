package io.rtx.events;

import java.util.List;

/**
 * The L2 levels one command changed, in the order they changed; quantity "0" removes a level.
 * {@code sequence} is the symbol's gap-free book-update sequence.
 */
@SchemaVersion(major = 1, minor = 0)
public record BookUpdateMessage(
        String symbol,
        long sequence,
        List<Level> bids,
        List<Level> asks,
        long timestamp) implements Message {

    public record Level(String price, String quantity, int orders) {
    }
}
