package io.rtx.risk.clientorders;

import io.rtx.engine.risk.ClientOrderIds;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The client order ids accepted orders claimed, in a changelog-backed window store of their own: key
 * {@code <accountId>:<clientOrderId>}, value the order id, window start the order's timestamp. The
 * store keeps a claim for its retention (the rule's window) and then drops it by whole segments, so an
 * expired claim costs no tombstone; each claim is one changelog record.
 */
public final class ClaimedClientOrderIds {

    public static final String NAME = "client-order-ids";

    private final WindowStore<String, Long> store;
    private final ClientOrderIds rule;

    public ClaimedClientOrderIds(WindowStore<String, Long> store, ClientOrderIds rule) {
        this.store = store;
        this.rule = rule;
    }

    /** Each claim is an instant, so its window is a millisecond; the retention is the rule's window. */
    public static StoreBuilder<WindowStore<String, Long>> builder(ClientOrderIds rule) {
        return Stores.windowStoreBuilder(Stores.persistentWindowStore(NAME,
                Duration.ofMillis(rule.retentionMillis()), Duration.ofMillis(1), false), Serdes.String(), Serdes.Long());
    }

    /** The latest claim on the id within the rule's window around {@code at} (either side), or null. */
    public ClientOrderIds.Claim latest(long accountId, String clientOrderId, long at) {
        long window = rule.retentionMillis();
        Instant from = Instant.ofEpochMilli(Math.max(0, at - window));
        Instant to = Instant.ofEpochMilli(at > Long.MAX_VALUE - window ? Long.MAX_VALUE : at + window);
        try (WindowStoreIterator<Long> claims = store.backwardFetch(key(accountId, clientOrderId), from, to)) {
            if (!claims.hasNext()) {
                return null;
            }
            KeyValue<Long, Long> claim = claims.next();
            return new ClientOrderIds.Claim(claim.value, claim.key);
        }
    }

    public void claim(long accountId, String clientOrderId, long orderId, long at) {
        store.put(key(accountId, clientOrderId), orderId, at);
    }

    /** Account ids are numbers, so the first colon ends the account whatever the client order id holds. */
    static String key(long accountId, String clientOrderId) {
        return accountId + ":" + clientOrderId;
    }
}
