package io.rtx.risk.accounts;

import io.rtx.engine.risk.Account;
import io.rtx.engine.risk.Balance;
import io.rtx.engine.risk.OpenOrder;
import java.util.List;

/**
 * An account as the {@code accounts} store keeps it. {@code eventSequence} numbers the account's
 * account events so projections apply each once, in order.
 */
public record StoredAccount(long id, boolean suspended, long eventSequence, List<Balance> balances,
                            List<OpenOrder> openOrders) {

    public static StoredAccount of(Account account, long eventSequence) {
        return new StoredAccount(account.id(), account.suspended(), eventSequence,
                List.copyOf(account.balances().values()), List.copyOf(account.openOrders()));
    }

    public Account toAccount() {
        return Account.restore(id, suspended, balances, openOrders);
    }
}
