package io.rtx.risk.accounts;

import io.rtx.engine.order.Side;
import io.rtx.engine.risk.Account;
import io.rtx.engine.risk.Balance;
import io.rtx.engine.risk.OpenOrder;
import io.rtx.events.AccountStateMessage;
import io.rtx.events.JsonSerde;
import io.rtx.events.Topics;
import io.rtx.streams.StoreSerde;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.apache.kafka.common.serialization.Serde;
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
 * The store caches its writes, so the changelog ({@link Topics#ACCOUNTS_CHANGELOG}) gets one record
 * per account per commit: the ledger projects balances from it, so its value is a contract,
 * {@link AccountStateMessage}, and every save raises the account's {@code version}.
 */
public final class AccountStore {

    public static final String NAME = Topics.RISK_ACCOUNTS_STORE;

    /**
     * Written as the contract, with its schema version. Read tolerantly, as every store value is: the store
     * also holds values from before the contract (no version and no scales).
     */
    static final Serde<AccountStateMessage> VALUES = Serdes.serdeFrom(
            JsonSerde.of(AccountStateMessage.class).serializer(),
            StoreSerde.of(AccountStateMessage.class).deserializer());

    private final KeyValueStore<String, AccountStateMessage> store;
    private final Map<Long, LoadedAccount> recent;
    private final ToIntFunction<String> scales;

    /** @param scales the scale of an asset code, written beside each balance */
    public AccountStore(KeyValueStore<String, AccountStateMessage> store, int recentAccounts,
                        ToIntFunction<String> scales) {
        this.store = store;
        this.scales = scales;
        this.recent = new LinkedHashMap<>(Math.min(recentAccounts, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, LoadedAccount> eldest) {
                return size() > recentAccounts;
            }
        };
    }

    public static StoreBuilder<KeyValueStore<String, AccountStateMessage>> builder() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NAME), Serdes.String(), VALUES)
                .withCachingEnabled();
    }

    /** The account and its counters, or null if it was never opened. */
    public LoadedAccount find(long accountId) {
        LoadedAccount loaded = recent.get(accountId);
        if (loaded == null) {
            AccountStateMessage stored = store.get(Long.toString(accountId));
            if (stored == null) {
                return null;
            }
            // Before the contract every change published an account event, so the event sequence counted
            // them all: continuing from it keeps versions above what the ledger already holds.
            long version = stored.version() == 0 ? stored.eventSequence() : stored.version();
            loaded = new LoadedAccount(toAccount(stored), stored.eventSequence(), version);
            recent.put(accountId, loaded);
        }
        return loaded;
    }

    /** Saves a changed account, one version above the one last saved. */
    public void save(Account account, long eventSequence) {
        LoadedAccount previous = find(account.id());
        long version = (previous == null ? 0 : previous.version()) + 1;
        recent.put(account.id(), new LoadedAccount(account, eventSequence, version));
        store.put(Long.toString(account.id()), new AccountStateMessage(account.id(), version, eventSequence,
                account.suspended(),
                account.balances().values().stream().map(b -> new AccountStateMessage.BalanceState(b.asset(),
                        scales.applyAsInt(b.asset()), b.available(), b.reserved())).toList(),
                account.openOrders().stream().map(o -> new AccountStateMessage.OpenOrderState(o.orderId(),
                        o.symbol(), o.side().name(), o.price(), o.pendingPrice(), o.leavesQuantity(),
                        o.reserved())).toList()));
    }

    private static Account toAccount(AccountStateMessage stored) {
        return Account.restore(stored.id(), stored.suspended(),
                stored.balances().stream().map(b -> new Balance(b.asset(), b.available(), b.reserved())).toList(),
                stored.openOrders().stream().map(o -> new OpenOrder(o.orderId(), o.symbol(), Side.valueOf(o.side()),
                        o.price(), o.pendingPrice(), o.leavesQuantity(), o.reserved())).toList());
    }

    /**
     * A live account as the task holds it: changes made to {@code account} must be followed by
     * {@link AccountStore#save}. {@code eventSequence} numbers its account events, {@code version} its saves.
     */
    public record LoadedAccount(Account account, long eventSequence, long version) {
    }
}
