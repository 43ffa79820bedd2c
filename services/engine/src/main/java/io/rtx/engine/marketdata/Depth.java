package io.rtx.engine.marketdata;

import java.util.List;

/** L2 view: the best levels of each side, best first. */
public record Depth(String symbol, List<DepthLevel> bids, List<DepthLevel> asks) {

    public Depth {
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
    }
}
