package io.rtx.risk.accounts;

import io.rtx.engine.risk.Account;
import io.rtx.engine.risk.OpenOrder;
import io.rtx.streams.StoreSerde;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The risk processor's account state: {@code accounts} (account id → flags and balances) and
 * {@code open-orders} ({@code <account>:<order>} → what one live order holds), both changelog-backed
 * with their writes cached until the commit. In front of them, the task's recently used accounts as
 * live objects, so a busy account is parsed once, not on every command and fill.
 *
 * <p>A change is saved as what changed: the account's balances if they moved, and the one order the
 * record named if its entry changed; so a save costs the same with 10 open orders or 10,000.
 *
 * <p>The stores stay the truth: every {@link #save} writes through, and a task builds a new
 * {@code AccountStore} whenever Kafka Streams (re)initialises it, so after an aborted transaction
 * the accounts are read back from the restored stores. Callers must save an account they changed
 * before the record's processing ends; the core's rules leave an account untouched when they refuse.
 */
public final class AccountStore {

    public static final String NAME = "accounts";
    public static final String OPEN_ORDERS = "open-orders";

    private final KeyValueStore<String, StoredAccount> accounts;
    private final KeyValueStore<String, OpenOrder> openOrders;
    private final Map<Long, LoadedAccount> recent;

    public AccountStore(KeyValueStore<String, StoredAccount> accounts, KeyValueStore<String, OpenOrder> openOrders,
                        int recentAccounts) {
        this.accounts = accounts;
        this.openOrders = openOrders;
        this.recent = new LinkedHashMap<>(Math.min(recentAccounts, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, LoadedAccount> eldest) {
                return size() > recentAccounts;
            }
        };
    }

    public static List<StoreBuilder<?>> builders() {
        return List.of(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NAME), Serdes.String(),
                        StoreSerde.of(StoredAccount.class)).withCachingEnabled(),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OPEN_ORDERS), Serdes.String(),
                        StoreSerde.of(OpenOrder.class)).withCachingEnabled());
    }

    /** The account as the last save left it, or null if it was never opened. */
    public LoadedAccount find(long accountId) {
        LoadedAccount loaded = recent.get(accountId);
        if (loaded == null) {
            StoredAccount stored = accounts.get(Long.toString(accountId));
            if (stored == null) {
                return null;
            }
            List<OpenOrder> orders = new ArrayList<>(stored.openOrders());
            try (var iterator = openOrders.prefixScan(accountId + ":", new StringSerializer())) {
                iterator.forEachRemaining(kv -> orders.add(kv.value));
            }
            Account account = Account.restore(accountId, stored.suspended(), stored.balances(), orders);
            if (!stored.openOrders().isEmpty()) {
                // Written by the release before, with its orders inside: they move to their own store.
                stored.openOrders().forEach(o -> openOrders.put(key(accountId, o.orderId()), o));
                stored = StoredAccount.of(account, stored.eventSequence());
                accounts.put(Long.toString(accountId), stored);
            }
            loaded = new LoadedAccount(account, stored.eventSequence(), stored);
            recent.put(accountId, loaded);
        }
        return loaded;
    }

    /** Saves a new account or one changed by an account command: it names no order. */
    public void save(Account account, long eventSequence) {
        save(account, eventSequence, null, null);
    }

    /**
     * Saves what processing one record changed: the account if its flags or balances moved, and the
     * order {@code orderId} if its entry differs from {@code before} (null: it had none).
     */
    public void save(Account account, long eventSequence, Long orderId, OpenOrder before) {
        if (orderId != null && !Objects.equals(before, account.openOrder(orderId))) {
            openOrders.put(key(account.id(), orderId), account.openOrder(orderId));
        }
        LoadedAccount previous = recent.get(account.id());
        StoredAccount stored = StoredAccount.of(account, eventSequence);
        if (previous == null || !stored.equals(previous.stored())) {
            accounts.put(Long.toString(account.id()), stored);
        }
        recent.put(account.id(), new LoadedAccount(account, eventSequence, stored));
    }

    private static String key(long accountId, long orderId) {
        return accountId + ":" + orderId;
    }

    /**
     * A live account as the task holds it, with what its store entry says: changes made to
     * {@code account} must be followed by {@link AccountStore#save}.
     */
    public record LoadedAccount(Account account, long eventSequence, StoredAccount stored) {
    }
}
