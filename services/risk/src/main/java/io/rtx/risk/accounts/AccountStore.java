package io.rtx.risk.accounts;

import io.rtx.engine.risk.Account;
import io.rtx.streams.StoreSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** The risk processor's changelog-backed account state, keyed by account id. */
public final class AccountStore {

    public static final String NAME = "accounts";

    private final KeyValueStore<String, StoredAccount> store;

    public AccountStore(KeyValueStore<String, StoredAccount> store) {
        this.store = store;
    }

    public static StoreBuilder<KeyValueStore<String, StoredAccount>> builder() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NAME), Serdes.String(),
                StoreSerde.of(StoredAccount.class));
    }

    /** The account and its event counter, or null if it was never opened. */
    public StoredAccount find(long accountId) {
        return store.get(Long.toString(accountId));
    }

    public void save(Account account, long eventSequence) {
        store.put(Long.toString(account.id()), StoredAccount.of(account, eventSequence));
    }
}
