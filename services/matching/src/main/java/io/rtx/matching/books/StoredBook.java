package io.rtx.matching.books;

/** A symbol's counters as the {@code books} store keeps them; the orders are stored one by one. */
public record StoredBook(long reportSequence, long tradeSequence, long prioritySequence, long lastTradePrice,
                        long bookUpdateSequence) {
}
