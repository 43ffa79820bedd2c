package io.rtx.risk.accounts;

import io.rtx.engine.order.Side;
import io.rtx.engine.risk.Account;
import io.rtx.engine.risk.Balance;
import io.rtx.engine.risk.ClientOrderIds;
import io.rtx.engine.risk.OpenOrder;
import io.rtx.events.AccountStateMessage;
import io.rtx.events.JsonSerde;
import io.rtx.events.Topics;
import io.rtx.streams.StoreSerde;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToIntFunction;
import org.apache.kafka.common.serialization.Serde;
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
 * <p>A record saves what it changed: the account's state if its flags or balances moved, and the one
 * order it named if that order's entry changed; so a save costs the same with 10 open orders or 10,000,
 * and a record that moved nothing writes nothing.
 *
 * <p>The {@code accounts} changelog ({@link Topics#ACCOUNTS_CHANGELOG}) gets one record per changed
 * account per commit, and the ledger projects balances from it, so its value is a contract,
 * {@link AccountStateMessage}, and every save raises the account's {@code version}.
 *
 * <p>The stores stay the truth: every {@link #save} writes through, and a task builds a new
 * {@code AccountStore} whenever Kafka Streams (re)initialises it, so after an aborted transaction
 * the accounts are read back from the restored stores. Callers must save an account they changed
 * before the record's processing ends; the core's rules leave an account untouched when they refuse.
 */
public final class AccountStore {

    public static final String NAME = Topics.RISK_ACCOUNTS_STORE;
    public static final String OPEN_ORDERS = "open-orders";
    private static final StringSerializer KEYS = new StringSerializer();

    /**
     * Written as the contract, with its schema version. Read tolerantly, as every store value is: the store
     * also holds values from before the contract (no version and no scales).
     */
    static final Serde<AccountStateMessage> VALUES = Serdes.serdeFrom(
            JsonSerde.of(AccountStateMessage.class).serializer(),
            StoreSerde.of(AccountStateMessage.class).deserializer());

    private final KeyValueStore<String, AccountStateMessage> accounts;
    private final KeyValueStore<String, OpenOrder> openOrders;
    private final Map<Long, LoadedAccount> recent;
    private final ToIntFunction<String> scales;

    /** @param scales the scale of an asset code, written beside each balance */
    public AccountStore(KeyValueStore<String, AccountStateMessage> accounts, KeyValueStore<String, OpenOrder> openOrders,
                        int recentAccounts, ToIntFunction<String> scales) {
        this.accounts = accounts;
        this.openOrders = openOrders;
        this.scales = scales;
        this.recent = new LinkedHashMap<>(Math.min(recentAccounts, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, LoadedAccount> eldest) {
                return size() > recentAccounts;
            }
        };
    }

    public static List<StoreBuilder<?>> builders() {
        return List.of(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NAME), Serdes.String(), VALUES)
                        .withCachingEnabled(),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OPEN_ORDERS), Serdes.String(),
                        StoreSerde.of(OpenOrder.class)).withCachingEnabled());
    }

    /** The account as the last save left it, or null if it was never opened. */
    public LoadedAccount find(long accountId) {
        LoadedAccount loaded = recent.get(accountId);
        if (loaded == null) {
            AccountStateMessage stored = accounts.get(Long.toString(accountId));
            if (stored == null) {
                return null;
            }
            List<OpenOrder> inline = stored.openOrders().stream().map(AccountStore::openOrder).toList();
            List<OpenOrder> orders = new ArrayList<>(inline);
            try (var iterator = openOrders.prefixScan(accountId + ":", KEYS)) {
                iterator.forEachRemaining(kv -> orders.add(kv.value));
            }
            Account account = Account.restore(accountId, stored.suspended(),
                    stored.balances().stream().map(b -> new Balance(b.asset(), b.available(), b.reserved())).toList(),
                    orders);
            // Before the contract every change published an account event, so the event sequence counted
            // them all: continuing from it keeps versions above what the ledger already holds.
            long version = stored.version() == 0 ? stored.eventSequence() : stored.version();
            loaded = new LoadedAccount(account, stored.eventSequence(), version, stored);
            recent.put(accountId, loaded);
            if (!inline.isEmpty()) {
                // Stored by the release before, with its orders inside: they move to their own store.
                inline.forEach(o -> openOrders.put(key(accountId, o.orderId()), o));
                save(account, stored.eventSequence(), loaded.quota(), null, null);
            }
        }
        return loaded;
    }

    /** Saves a new account, or one changed by an account command: it names no order and claims no id. */
    public void save(Account account, long eventSequence) {
        LoadedAccount previous = recent.get(account.id());
        if (previous == null) {
            previous = find(account.id());
        }
        save(account, eventSequence, previous == null ? ClientOrderIds.Quota.NONE : previous.quota(), null, null);
    }

    /**
     * Saves what processing one record changed: the account if its flags, balances, event sequence or
     * client-order-id count moved (one version above the last saved), and the order {@code orderId} if its
     * entry differs from {@code before} (null: it had none).
     */
    public void save(Account account, long eventSequence, ClientOrderIds.Quota quota, Long orderId,
                     OpenOrder before) {
        if (orderId != null && !Objects.equals(before, account.openOrder(orderId))) {
            openOrders.put(key(account.id(), orderId), account.openOrder(orderId));
        }
        LoadedAccount previous = recent.get(account.id());
        if (previous == null) {
            previous = find(account.id());
        }
        AccountStateMessage state = state(account, eventSequence, previous == null ? 1 : previous.version() + 1,
                quota);
        if (previous != null && previous.stored().openOrders().isEmpty() && sameState(state, previous.stored())) {
            return;
        }
        accounts.put(Long.toString(account.id()), state);
        recent.put(account.id(), new LoadedAccount(account, eventSequence, state.version(), state));
    }

    private AccountStateMessage state(Account account, long eventSequence, long version, ClientOrderIds.Quota quota) {
        return new AccountStateMessage(account.id(), version, eventSequence, account.suspended(),
                account.balances().values().stream().map(b -> new AccountStateMessage.BalanceState(b.asset(),
                        scales.applyAsInt(b.asset()), b.available(), b.reserved())).toList(),
                List.of(), quota.equals(ClientOrderIds.Quota.NONE) ? null
                        : new AccountStateMessage.ClientOrderIdCount(quota.period(), quota.used()));
    }

    /** Equal but for the version: nothing to write. */
    private static boolean sameState(AccountStateMessage a, AccountStateMessage b) {
        return a.eventSequence() == b.eventSequence() && a.suspended() == b.suspended()
                && a.balances().equals(b.balances()) && Objects.equals(a.clientOrderIds(), b.clientOrderIds());
    }

    private static OpenOrder openOrder(AccountStateMessage.OpenOrderState o) {
        return new OpenOrder(o.orderId(), o.symbol(), Side.valueOf(o.side()), o.price(), o.pendingPrice(),
                o.leavesQuantity(), o.reserved());
    }

    private static String key(long accountId, long orderId) {
        return accountId + ":" + orderId;
    }

    /**
     * A live account as the task holds it, with the state last saved: changes made to {@code account} must
     * be followed by {@link AccountStore#save}. {@code eventSequence} numbers its account events,
     * {@code version} its saves.
     */
    public record LoadedAccount(Account account, long eventSequence, long version, AccountStateMessage stored) {

        /** The client order ids the account claimed this period, as last saved. */
        public ClientOrderIds.Quota quota() {
            AccountStateMessage.ClientOrderIdCount count = stored.clientOrderIds();
            return count == null ? ClientOrderIds.Quota.NONE : new ClientOrderIds.Quota(count.period(), count.used());
        }
    }
}
