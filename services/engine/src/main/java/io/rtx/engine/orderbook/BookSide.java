package io.rtx.engine.orderbook;

import io.rtx.engine.marketdata.DepthLevel;
import io.rtx.engine.order.Side;
import it.unimi.dsi.fastutil.longs.Long2ObjectRBTreeMap;
import it.unimi.dsi.fastutil.longs.LongComparators;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The price levels of one side, best first. A red-black tree keyed by primitive price gives
 * O(log levels) to reach a level and O(1) to the best one, with no boxing.
 */
final class BookSide {

    final Side side;
    private final Long2ObjectRBTreeMap<PriceLevel> levels;
    private final ArrayDeque<PriceLevel> pool = new ArrayDeque<>();
    /** Cached so the hot path reaches the top of book without a tree lookup. */
    private PriceLevel best;

    BookSide(Side side) {
        this.side = side;
        this.levels = side == Side.BUY
                ? new Long2ObjectRBTreeMap<>(LongComparators.OPPOSITE_COMPARATOR)
                : new Long2ObjectRBTreeMap<>();
    }

    /** The best level, or null when the side is empty. */
    PriceLevel best() {
        return best;
    }

    /** True if an order on the other side at {@code limit} would trade with {@code levelPrice}. */
    boolean crosses(long levelPrice, long limit) {
        return side == Side.SELL ? levelPrice <= limit : levelPrice >= limit;
    }

    private boolean isBetter(long price, long than) {
        return side == Side.BUY ? price > than : price < than;
    }

    PriceLevel levelAt(long price) {
        PriceLevel level = levels.get(price);
        if (level == null) {
            level = pool.isEmpty() ? new PriceLevel() : pool.pop();
            level.price = price;
            levels.put(price, level);
            if (best == null || isBetter(price, best.price)) {
                best = level;
            }
        }
        return level;
    }

    void removeIfEmpty(PriceLevel level) {
        if (level.isEmpty()) {
            levels.remove(level.price);
            if (level == best) {
                best = levels.isEmpty() ? null : levels.get(levels.firstLongKey());
            }
            level.quantity = 0;
            level.orders = 0;
            pool.push(level);
        }
    }

    Iterable<PriceLevel> bestFirst() {
        return levels.values();
    }

    List<DepthLevel> depth(int max) {
        List<DepthLevel> result = new ArrayList<>(Math.min(max, levels.size()));
        for (PriceLevel level : levels.values()) {
            if (result.size() == max) {
                break;
            }
            result.add(new DepthLevel(level.price, level.quantity, level.orders));
        }
        return result;
    }
}
