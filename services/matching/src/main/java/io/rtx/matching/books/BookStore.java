package io.rtx.matching.books;

import io.rtx.engine.orderbook.BookSnapshot;
import io.rtx.engine.orderbook.OrderBook;
import io.rtx.streams.StoreSerde;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Persistence of the books of one task, per order (ADR 0002): {@code resting-orders} holds each
 * resting order with its time priority, {@code books} each symbol's counters. Both are
 * changelog-backed, so their writes commit with the outputs of the same command. Both cache their
 * writes until the commit, so the changelogs get one record per symbol and per order changed in a
 * commit, not one per command: an order placed and filled within one commit costs one tombstone.
 */
public final class BookStore {

    public static final String ORDERS = "resting-orders";
    public static final String BOOKS = "books";

    private final KeyValueStore<String, BookSnapshot.Entry> orders;
    private final KeyValueStore<String, StoredBook> books;

    public BookStore(KeyValueStore<String, BookSnapshot.Entry> orders, KeyValueStore<String, StoredBook> books) {
        this.orders = orders;
        this.books = books;
    }

    public static List<StoreBuilder<?>> builders() {
        return List.of(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORDERS), Serdes.String(),
                        StoreSerde.of(BookSnapshot.Entry.class)).withCachingEnabled(),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BOOKS), Serdes.String(),
                        StoreSerde.of(StoredBook.class)).withCachingEnabled());
    }

    /** Every symbol's snapshot in this task's stores: one pass over the orders, at task start only. */
    public Map<String, BookSnapshot> snapshots() {
        Map<String, List<BookSnapshot.Entry>> bySymbol = new HashMap<>();
        try (var all = orders.all()) {
            all.forEachRemaining(kv -> bySymbol.computeIfAbsent(kv.value.order().symbol(), s -> new ArrayList<>())
                    .add(kv.value));
        }
        Map<String, BookSnapshot> snapshots = new HashMap<>();
        try (var all = books.all()) {
            all.forEachRemaining(kv -> snapshots.put(kv.key, new BookSnapshot(kv.key, kv.value.reportSequence(),
                    kv.value.tradeSequence(), kv.value.prioritySequence(), kv.value.lastTradePrice(),
                    bySymbol.getOrDefault(kv.key, List.of()))));
        }
        return snapshots;
    }

    public long bookUpdateSequence(String symbol) {
        StoredBook stored = books.get(symbol);
        return stored == null ? 0 : stored.bookUpdateSequence();
    }

    /** Writes what one command changed: the named orders (or their removal) and the counters. */
    public void save(OrderBook book, Iterable<Long> touchedOrderIds, long bookUpdateSequence) {
        for (long orderId : touchedOrderIds) {
            // An order gone from the book is put as null: a delete without delete()'s read of the old value.
            orders.put(Long.toString(orderId), book.entry(orderId));
        }
        books.put(book.symbol(), new StoredBook(book.reportSequence(), book.tradeSequence(), book.prioritySequence(),
                book.lastTradePrice(), bookUpdateSequence));
    }
}
