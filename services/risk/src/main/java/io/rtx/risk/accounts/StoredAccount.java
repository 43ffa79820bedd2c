package io.rtx.risk.accounts;

import io.rtx.engine.risk.Account;
import io.rtx.engine.risk.Balance;
import io.rtx.engine.risk.ClientOrderIds;
import io.rtx.engine.risk.OpenOrder;
import java.util.List;

/**
 * An account as the {@code accounts} store keeps it. {@code eventSequence} numbers the account's
 * account events so projections apply each once, in order. {@code clientOrderIdQuota} counts the
 * client order ids the account claimed this period (the ids themselves are in their own store); it
 * rides on the account's record, which every accepted placement writes anyway. Null in a value
 * written before it existed: no claims yet.
 */
public record StoredAccount(long id, boolean suspended, long eventSequence, List<Balance> balances,
                            List<OpenOrder> openOrders, ClientOrderIds.Quota clientOrderIdQuota) {

    public static StoredAccount of(Account account, long eventSequence, ClientOrderIds.Quota quota) {
        return new StoredAccount(account.id(), account.suspended(), eventSequence,
                List.copyOf(account.balances().values()), List.copyOf(account.openOrders()), quota);
    }

    public ClientOrderIds.Quota quota() {
        return clientOrderIdQuota == null ? ClientOrderIds.Quota.NONE : clientOrderIdQuota;
    }

    public Account toAccount() {
        return Account.restore(id, suspended, balances, openOrders);
    }
}
