package io.rtx.risk.accounts;

import io.rtx.engine.risk.Account;
import io.rtx.engine.risk.ClientOrderIds;
import io.rtx.streams.StoreSerde;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The risk processor's account state, keyed by account id: a changelog-backed store, and in front of
 * it the task's recently used accounts as live objects, so a busy account is parsed once, not on
 * every command and fill.
 *
 * <p>The store stays the truth: every {@link #save} writes through, and a task builds a new
 * {@code AccountStore} whenever Kafka Streams (re)initialises it, so after an aborted transaction
 * the accounts are read back from the restored store. Callers must save an account they changed
 * before the record's processing ends; the core's rules leave an account untouched when they refuse.
 * The store caches its writes, so the changelog gets one record per account per commit.
 */
public final class AccountStore {

    public static final String NAME = "accounts";

    private final KeyValueStore<String, StoredAccount> store;
    private final Map<Long, LoadedAccount> recent;

    public AccountStore(KeyValueStore<String, StoredAccount> store, int recentAccounts) {
        this.store = store;
        this.recent = new LinkedHashMap<>(Math.min(recentAccounts, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, LoadedAccount> eldest) {
                return size() > recentAccounts;
            }
        };
    }

    public static StoreBuilder<KeyValueStore<String, StoredAccount>> builder() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NAME), Serdes.String(),
                StoreSerde.of(StoredAccount.class)).withCachingEnabled();
    }

    /** The account and its event counter, or null if it was never opened. */
    public LoadedAccount find(long accountId) {
        LoadedAccount loaded = recent.get(accountId);
        if (loaded == null) {
            StoredAccount stored = store.get(Long.toString(accountId));
            if (stored == null) {
                return null;
            }
            loaded = new LoadedAccount(stored.toAccount(), stored.eventSequence(), stored.quota());
            recent.put(accountId, loaded);
        }
        return loaded;
    }

    public void save(Account account, long eventSequence, ClientOrderIds.Quota quota) {
        recent.put(account.id(), new LoadedAccount(account, eventSequence, quota));
        store.put(Long.toString(account.id()), StoredAccount.of(account, eventSequence, quota));
    }

    /**
     * A live account as the task holds it: changes made to {@code account} must be followed by
     * {@link AccountStore#save}.
     */
    public record LoadedAccount(Account account, long eventSequence, ClientOrderIds.Quota quota) {
    }
}
