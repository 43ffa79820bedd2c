package io.rtx.engine.risk;

import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.order.AmendPrice;
import io.rtx.engine.order.CancelOrder;
import io.rtx.engine.order.OrderType;
import io.rtx.engine.order.PlaceOrder;
import io.rtx.engine.order.ReasonCode;
import io.rtx.engine.order.ReduceQuantity;
import io.rtx.engine.order.Side;
import io.rtx.engine.order.TimeInForce;

/**
 * Pre-trade checks. New orders are checked in a fixed order and the first failure is the reason:
 * <ol>
 *   <li>UNKNOWN_ACCOUNT, UNKNOWN_INSTRUMENT, ACCOUNT_SUSPENDED</li>
 *   <li>INVALID_ORDER (shape: type/TIF/post-only/expiry combinations, positive values),
 *       DUPLICATE_ORDER_ID</li>
 *   <li>PRICE_NOT_ON_TICK, QUANTITY_NOT_ON_LOT, QUANTITY_BELOW_MIN, QUANTITY_ABOVE_MAX</li>
 *   <li>NO_REFERENCE_PRICE (market orders), PRICE_OUTSIDE_BAND (limit orders)</li>
 *   <li>NOTIONAL_ABOVE_CAP, OPEN_ORDER_LIMIT, INSUFFICIENT_BALANCE</li>
 * </ol>
 * An accepted order holds its funds on the account at once. The band's reference price is the symbol's
 * last trade price, or before its first trade the instrument's defined {@link Instrument#referencePrice()};
 * only a definition without one (it predates the field) leaves limits unbanded and refuses market orders
 * until the first trade.
 */
public final class PreTradeRisk {

    private final RiskConfiguration configuration;

    public PreTradeRisk(RiskConfiguration configuration) {
        this.configuration = configuration;
    }

    public RiskConfiguration configuration() {
        return configuration;
    }

    /** {@code lastTradePrice}: the symbol's last trade, 0 if it never traded. */
    public RiskDecision place(PlaceOrder order, Account account, Instrument instrument, long lastTradePrice) {
        ReasonCode reason = identity(account, instrument, true);
        if (reason == null) {
            reason = shape(order, account);
        }
        if (reason == null) {
            reason = steps(order, instrument);
        }
        if (reason != null) {
            return RiskDecision.reject(order, reason);
        }
        long price = order.price();
        long referencePrice = referencePrice(instrument, lastTradePrice);
        if (order.type() == OrderType.MARKET) {
            if (referencePrice <= 0) {
                return RiskDecision.reject(order, ReasonCode.NO_REFERENCE_PRICE);
            }
            price = protectionPrice(instrument, order.side(), referencePrice);
        } else if (!withinBand(instrument, price, referencePrice)) {
            return RiskDecision.reject(order, ReasonCode.PRICE_OUTSIDE_BAND);
        }
        if (!withinNotionalCap(instrument, price, order.quantity())) {
            return RiskDecision.reject(order, ReasonCode.NOTIONAL_ABOVE_CAP);
        }
        if (account.openOrders().size() >= configuration.maxOpenOrders()) {
            return RiskDecision.reject(order, ReasonCode.OPEN_ORDER_LIMIT);
        }
        long required = OpenOrder.required(instrument, order.side(), price, order.quantity());
        OpenOrder hold = new OpenOrder(order.orderId(), order.symbol(), order.side(), price, 0, order.quantity(), required);
        if (!account.open(hold, OpenOrder.reservedAsset(instrument, order.side()))) {
            return RiskDecision.reject(order, ReasonCode.INSUFFICIENT_BALANCE);
        }
        return RiskDecision.accept(order.withPrice(price));
    }

    /** An upward buy amend holds the extra funds now; one amend per order may be in flight. */
    public RiskDecision amendPrice(AmendPrice amend, Account account, Instrument instrument, long lastTradePrice) {
        ReasonCode reason = identity(account, instrument, true);
        OpenOrder open = reason == null ? ownOrder(account, amend.orderId(), amend.symbol()) : null;
        if (reason == null) {
            reason = amendRefusal(amend, open, instrument, referencePrice(instrument, lastTradePrice));
        }
        if (reason != null) {
            return RiskDecision.reject(amend, reason);
        }
        OpenOrder pending = new OpenOrder(open.orderId(), open.symbol(), open.side(), open.price(), amend.newPrice(),
                open.leavesQuantity(), open.reserved());
        long hold = Math.max(open.reserved(), pending.required(instrument));
        OpenOrder held = new OpenOrder(open.orderId(), open.symbol(), open.side(), open.price(), amend.newPrice(),
                open.leavesQuantity(), hold);
        if (!account.rehold(held, OpenOrder.reservedAsset(instrument, open.side()))) {
            return RiskDecision.reject(amend, ReasonCode.INSUFFICIENT_BALANCE);
        }
        return RiskDecision.accept(amend);
    }

    private static ReasonCode amendRefusal(AmendPrice amend, OpenOrder open, Instrument instrument, long reference) {
        if (open == null) {
            return ReasonCode.UNKNOWN_ORDER;
        }
        if (open.pendingPrice() != 0) {
            return ReasonCode.AMEND_PENDING;
        }
        if (!instrument.isOnTick(amend.newPrice())) {
            return ReasonCode.PRICE_NOT_ON_TICK;
        }
        if (!withinBand(instrument, amend.newPrice(), reference)) {
            return ReasonCode.PRICE_OUTSIDE_BAND;
        }
        if (!withinNotionalCap(instrument, amend.newPrice(), open.leavesQuantity())) {
            return ReasonCode.NOTIONAL_ABOVE_CAP;
        }
        return null;
    }

    /** Reductions and cancels only lower risk: allowed even for a suspended account. */
    public RiskDecision reduceQuantity(ReduceQuantity reduce, Account account, Instrument instrument) {
        ReasonCode reason = identity(account, instrument, false);
        if (reason == null && ownOrder(account, reduce.orderId(), reduce.symbol()) == null) {
            reason = ReasonCode.UNKNOWN_ORDER;
        } else if (reason == null && !instrument.isOnLot(reduce.newQuantity())) {
            reason = ReasonCode.QUANTITY_NOT_ON_LOT;
        }
        return reason == null ? RiskDecision.accept(reduce) : RiskDecision.reject(reduce, reason);
    }

    public RiskDecision cancel(CancelOrder cancel, Account account) {
        if (account == null) {
            return RiskDecision.reject(cancel, ReasonCode.UNKNOWN_ACCOUNT);
        }
        if (ownOrder(account, cancel.orderId(), cancel.symbol()) == null) {
            return RiskDecision.reject(cancel, ReasonCode.UNKNOWN_ORDER);
        }
        return RiskDecision.accept(cancel);
    }

    private static ReasonCode identity(Account account, Instrument instrument, boolean addsRisk) {
        if (account == null) {
            return ReasonCode.UNKNOWN_ACCOUNT;
        }
        if (instrument == null) {
            return ReasonCode.UNKNOWN_INSTRUMENT;
        }
        if (addsRisk && account.suspended()) {
            return ReasonCode.ACCOUNT_SUSPENDED;
        }
        return null;
    }

    private static ReasonCode shape(PlaceOrder order, Account account) {
        if (order.side() == null || order.type() == null || order.timeInForce() == null || order.quantity() <= 0) {
            return ReasonCode.INVALID_ORDER;
        }
        TimeInForce tif = order.timeInForce();
        boolean market = order.type() == OrderType.MARKET;
        boolean resting = tif == TimeInForce.GTC || tif == TimeInForce.GTD;
        if ((market && (resting || order.postOnly())) || (!market && order.price() <= 0)
                || (order.postOnly() && !resting)
                || ((tif == TimeInForce.GTD) != (order.expiresAt() != 0))
                || (tif == TimeInForce.GTD && order.expiresAt() <= order.timestamp())) {
            return ReasonCode.INVALID_ORDER;
        }
        if (account.openOrder(order.orderId()) != null) {
            return ReasonCode.DUPLICATE_ORDER_ID;
        }
        return null;
    }

    private static ReasonCode steps(PlaceOrder order, Instrument instrument) {
        if (order.type() == OrderType.LIMIT && !instrument.isOnTick(order.price())) {
            return ReasonCode.PRICE_NOT_ON_TICK;
        }
        if (!instrument.isOnLot(order.quantity())) {
            return ReasonCode.QUANTITY_NOT_ON_LOT;
        }
        if (order.quantity() < instrument.minQuantity()) {
            return ReasonCode.QUANTITY_BELOW_MIN;
        }
        if (order.quantity() > instrument.maxQuantity()) {
            return ReasonCode.QUANTITY_ABOVE_MAX;
        }
        return null;
    }

    private static OpenOrder ownOrder(Account account, long orderId, String symbol) {
        OpenOrder open = account.openOrder(orderId);
        return open != null && open.symbol().equals(symbol) ? open : null;
    }

    /** The band's centre: the last trade, or before the first trade the definition's reference price. */
    public static long referencePrice(Instrument instrument, long lastTradePrice) {
        return lastTradePrice > 0 ? lastTradePrice : instrument.referencePrice();
    }

    /** True if {@code price} lies within the instrument's band around {@code reference} (or there is none). */
    static boolean withinBand(Instrument instrument, long price, long reference) {
        if (reference <= 0) {
            return true;
        }
        try {
            return Math.multiplyExact(Math.abs(price - reference), 10_000L)
                    <= Math.multiplyExact(reference, (long) instrument.priceBandBps());
        } catch (ArithmeticException overflow) {
            return false;
        }
    }

    private static boolean withinNotionalCap(Instrument instrument, long price, long quantity) {
        try {
            return instrument.quoteAmount(price, quantity) <= instrument.maxNotional();
        } catch (ArithmeticException overflow) {
            return false;
        }
    }

    /** The band's edge, on the tick, inside the band: the worst price a market order may trade at. */
    public static long protectionPrice(Instrument instrument, Side side, long reference) {
        long tick = instrument.tickSize();
        long band = (long) instrument.priceBandBps();
        if (side == Side.BUY) {
            long edge = Math.multiplyExact(reference, 10_000L + band) / 10_000L;
            return edge / tick * tick;
        }
        long product = Math.multiplyExact(reference, 10_000L - band);
        long edge = product / 10_000L + (product % 10_000L == 0 ? 0 : 1);
        return Math.max(tick, (edge + tick - 1) / tick * tick);
    }
}
