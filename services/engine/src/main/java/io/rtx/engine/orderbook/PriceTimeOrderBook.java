package io.rtx.engine.orderbook;

import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.instrument.SelfTradePolicy;
import io.rtx.engine.marketdata.BestBidOffer;
import io.rtx.engine.marketdata.Depth;
import io.rtx.engine.order.AmendPrice;
import io.rtx.engine.order.CancelOrder;
import io.rtx.engine.order.ExecType;
import io.rtx.engine.order.ExpireOrders;
import io.rtx.engine.order.Liquidity;
import io.rtx.engine.order.Order;
import io.rtx.engine.order.OrderCommand;
import io.rtx.engine.order.OrderStatus;
import io.rtx.engine.order.OrderType;
import io.rtx.engine.order.PlaceOrder;
import io.rtx.engine.order.ReasonCode;
import io.rtx.engine.order.ReduceQuantity;
import io.rtx.engine.order.Side;
import io.rtx.engine.order.TimeInForce;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.objects.ObjectHeapPriorityQueue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Price-time priority book. Orders sit in per-price FIFO levels (O(1) append and unlink), levels in
 * a primitive red-black tree per side (O(log levels)), orders by id in a primitive hash map (O(1)
 * cancel). Nodes are pooled: a command allocates only the events it emits.
 */
public final class PriceTimeOrderBook implements OrderBook {

    private final Instrument instrument;
    private final String symbol;
    private final BookSide bids = new BookSide(Side.BUY);
    private final BookSide asks = new BookSide(Side.SELL);
    private final Long2ObjectOpenHashMap<RestingOrder> orders = new Long2ObjectOpenHashMap<>();
    private final ArrayDeque<RestingOrder> pool = new ArrayDeque<>();
    /**
     * GTD orders by expiry, ties by order id so a restored book expires in the same order; entries of
     * orders that left early are skipped when they surface, and dropped once they head the queue.
     */
    private final ObjectHeapPriorityQueue<Expiry> expiries = new ObjectHeapPriorityQueue<>(
            Comparator.comparingLong(Expiry::expiresAt).thenComparingLong(Expiry::orderId));

    private long reportSequence;
    private long tradeSequence;
    private long prioritySequence;
    private long lastTradePrice;

    private record Expiry(long expiresAt, long orderId) {
    }

    public PriceTimeOrderBook(Instrument instrument) {
        this.instrument = instrument;
        this.symbol = instrument.symbol();
    }

    /** Rebuilds a book that is identical, event for event, to the one the snapshot was taken from. */
    public static PriceTimeOrderBook restore(Instrument instrument, BookSnapshot snapshot) {
        if (!instrument.symbol().equals(snapshot.symbol())) {
            throw new IllegalArgumentException("snapshot of " + snapshot.symbol() + " for " + instrument.symbol());
        }
        PriceTimeOrderBook book = new PriceTimeOrderBook(instrument);
        book.reportSequence = snapshot.reportSequence();
        book.tradeSequence = snapshot.tradeSequence();
        book.prioritySequence = snapshot.prioritySequence();
        book.lastTradePrice = snapshot.lastTradePrice();
        List<BookSnapshot.Entry> byPriority = new ArrayList<>(snapshot.orders());
        byPriority.sort(Comparator.comparingLong(BookSnapshot.Entry::priority));
        for (BookSnapshot.Entry entry : byPriority) {
            Order o = entry.order();
            RestingOrder node = book.node(o.orderId(), o.clientOrderId(), o.accountId(), o.side(), o.type(),
                    o.timeInForce(), o.expiresAt(), entry.postOnly(), o.price(), o.quantity(), o.timestamp());
            node.filled = o.filledQuantity();
            node.priority = entry.priority();
            book.insert(node);
            book.scheduleExpiry(node);
        }
        return book;
    }

    @Override
    public String symbol() {
        return symbol;
    }

    @Override
    public void apply(OrderCommand command, BookEvents events) {
        if (!symbol.equals(command.symbol())) {
            throw new IllegalArgumentException("command for " + command.symbol() + " sent to the " + symbol + " book");
        }
        // Expiry first, so no command ever sees an order whose time has passed.
        expire(command.timestamp(), events);
        if (command instanceof PlaceOrder place) {
            place(place, events);
        } else if (command instanceof CancelOrder cancel) {
            cancel(cancel, events);
        } else if (command instanceof AmendPrice amend) {
            amend(amend, events);
        } else if (command instanceof ReduceQuantity reduce) {
            reduce(reduce, events);
        } else if (!(command instanceof ExpireOrders)) {
            throw new IllegalArgumentException("unknown command " + command);
        }
        // Entries of orders that left early would otherwise make nextExpiry() name an order that is gone.
        while (!expiries.isEmpty() && stale(expiries.first())) {
            expiries.dequeue();
        }
    }

    /** The entry's order left (its id may even rest again, placed anew with another expiry). */
    private boolean stale(Expiry expiry) {
        RestingOrder order = orders.get(expiry.orderId());
        return order == null || order.timeInForce != TimeInForce.GTD || order.expiresAt != expiry.expiresAt();
    }

    private void place(PlaceOrder cmd, BookEvents events) {
        RestingOrder order = node(cmd.orderId(), cmd.clientOrderId(), cmd.accountId(), cmd.side(), cmd.type(),
                cmd.timeInForce(), cmd.expiresAt(), cmd.postOnly(), cmd.price(), cmd.quantity(), cmd.timestamp());
        ReasonCode refusal = refusal(cmd);
        if (refusal != null) {
            report(order, ExecType.REJECTED, OrderStatus.REJECTED, refusal, cmd.timestamp(), events);
            release(order);
            return;
        }
        if (order.expiredAt(cmd.timestamp())) {
            report(order, ExecType.EXPIRED, OrderStatus.EXPIRED, ReasonCode.GTD_EXPIRED, cmd.timestamp(), events);
            release(order);
            return;
        }
        if (cmd.timeInForce() == TimeInForce.FOK && fillable(order) < order.quantity) {
            report(order, ExecType.CANCELED, OrderStatus.CANCELED, ReasonCode.FOK_NOT_FILLABLE, cmd.timestamp(), events);
            release(order);
            return;
        }
        report(order, ExecType.NEW, OrderStatus.NEW, null, cmd.timestamp(), events);
        takeThenRestOrCancel(order, cmd.timestamp(), events);
        if (orders.get(cmd.orderId()) == order) {
            scheduleExpiry(order);
        }
    }

    /** Book-level reasons to refuse a new order; pre-trade risk has already checked the rest. */
    private ReasonCode refusal(PlaceOrder cmd) {
        if (orders.containsKey(cmd.orderId())) {
            return ReasonCode.DUPLICATE_ORDER_ID;
        }
        if (cmd.quantity() <= 0 || cmd.price() <= 0 || cmd.side() == null || cmd.type() == null
                || cmd.timeInForce() == null) {
            return ReasonCode.INVALID_ORDER;
        }
        if (cmd.postOnly() && wouldTake(cmd.side(), cmd.price())) {
            return ReasonCode.POST_ONLY_WOULD_TAKE;
        }
        return null;
    }

    private boolean wouldTake(Side side, long price) {
        PriceLevel best = opposite(side).best();
        return best != null && opposite(side).crosses(best.price, price);
    }

    /** Matches as a taker, then rests a GTC/GTD remainder or cancels any other remainder. */
    private void takeThenRestOrCancel(RestingOrder order, long now, BookEvents events) {
        boolean stopped = match(order, now, events);
        if (order.leaves() == 0) {
            release(order);
        } else if (stopped) {
            report(order, ExecType.CANCELED, OrderStatus.CANCELED, ReasonCode.SELF_TRADE_PREVENTED, now, events);
            release(order);
        } else if (order.type == OrderType.MARKET) {
            report(order, ExecType.CANCELED, OrderStatus.CANCELED, ReasonCode.NO_LIQUIDITY_WITHIN_PROTECTION, now, events);
            release(order);
        } else if (order.timeInForce == TimeInForce.IOC || order.timeInForce == TimeInForce.FOK) {
            report(order, ExecType.CANCELED, OrderStatus.CANCELED, ReasonCode.IOC_REMAINDER, now, events);
            release(order);
        } else {
            rest(order, events);
        }
    }

    /**
     * Trades {@code taker} against the opposite side at the makers' prices while it crosses.
     * Returns true if self-trade prevention stopped the taker.
     */
    private boolean match(RestingOrder taker, long now, BookEvents events) {
        BookSide makers = opposite(taker.side);
        SelfTradePolicy policy = instrument.selfTradePolicy();
        while (taker.leaves() > 0) {
            PriceLevel level = makers.best();
            if (level == null || !makers.crosses(level.price, taker.price)) {
                return false;
            }
            RestingOrder maker = level.head;
            while (maker != null && taker.leaves() > 0) {
                RestingOrder next = maker.next;
                if (maker.accountId == taker.accountId) {
                    if (policy != SelfTradePolicy.CANCEL_NEWEST) {
                        leave(maker, ExecType.CANCELED, OrderStatus.CANCELED, ReasonCode.SELF_TRADE_PREVENTED, now, events);
                    }
                    if (policy != SelfTradePolicy.CANCEL_OLDEST) {
                        return true;
                    }
                } else {
                    fill(taker, maker, now, events);
                }
                maker = next;
            }
        }
        return false;
    }

    private void fill(RestingOrder taker, RestingOrder maker, long now, BookEvents events) {
        PriceLevel level = maker.level;
        long quantity = Math.min(taker.leaves(), maker.leaves());
        long price = level.price;
        maker.filled += quantity;
        taker.filled += quantity;
        level.quantity -= quantity;
        lastTradePrice = price;
        long tradeId = ++tradeSequence;
        boolean takerBuys = taker.side == Side.BUY;
        events.trade(new Trade(symbol, tradeId, price, quantity,
                takerBuys ? taker.orderId : maker.orderId, takerBuys ? taker.accountId : maker.accountId,
                takerBuys ? maker.orderId : taker.orderId, takerBuys ? maker.accountId : taker.accountId,
                taker.side, now));
        fillReport(taker, Liquidity.TAKER, price, quantity, tradeId, now, events);
        fillReport(maker, Liquidity.MAKER, price, quantity, tradeId, now, events);
        if (maker.leaves() == 0) {
            BookSide side = side(maker.side);
            level.unlink(maker);
            orders.remove(maker.orderId);
            events.levelChanged(maker.side, price, level.quantity, level.orders);
            side.removeIfEmpty(level);
            release(maker);
        } else {
            events.levelChanged(maker.side, price, level.quantity, level.orders);
        }
    }

    /** Quantity {@code taker} could trade now, stopping where self-trade prevention would stop it. */
    private long fillable(RestingOrder taker) {
        BookSide makers = opposite(taker.side);
        boolean skipOwn = instrument.selfTradePolicy() == SelfTradePolicy.CANCEL_OLDEST;
        long total = 0;
        for (PriceLevel level : makers.bestFirst()) {
            if (!makers.crosses(level.price, taker.price)) {
                break;
            }
            for (RestingOrder maker = level.head; maker != null; maker = maker.next) {
                if (maker.accountId == taker.accountId) {
                    if (skipOwn) {
                        continue;
                    }
                    return total;
                }
                total += maker.leaves();
                if (total >= taker.quantity) {
                    return total;
                }
            }
        }
        return total;
    }

    private void cancel(CancelOrder cmd, BookEvents events) {
        RestingOrder order = owned(cmd.orderId(), cmd.accountId());
        if (order == null) {
            requestRejected(cmd.orderId(), cmd.accountId(), ReasonCode.UNKNOWN_ORDER, cmd.timestamp(), events);
            return;
        }
        leave(order, ExecType.CANCELED, OrderStatus.CANCELED, ReasonCode.CANCELED_BY_CLIENT, cmd.timestamp(), events);
    }

    private void amend(AmendPrice cmd, BookEvents events) {
        RestingOrder order = owned(cmd.orderId(), cmd.accountId());
        if (order == null) {
            requestRejected(cmd.orderId(), cmd.accountId(), ReasonCode.UNKNOWN_ORDER, cmd.timestamp(), events);
            return;
        }
        if (cmd.newPrice() <= 0) {
            requestRejected(order, ReasonCode.INVALID_ORDER, cmd.timestamp(), events);
            return;
        }
        if (order.postOnly && wouldTake(order.side, cmd.newPrice())) {
            requestRejected(order, ReasonCode.POST_ONLY_WOULD_TAKE, cmd.timestamp(), events);
            return;
        }
        unrest(order, events);
        order.price = cmd.newPrice();
        report(order, ExecType.REPLACED, order.filled == 0 ? OrderStatus.NEW : OrderStatus.PARTIALLY_FILLED,
                null, cmd.timestamp(), events);
        // Losing priority means trading as a taker first, exactly like a new order at the new price.
        takeThenRestOrCancel(order, cmd.timestamp(), events);
    }

    private void reduce(ReduceQuantity cmd, BookEvents events) {
        RestingOrder order = owned(cmd.orderId(), cmd.accountId());
        if (order == null) {
            requestRejected(cmd.orderId(), cmd.accountId(), ReasonCode.UNKNOWN_ORDER, cmd.timestamp(), events);
            return;
        }
        if (cmd.newQuantity() <= order.filled || cmd.newQuantity() >= order.quantity) {
            requestRejected(order, ReasonCode.INVALID_QUANTITY, cmd.timestamp(), events);
            return;
        }
        PriceLevel level = order.level;
        level.quantity -= order.quantity - cmd.newQuantity();
        order.quantity = cmd.newQuantity();
        report(order, ExecType.REPLACED, order.filled == 0 ? OrderStatus.NEW : OrderStatus.PARTIALLY_FILLED,
                null, cmd.timestamp(), events);
        events.levelChanged(order.side, level.price, level.quantity, level.orders);
    }

    private void expire(long now, BookEvents events) {
        while (!expiries.isEmpty() && expiries.first().expiresAt() <= now) {
            Expiry due = expiries.dequeue();
            RestingOrder order = orders.get(due.orderId());
            if (order != null && order.expiredAt(now)) {
                leave(order, ExecType.EXPIRED, OrderStatus.EXPIRED, ReasonCode.GTD_EXPIRED, now, events);
            }
        }
    }

    /** A resting order of this account, or null: another account's id looks exactly like an unknown one. */
    private RestingOrder owned(long orderId, long accountId) {
        RestingOrder order = orders.get(orderId);
        return order != null && order.accountId == accountId ? order : null;
    }

    /** Puts an order at the back of its level: it gets the newest time priority. */
    private void rest(RestingOrder order, BookEvents events) {
        order.priority = ++prioritySequence;
        PriceLevel level = insert(order);
        events.levelChanged(order.side, level.price, level.quantity, level.orders);
    }

    private PriceLevel insert(RestingOrder order) {
        PriceLevel level = side(order.side).levelAt(order.price);
        level.append(order);
        orders.put(order.orderId, order);
        return level;
    }

    private void scheduleExpiry(RestingOrder order) {
        if (order.timeInForce == TimeInForce.GTD) {
            expiries.enqueue(new Expiry(order.expiresAt, order.orderId));
        }
    }

    /** Takes a resting order off its level but keeps it alive (amend). */
    private void unrest(RestingOrder order, BookEvents events) {
        PriceLevel level = order.level;
        BookSide side = side(order.side);
        level.unlink(order);
        orders.remove(order.orderId);
        events.levelChanged(order.side, level.price, level.quantity, level.orders);
        side.removeIfEmpty(level);
    }

    /** Ends a resting order's life with a terminal report. */
    private void leave(RestingOrder order, ExecType execType, OrderStatus status, ReasonCode reason, long now,
                       BookEvents events) {
        unrest(order, events);
        report(order, execType, status, reason, now, events);
        release(order);
    }

    private void fillReport(RestingOrder order, Liquidity liquidity, long price, long quantity, long tradeId,
                            long now, BookEvents events) {
        OrderStatus status = order.leaves() == 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
        events.report(new ExecutionReport(symbol, ++reportSequence, order.orderId, order.clientOrderId,
                order.accountId, order.side, order.type, order.timeInForce, ExecType.TRADE, status, order.price, order.quantity,
                order.filled, price, quantity, liquidity, tradeId, null, now));
    }

    private void report(RestingOrder order, ExecType execType, OrderStatus status, ReasonCode reason, long now,
                        BookEvents events) {
        events.report(new ExecutionReport(symbol, ++reportSequence, order.orderId, order.clientOrderId,
                order.accountId, order.side, order.type, order.timeInForce, execType, status, order.price, order.quantity,
                order.filled, 0, 0, null, 0, reason, now));
    }

    private void requestRejected(RestingOrder order, ReasonCode reason, long now, BookEvents events) {
        report(order, ExecType.REQUEST_REJECTED, order.filled == 0 ? OrderStatus.NEW : OrderStatus.PARTIALLY_FILLED,
                reason, now, events);
    }

    private void requestRejected(long orderId, long accountId, ReasonCode reason, long now, BookEvents events) {
        events.report(new ExecutionReport(symbol, ++reportSequence, orderId, null, accountId, null, null, null,
                ExecType.REQUEST_REJECTED, OrderStatus.REJECTED, 0, 0, 0, 0, 0, null, 0, reason, now));
    }

    private RestingOrder node(long orderId, String clientOrderId, long accountId, Side side, OrderType type,
                              TimeInForce timeInForce, long expiresAt, boolean postOnly, long price, long quantity,
                              long timestamp) {
        RestingOrder node = pool.isEmpty() ? new RestingOrder() : pool.pop();
        node.orderId = orderId;
        node.clientOrderId = clientOrderId;
        node.accountId = accountId;
        node.side = side;
        node.type = type;
        node.timeInForce = timeInForce;
        node.expiresAt = expiresAt;
        node.postOnly = postOnly;
        node.price = price;
        node.quantity = quantity;
        node.filled = 0;
        node.timestamp = timestamp;
        node.priority = 0;
        return node;
    }

    private void release(RestingOrder node) {
        node.clear();
        pool.push(node);
    }

    private BookSide side(Side side) {
        return side == Side.BUY ? bids : asks;
    }

    private BookSide opposite(Side side) {
        return side == Side.BUY ? asks : bids;
    }

    @Override
    public Order order(long orderId) {
        RestingOrder order = orders.get(orderId);
        return order == null ? null : order.view(symbol);
    }

    @Override
    public long priority(long orderId) {
        RestingOrder order = orders.get(orderId);
        return order == null ? -1 : order.priority;
    }

    @Override
    public BookSnapshot.Entry entry(long orderId) {
        RestingOrder order = orders.get(orderId);
        return order == null ? null : new BookSnapshot.Entry(order.view(symbol), order.postOnly, order.priority);
    }

    @Override
    public long reportSequence() {
        return reportSequence;
    }

    @Override
    public long tradeSequence() {
        return tradeSequence;
    }

    @Override
    public long prioritySequence() {
        return prioritySequence;
    }

    @Override
    public int restingOrders() {
        return orders.size();
    }

    @Override
    public long nextExpiry() {
        return expiries.isEmpty() ? NO_EXPIRY : expiries.first().expiresAt();
    }

    @Override
    public long lastTradePrice() {
        return lastTradePrice;
    }

    @Override
    public BestBidOffer bestBidOffer() {
        PriceLevel bid = bids.best();
        PriceLevel ask = asks.best();
        return new BestBidOffer(symbol, bid == null ? 0 : bid.price, bid == null ? 0 : bid.quantity,
                ask == null ? 0 : ask.price, ask == null ? 0 : ask.quantity);
    }

    @Override
    public Depth depth(int levels) {
        return new Depth(symbol, bids.depth(levels), asks.depth(levels));
    }

    @Override
    public BookSnapshot snapshot() {
        List<BookSnapshot.Entry> entries = new ArrayList<>(orders.size());
        for (BookSide side : new BookSide[] {bids, asks}) {
            for (PriceLevel level : side.bestFirst()) {
                for (RestingOrder o = level.head; o != null; o = o.next) {
                    entries.add(entry(o.orderId));
                }
            }
        }
        return new BookSnapshot(symbol, reportSequence, tradeSequence, prioritySequence, lastTradePrice, entries);
    }
}
