package io.rtx.engine.marketdata;

/** Top of book; a missing side has price and quantity zero. */
public record BestBidOffer(String symbol, long bidPrice, long bidQuantity, long askPrice, long askQuantity) {

    public boolean hasBid() {
        return bidQuantity > 0;
    }

    public boolean hasAsk() {
        return askQuantity > 0;
    }
}
