package io.rtx.risk.accounts;

import io.rtx.engine.risk.Account;
import io.rtx.engine.risk.Balance;
import io.rtx.engine.risk.OpenOrder;
import java.util.List;

/**
 * An account as the {@code accounts} store keeps it: flags and balances, a few entries whatever the
 * account trades. Its open orders are kept one by one in {@code open-orders}, so a change costs the
 * size of what changed. {@code eventSequence} numbers the account's account events so projections
 * apply each once, in order.
 *
 * <p>{@code openOrders} is only read: the release before kept them inside the account, and an account
 * written so moves them to {@code open-orders} the first time it is saved again.
 */
public record StoredAccount(long id, boolean suspended, long eventSequence, List<Balance> balances,
                            List<OpenOrder> openOrders) {

    public StoredAccount {
        balances = balances == null ? List.of() : balances;
        openOrders = openOrders == null ? List.of() : openOrders;
    }

    static StoredAccount of(Account account, long eventSequence) {
        return new StoredAccount(account.id(), account.suspended(), eventSequence,
                List.copyOf(account.balances().values()), List.of());
    }
}
