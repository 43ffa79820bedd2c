package io.rtx.risk.fees;

import io.rtx.streams.StoreSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Fees a risk task has taken from its accounts' fills and not yet credited to the fee account, per
 * quote asset, in a changelog-backed store. Crediting each fill on its own would send every fill of
 * the exchange through the fee account's single partition; instead each task sweeps what it accrued
 * into one credit per asset every sweep interval. The accrual commits with the fill that paid it and
 * the reset with the credit that sweeps it, so a fee is credited exactly once across restarts.
 */
public final class PendingFees {

    public static final String NAME = "pending-fees";

    private final KeyValueStore<String, PendingFee> store;

    public PendingFees(KeyValueStore<String, PendingFee> store) {
        this.store = store;
    }

    public static StoreBuilder<KeyValueStore<String, PendingFee>> builder() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NAME), Serdes.String(),
                StoreSerde.of(PendingFee.class)).withCachingEnabled();
    }

    public void accrue(String asset, long amount) {
        PendingFee pending = store.get(asset);
        store.put(asset, pending == null ? new PendingFee(amount, 0)
                : new PendingFee(Math.addExact(pending.amount(), amount), pending.sweeps()));
    }

    /** True if some asset has an accrual not yet swept (after a restart, say). */
    public boolean any() {
        try (var all = store.all()) {
            while (all.hasNext()) {
                if (all.next().value.amount() > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Hands every non-zero accrual to {@code credit} (asset, amount, sweep number) and resets it. */
    public void sweep(Credit credit) {
        try (var all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, PendingFee> entry = all.next();
                PendingFee pending = entry.value;
                if (pending.amount() > 0) {
                    long sweep = pending.sweeps() + 1;
                    credit.accept(entry.key, pending.amount(), sweep);
                    store.put(entry.key, new PendingFee(0, sweep));
                }
            }
        }
    }

    /** What one asset's accrual holds; {@code sweeps} numbers its credits so each has its own command id. */
    public record PendingFee(long amount, long sweeps) {
    }

    @FunctionalInterface
    public interface Credit {
        void accept(String asset, long amount, long sweep);
    }
}
