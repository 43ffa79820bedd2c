package io.rtx.ledger.marketdata;

import java.util.List;

/**
 * Redis key names of the hot views (the gateway reads them; see docs/ledger.md). The symbol sits in
 * braces, a Redis Cluster hash tag, so all keys of one symbol live in one slot and the book script may
 * touch them atomically on a cluster too.
 */
public final class RedisKeys {

    /** Patterns of every key the ledger owns, deleted on rebuild. */
    public static final List<String> PATTERNS = List.of("rtx:book:*", "rtx:last-trade:*", "rtx:ticker:*");

    private RedisKeys() {
    }

    /** JSON: {symbol, sequence, bids[top N, best first], asks[top N, best first]}, levels {price, quantity, orders}. */
    public static String bookTop(String symbol) {
        return "rtx:book:{" + symbol + "}";
    }

    /** Hash price → level JSON, every level of the side (updates are per level, so the full depth is kept). */
    public static String bookSide(String symbol, String side) {
        return "rtx:book:{" + symbol + "}:" + side;
    }

    /** Sorted set of the side's prices, for ordering only (score = price). */
    public static String bookIndex(String symbol, String side) {
        return "rtx:book:{" + symbol + "}:" + side + ":index";
    }

    public static String bookSequence(String symbol) {
        return "rtx:book:{" + symbol + "}:seq";
    }

    /** JSON {expected, got} of the last sequence gap; present only if the view has seen one since the last rebuild. */
    public static String bookGap(String symbol) {
        return "rtx:book:{" + symbol + "}:gap";
    }

    public static String lastTrade(String symbol) {
        return "rtx:last-trade:{" + symbol + "}";
    }

    public static String ticker(String symbol) {
        return "rtx:ticker:{" + symbol + "}";
    }
}
