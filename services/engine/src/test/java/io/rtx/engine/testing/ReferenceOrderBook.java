package io.rtx.engine.testing;

import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.instrument.SelfTradePolicy;
import io.rtx.engine.marketdata.BestBidOffer;
import io.rtx.engine.marketdata.Depth;
import io.rtx.engine.marketdata.DepthLevel;
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
import io.rtx.engine.orderbook.BookEvents;
import io.rtx.engine.orderbook.BookSnapshot;
import io.rtx.engine.orderbook.ExecutionReport;
import io.rtx.engine.orderbook.OrderBook;
import io.rtx.engine.orderbook.Trade;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A deliberately naive order book for differential tests: all resting orders in one list, oldest time
 * priority first, and every question answered by scanning it. O(n) or worse per command, but short
 * enough to check against the rules by eye. It follows the semantics of
 * {@link io.rtx.engine.orderbook.PriceTimeOrderBook} event for event, including its reports, trades and
 * level changes; GTD orders due in the same pass expire by expiry time, then by order id.
 */
public final class ReferenceOrderBook implements OrderBook {

    private final String symbol;
    private final SelfTradePolicy selfTradePolicy;
    private final List<Resting> resting = new ArrayList<>();
    private long reportSequence;
    private long tradeSequence;
    private long prioritySequence;
    private long lastTradePrice;

    /** A live order; {@code priority} is set when it starts to rest. */
    private static final class Resting {
        final PlaceOrder placed;
        long price;
        long quantity;
        long filled;
        long priority;

        Resting(PlaceOrder placed) {
            this.placed = placed;
            this.price = placed.price();
            this.quantity = placed.quantity();
        }

        long leaves() {
            return quantity - filled;
        }

        Side side() {
            return placed.side();
        }

        Order view(String symbol) {
            return new Order(placed.orderId(), placed.clientOrderId(), placed.accountId(), symbol, placed.side(),
                    placed.type(), placed.timeInForce(), placed.expiresAt(), price, quantity, filled,
                    placed.timestamp());
        }
    }

    public ReferenceOrderBook(Instrument instrument) {
        this.symbol = instrument.symbol();
        this.selfTradePolicy = instrument.selfTradePolicy();
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
        long now = command.timestamp();
        expireDue(now, events);
        if (command instanceof PlaceOrder place) {
            place(place, now, events);
        } else if (command instanceof CancelOrder cancel) {
            Resting order = owned(cancel.orderId(), cancel.accountId());
            if (order == null) {
                unknownOrder(cancel.orderId(), cancel.accountId(), now, events);
            } else {
                leave(order, ExecType.CANCELED, OrderStatus.CANCELED, ReasonCode.CANCELED_BY_CLIENT, now, events);
            }
        } else if (command instanceof AmendPrice amend) {
            amend(amend, now, events);
        } else if (command instanceof ReduceQuantity reduce) {
            reduce(reduce, now, events);
        } else if (!(command instanceof ExpireOrders)) {
            throw new IllegalArgumentException("unknown command " + command);
        }
    }

    private void expireDue(long now, BookEvents events) {
        List<Resting> due = resting.stream()
                .filter(o -> o.placed.timeInForce() == TimeInForce.GTD && o.placed.expiresAt() <= now)
                .sorted(Comparator.comparingLong((Resting o) -> o.placed.expiresAt())
                        .thenComparingLong(o -> o.placed.orderId()))
                .toList();
        due.forEach(order -> leave(order, ExecType.EXPIRED, OrderStatus.EXPIRED, ReasonCode.GTD_EXPIRED, now, events));
    }

    private void place(PlaceOrder cmd, long now, BookEvents events) {
        Resting order = new Resting(cmd);
        if (find(cmd.orderId()) != null) {
            report(order, ExecType.REJECTED, OrderStatus.REJECTED, ReasonCode.DUPLICATE_ORDER_ID, now, events);
        } else if (cmd.quantity() <= 0 || cmd.price() <= 0 || cmd.side() == null || cmd.type() == null
                || cmd.timeInForce() == null) {
            report(order, ExecType.REJECTED, OrderStatus.REJECTED, ReasonCode.INVALID_ORDER, now, events);
        } else if (cmd.postOnly() && !makersFor(cmd.side(), cmd.price()).isEmpty()) {
            report(order, ExecType.REJECTED, OrderStatus.REJECTED, ReasonCode.POST_ONLY_WOULD_TAKE, now, events);
        } else if (cmd.timeInForce() == TimeInForce.GTD && cmd.expiresAt() <= now) {
            report(order, ExecType.EXPIRED, OrderStatus.EXPIRED, ReasonCode.GTD_EXPIRED, now, events);
        } else if (cmd.timeInForce() == TimeInForce.FOK && fillable(order) < cmd.quantity()) {
            report(order, ExecType.CANCELED, OrderStatus.CANCELED, ReasonCode.FOK_NOT_FILLABLE, now, events);
        } else {
            report(order, ExecType.NEW, OrderStatus.NEW, null, now, events);
            takeThenRestOrCancel(order, now, events);
        }
    }

    private void amend(AmendPrice cmd, long now, BookEvents events) {
        Resting order = owned(cmd.orderId(), cmd.accountId());
        if (order == null) {
            unknownOrder(cmd.orderId(), cmd.accountId(), now, events);
        } else if (cmd.newPrice() <= 0) {
            report(order, ExecType.REQUEST_REJECTED, openStatus(order), ReasonCode.INVALID_ORDER, now, events);
        } else if (order.placed.postOnly() && !makersFor(order.side(), cmd.newPrice()).isEmpty()) {
            report(order, ExecType.REQUEST_REJECTED, openStatus(order), ReasonCode.POST_ONLY_WOULD_TAKE, now, events);
        } else {
            resting.remove(order);
            levelChanged(order.side(), order.price, events);
            order.price = cmd.newPrice();
            report(order, ExecType.REPLACED, openStatus(order), null, now, events);
            takeThenRestOrCancel(order, now, events);
        }
    }

    private void reduce(ReduceQuantity cmd, long now, BookEvents events) {
        Resting order = owned(cmd.orderId(), cmd.accountId());
        if (order == null) {
            unknownOrder(cmd.orderId(), cmd.accountId(), now, events);
        } else if (cmd.newQuantity() <= order.filled || cmd.newQuantity() >= order.quantity) {
            report(order, ExecType.REQUEST_REJECTED, openStatus(order), ReasonCode.INVALID_QUANTITY, now, events);
        } else {
            order.quantity = cmd.newQuantity();
            report(order, ExecType.REPLACED, openStatus(order), null, now, events);
            levelChanged(order.side(), order.price, events);
        }
    }

    private void takeThenRestOrCancel(Resting order, long now, BookEvents events) {
        boolean stoppedBySelfTrade = match(order, now, events);
        if (order.leaves() == 0) {
            return;
        }
        if (stoppedBySelfTrade) {
            report(order, ExecType.CANCELED, OrderStatus.CANCELED, ReasonCode.SELF_TRADE_PREVENTED, now, events);
        } else if (order.placed.type() == OrderType.MARKET) {
            report(order, ExecType.CANCELED, OrderStatus.CANCELED, ReasonCode.NO_LIQUIDITY_WITHIN_PROTECTION, now,
                    events);
        } else if (order.placed.timeInForce() == TimeInForce.IOC || order.placed.timeInForce() == TimeInForce.FOK) {
            report(order, ExecType.CANCELED, OrderStatus.CANCELED, ReasonCode.IOC_REMAINDER, now, events);
        } else {
            order.priority = ++prioritySequence;
            resting.add(order);
            levelChanged(order.side(), order.price, events);
        }
    }

    /** Takes the best maker, one at a time, while the taker crosses; true if self-trade prevention stopped it. */
    private boolean match(Resting taker, long now, BookEvents events) {
        while (taker.leaves() > 0) {
            List<Resting> makers = makersFor(taker.side(), taker.price);
            if (makers.isEmpty()) {
                return false;
            }
            Resting maker = makers.get(0);
            if (maker.placed.accountId() != taker.placed.accountId()) {
                fill(taker, maker, now, events);
                continue;
            }
            if (selfTradePolicy != SelfTradePolicy.CANCEL_NEWEST) {
                leave(maker, ExecType.CANCELED, OrderStatus.CANCELED, ReasonCode.SELF_TRADE_PREVENTED, now, events);
            }
            if (selfTradePolicy != SelfTradePolicy.CANCEL_OLDEST) {
                return true;
            }
        }
        return false;
    }

    private void fill(Resting taker, Resting maker, long now, BookEvents events) {
        long quantity = Math.min(taker.leaves(), maker.leaves());
        long price = maker.price;
        taker.filled += quantity;
        maker.filled += quantity;
        lastTradePrice = price;
        long tradeId = ++tradeSequence;
        Resting buyer = taker.side() == Side.BUY ? taker : maker;
        Resting seller = taker.side() == Side.BUY ? maker : taker;
        events.trade(new Trade(symbol, tradeId, price, quantity, buyer.placed.orderId(), buyer.placed.accountId(),
                seller.placed.orderId(), seller.placed.accountId(), taker.side(), now));
        fillReport(taker, Liquidity.TAKER, price, quantity, tradeId, now, events);
        fillReport(maker, Liquidity.MAKER, price, quantity, tradeId, now, events);
        if (maker.leaves() == 0) {
            resting.remove(maker);
        }
        levelChanged(maker.side(), price, events);
    }

    /** What {@code taker} could fill now, stopping where self-trade prevention would stop it. */
    private long fillable(Resting taker) {
        long total = 0;
        for (Resting maker : makersFor(taker.side(), taker.price)) {
            if (maker.placed.accountId() == taker.placed.accountId()) {
                if (selfTradePolicy == SelfTradePolicy.CANCEL_OLDEST) {
                    continue;
                }
                return total;
            }
            total += maker.leaves();
            if (total >= taker.quantity) {
                return total;
            }
        }
        return total;
    }

    /** Resting orders an order of {@code side} limited at {@code limit} would trade with, in matching order. */
    private List<Resting> makersFor(Side side, long limit) {
        return resting.stream()
                .filter(o -> o.side() != side && (side == Side.BUY ? o.price <= limit : o.price >= limit))
                .sorted(bestFirst(side.opposite()))
                .toList();
    }

    /** Best price first; at one price, oldest priority first. */
    private static Comparator<Resting> bestFirst(Side side) {
        Comparator<Resting> byPrice = Comparator.comparingLong(o -> o.price);
        return (side == Side.BUY ? byPrice.reversed() : byPrice).thenComparingLong(o -> o.priority);
    }

    private void leave(Resting order, ExecType execType, OrderStatus status, ReasonCode reason, long now,
                       BookEvents events) {
        resting.remove(order);
        levelChanged(order.side(), order.price, events);
        report(order, execType, status, reason, now, events);
    }

    private void levelChanged(Side side, long price, BookEvents events) {
        List<Resting> level = resting.stream().filter(o -> o.side() == side && o.price == price).toList();
        events.levelChanged(side, price, level.stream().mapToLong(Resting::leaves).sum(), level.size());
    }

    private static OrderStatus openStatus(Resting order) {
        return order.filled == 0 ? OrderStatus.NEW : OrderStatus.PARTIALLY_FILLED;
    }

    private void report(Resting order, ExecType execType, OrderStatus status, ReasonCode reason, long now,
                        BookEvents events) {
        PlaceOrder p = order.placed;
        events.report(new ExecutionReport(symbol, ++reportSequence, p.orderId(), p.clientOrderId(), p.accountId(),
                p.side(), p.type(), p.timeInForce(), execType, status, order.price, order.quantity, order.filled, 0, 0, null, 0,
                reason, now));
    }

    private void fillReport(Resting order, Liquidity liquidity, long price, long quantity, long tradeId, long now,
                            BookEvents events) {
        PlaceOrder p = order.placed;
        OrderStatus status = order.leaves() == 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
        events.report(new ExecutionReport(symbol, ++reportSequence, p.orderId(), p.clientOrderId(), p.accountId(),
                p.side(), p.type(), p.timeInForce(), ExecType.TRADE, status, order.price, order.quantity, order.filled, price, quantity,
                liquidity, tradeId, null, now));
    }

    /** Another account's order looks exactly like one that does not exist. */
    private void unknownOrder(long orderId, long accountId, long now, BookEvents events) {
        events.report(new ExecutionReport(symbol, ++reportSequence, orderId, null, accountId, null, null, null,
                ExecType.REQUEST_REJECTED, OrderStatus.REJECTED, 0, 0, 0, 0, 0, null, 0, ReasonCode.UNKNOWN_ORDER,
                now));
    }

    private Resting find(long orderId) {
        return resting.stream().filter(o -> o.placed.orderId() == orderId).findFirst().orElse(null);
    }

    private Resting owned(long orderId, long accountId) {
        Resting order = find(orderId);
        return order != null && order.placed.accountId() == accountId ? order : null;
    }

    @Override
    public Order order(long orderId) {
        Resting order = find(orderId);
        return order == null ? null : order.view(symbol);
    }

    @Override
    public long priority(long orderId) {
        Resting order = find(orderId);
        return order == null ? -1 : order.priority;
    }

    @Override
    public BookSnapshot.Entry entry(long orderId) {
        Resting order = find(orderId);
        return order == null ? null : new BookSnapshot.Entry(order.view(symbol), order.placed.postOnly(), order.priority);
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
        return resting.size();
    }

    @Override
    public long nextExpiry() {
        return resting.stream().filter(o -> o.placed.timeInForce() == TimeInForce.GTD)
                .mapToLong(o -> o.placed.expiresAt()).min().orElse(NO_EXPIRY);
    }

    @Override
    public long lastTradePrice() {
        return lastTradePrice;
    }

    @Override
    public BestBidOffer bestBidOffer() {
        List<DepthLevel> bids = levels(Side.BUY, 1);
        List<DepthLevel> asks = levels(Side.SELL, 1);
        return new BestBidOffer(symbol,
                bids.isEmpty() ? 0 : bids.get(0).price(), bids.isEmpty() ? 0 : bids.get(0).quantity(),
                asks.isEmpty() ? 0 : asks.get(0).price(), asks.isEmpty() ? 0 : asks.get(0).quantity());
    }

    @Override
    public Depth depth(int levels) {
        return new Depth(symbol, levels(Side.BUY, levels), levels(Side.SELL, levels));
    }

    private List<DepthLevel> levels(Side side, int max) {
        List<DepthLevel> levels = new ArrayList<>();
        resting.stream().filter(o -> o.side() == side).sorted(bestFirst(side)).mapToLong(o -> o.price).distinct()
                .limit(max)
                .forEach(price -> {
                    List<Resting> level = resting.stream().filter(o -> o.side() == side && o.price == price).toList();
                    levels.add(new DepthLevel(price, level.stream().mapToLong(Resting::leaves).sum(), level.size()));
                });
        return levels;
    }

    @Override
    public BookSnapshot snapshot() {
        List<BookSnapshot.Entry> entries = new ArrayList<>();
        for (Side side : Side.values()) {
            resting.stream().filter(o -> o.side() == side).sorted(bestFirst(side))
                    .forEach(o -> entries.add(new BookSnapshot.Entry(o.view(symbol), o.placed.postOnly(), o.priority)));
        }
        return new BookSnapshot(symbol, reportSequence, tradeSequence, prioritySequence, lastTradePrice, entries);
    }
}
