package io.rtx.engine.risk;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One trading account: balances per asset, live orders with what they hold, and the kill switch.
 * Every change keeps both parts of every balance non-negative (a violation throws, and is a bug).
 * Sorted maps make iteration, and so anything serialised from it, deterministic.
 */
public final class Account {

    private final long id;
    private boolean suspended;
    private final TreeMap<String, Balance> balances = new TreeMap<>();
    private final TreeMap<Long, OpenOrder> openOrders = new TreeMap<>();

    public Account(long id) {
        this.id = id;
    }

    /** Rebuilds an account from its stored parts. */
    public static Account restore(long id, boolean suspended, Collection<Balance> balances,
                                  Collection<OpenOrder> openOrders) {
        Account account = new Account(id);
        account.suspended = suspended;
        balances.forEach(b -> account.balances.put(b.asset(), b));
        openOrders.forEach(o -> account.openOrders.put(o.orderId(), o));
        return account;
    }

    public long id() {
        return id;
    }

    public boolean suspended() {
        return suspended;
    }

    public Balance balance(String asset) {
        return balances.getOrDefault(asset, new Balance(asset, 0, 0));
    }

    public Map<String, Balance> balances() {
        return Collections.unmodifiableMap(balances);
    }

    public OpenOrder openOrder(long orderId) {
        return openOrders.get(orderId);
    }

    public Collection<OpenOrder> openOrders() {
        return Collections.unmodifiableCollection(openOrders.values());
    }

    /** Kill switch: no new orders or amends; returns the live orders, which the caller cancels. */
    public List<OpenOrder> suspend() {
        suspended = true;
        return List.copyOf(openOrders.values());
    }

    public void resume() {
        suspended = false;
    }

    public void credit(String asset, long amount) {
        Balance b = balance(asset);
        put(new Balance(asset, Math.addExact(b.available(), positive(amount)), b.reserved()));
    }

    /** Takes {@code amount} out of available; false (and no change) if there is not enough. */
    public boolean debitAvailable(String asset, long amount) {
        Balance b = balance(asset);
        if (b.available() < positive(amount)) {
            return false;
        }
        put(new Balance(asset, b.available() - amount, b.reserved()));
        return true;
    }

    /** Holds funds for a new order; false (and no change) if available is short. */
    public boolean open(OpenOrder order, String asset) {
        Balance b = balance(asset);
        if (b.available() < order.reserved()) {
            return false;
        }
        put(new Balance(asset, b.available() - order.reserved(), b.reserved() + order.reserved()));
        openOrders.put(order.orderId(), order);
        return true;
    }

    /**
     * Replaces an order's record and moves the difference in what it holds between available and
     * reserved; false (and no change) if it must hold more than is available.
     */
    public boolean rehold(OpenOrder updated, String asset) {
        OpenOrder current = openOrders.get(updated.orderId());
        long delta = updated.reserved() - current.reserved();
        Balance b = balance(asset);
        if (delta > b.available()) {
            return false;
        }
        put(new Balance(asset, b.available() - delta, b.reserved() + delta));
        openOrders.put(updated.orderId(), updated);
        return true;
    }

    /** Spends held funds of an order (a fill); the order's record must be updated after. */
    public void spendReserved(long orderId, String asset, long amount) {
        OpenOrder order = openOrders.get(orderId);
        if (amount > order.reserved()) {
            throw new IllegalStateException("order " + orderId + " spends " + amount + " but holds " + order.reserved());
        }
        Balance b = balance(asset);
        put(new Balance(asset, b.available(), b.reserved() - amount));
        openOrders.put(orderId, new OpenOrder(order.orderId(), order.symbol(), order.side(), order.price(),
                order.pendingPrice(), order.leavesQuantity(), order.reserved() - amount));
    }

    /** The order is over: whatever it still holds goes back to available. */
    public void close(long orderId, String asset) {
        OpenOrder order = openOrders.remove(orderId);
        if (order != null && order.reserved() > 0) {
            Balance b = balance(asset);
            put(new Balance(asset, b.available() + order.reserved(), b.reserved() - order.reserved()));
        }
    }

    private void put(Balance balance) {
        balances.put(balance.asset(), balance);
    }

    private static long positive(long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        return amount;
    }
}
