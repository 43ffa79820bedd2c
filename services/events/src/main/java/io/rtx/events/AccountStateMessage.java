package io.rtx.events;

import java.util.List;

/**
 * An account as risk's {@code accounts} store holds it, the value of {@link Topics#ACCOUNTS_CHANGELOG}:
 * risk's own state, and the ledger's source of balances. The store coalesces an account's changes per
 * commit, so the changelog carries its latest state, not every change: {@code version} counts the
 * account's saved changes and only ever increases, so a reader keeps the highest it saw and skips older
 * or repeated values, while jumps are normal. {@code eventSequence} is the sequence of the account's
 * last account event. Amounts are the core's scaled longs with the asset's scale alongside, so writing
 * one formats nothing and a reader needs no instrument to read it. {@code openOrders} is written empty:
 * risk keeps each live order's hold in its own {@code open-orders} store; a value written before that
 * lists the account's orders, and risk moves them there when it first reads it. {@code clientOrderIds}
 * is null until the account claims one.
 */
@SchemaVersion(major = 1, minor = 0)
public record AccountStateMessage(
        long id,
        long version,
        long eventSequence,
        boolean suspended,
        List<BalanceState> balances,
        List<OpenOrderState> openOrders,
        ClientOrderIdCount clientOrderIds) implements Message {

    public AccountStateMessage {
        balances = balances == null ? List.of() : balances;
        openOrders = openOrders == null ? List.of() : openOrders;
    }

    /** Client order ids the account claimed in the period numbered {@code period}: risk's cap, only risk reads it. */
    public record ClientOrderIdCount(long period, long used) {
    }

    /** {@code available} and {@code reserved} count units of 10^-{@code scale} of {@code asset}. */
    public record BalanceState(String asset, int scale, long available, long reserved) {
    }

    /** What the account holds for one live order, in the instrument's scaled longs. */
    public record OpenOrderState(long orderId, String symbol, String side, long price, long pendingPrice,
                                 long leavesQuantity, long reserved) {
    }
}
