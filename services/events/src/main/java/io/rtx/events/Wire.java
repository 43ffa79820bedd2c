package io.rtx.events;

import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.money.Decimals;
import io.rtx.engine.order.AmendPrice;
import io.rtx.engine.order.CancelOrder;
import io.rtx.engine.order.ExecType;
import io.rtx.engine.order.Liquidity;
import io.rtx.engine.order.OrderCommand;
import io.rtx.engine.order.OrderStatus;
import io.rtx.engine.order.OrderType;
import io.rtx.engine.order.PlaceOrder;
import io.rtx.engine.order.ReasonCode;
import io.rtx.engine.order.ReduceQuantity;
import io.rtx.engine.order.Side;
import io.rtx.engine.order.TimeInForce;
import io.rtx.engine.orderbook.ExecutionReport;
import io.rtx.engine.orderbook.Trade;

/**
 * Conversion between wire messages (decimal strings) and core records (scaled longs) for one
 * instrument. Bad input throws IllegalArgumentException with a message naming the field; adapters
 * turn that into a REJECTED report.
 */
public final class Wire {

    private Wire() {
    }

    public static OrderCommand toCommand(OrderCommandMessage m, Instrument instrument) {
        require(m.kind() != null, "kind", "is required");
        return switch (m.kind()) {
            case PLACE -> new PlaceOrder(m.orderId(), m.clientOrderId(), m.accountId(), m.symbol(),
                    parseEnum(Side.class, m.side(), "side"), parseEnum(OrderType.class, m.type(), "type"),
                    parseEnum(TimeInForce.class, m.timeInForce(), "timeInForce"), m.expiresAt(), m.postOnly(),
                    m.price() == null ? 0 : decimal(m.price(), instrument.priceScale(), "price"),
                    decimal(m.quantity(), instrument.quantityScale(), "quantity"), m.timestamp());
            case CANCEL -> new CancelOrder(m.orderId(), m.accountId(), m.symbol(), m.timestamp());
            case AMEND_PRICE -> new AmendPrice(m.orderId(), m.accountId(), m.symbol(),
                    decimal(m.price(), instrument.priceScale(), "price"), m.timestamp());
            case REDUCE_QUANTITY -> new ReduceQuantity(m.orderId(), m.accountId(), m.symbol(),
                    decimal(m.quantity(), instrument.quantityScale(), "quantity"), m.timestamp());
        };
    }

    /** The command as accepted by risk: same request, with a market order's protection price filled in. */
    public static OrderCommandMessage accepted(OrderCommandMessage request, OrderCommand command, Instrument instrument) {
        String price = command instanceof PlaceOrder place ? instrument.formatPrice(place.price()) : request.price();
        return new OrderCommandMessage(request.kind(), request.orderId(),
                request.clientOrderId(), request.accountId(), request.symbol(), request.side(), request.type(),
                request.timeInForce(), request.expiresAt(), request.postOnly(), price, request.quantity(),
                request.timestamp());
    }

    public static ExecutionReportMessage report(ExecutionReport r, Instrument i) {
        return new ExecutionReportMessage(ExecutionReportMessage.SOURCE_MATCHING,
                r.symbol(), r.sequence(), r.orderId(), r.clientOrderId(), r.accountId(), name(r.side()),
                name(r.type()), name(r.timeInForce()), r.execType().name(), r.status().name(), i.formatPrice(r.price()),
                i.formatQuantity(r.quantity()), i.formatQuantity(r.filledQuantity()),
                i.formatQuantity(r.leavesQuantity()), i.formatPrice(r.lastPrice()), i.formatQuantity(r.lastQuantity()),
                name(r.liquidity()), r.tradeId(), name(r.reason()), r.timestamp(), null);
    }

    public static ExecutionReport report(ExecutionReportMessage m, Instrument i) {
        return new ExecutionReport(m.symbol(), m.sequence(), m.orderId(), m.clientOrderId(), m.accountId(),
                parseOptional(Side.class, m.side()), parseOptional(OrderType.class, m.type()),
                parseOptional(TimeInForce.class, m.timeInForce()), ExecType.valueOf(m.execType()), OrderStatus.valueOf(m.status()),
                orZero(m.price(), i.priceScale()), orZero(m.quantity(), i.quantityScale()),
                orZero(m.filledQuantity(), i.quantityScale()), orZero(m.lastPrice(), i.priceScale()),
                orZero(m.lastQuantity(), i.quantityScale()),
                parseOptional(Liquidity.class, m.liquidity()), m.tradeId(),
                parseOptional(ReasonCode.class, m.reason()), m.timestamp());
    }

    /**
     * A command refused before it reached a book: by risk (source RISK), or by matching when the
     * instrument vanished or the accepted command cannot be read (source MATCHING, so risk releases
     * what the order holds). Sequence 0: no book counted it.
     */
    /**
     * A new order as risk's acceptance leaves it (PENDING_NEW, nothing filled), for the readers of the
     * accepted-order record that show the order before the book's first report: the gateway's answer
     * and the ledger's row. Risk publishes no such report; the accepted order is the acknowledgement.
     */
    public static ExecutionReportMessage pendingNew(OrderCommandMessage accepted) {
        return new ExecutionReportMessage(ExecutionReportMessage.SOURCE_RISK, accepted.symbol(), 0,
                accepted.orderId(), accepted.clientOrderId(), accepted.accountId(), accepted.side(), accepted.type(),
                accepted.timeInForce(), ExecType.PENDING_NEW.name(), OrderStatus.PENDING_NEW.name(), accepted.price(),
                accepted.quantity(), "0", accepted.quantity(), "0", "0", null, 0, null, accepted.timestamp(), null);
    }

    public static ExecutionReportMessage rejection(String source, OrderCommandMessage m, ReasonCode reason,
                                                   long timestamp) {
        return refusal(source, m, reason, timestamp, null);
    }

    /**
     * Risk's answer to a new order whose client order id an accepted order already holds: a rejection
     * of the retry (its own order id) naming the original, which is the order the client has.
     */
    public static ExecutionReportMessage duplicate(OrderCommandMessage m, long originalOrderId, long timestamp) {
        return refusal(ExecutionReportMessage.SOURCE_RISK, m, ReasonCode.DUPLICATE_CLIENT_ORDER_ID, timestamp,
                originalOrderId);
    }

    private static ExecutionReportMessage refusal(String source, OrderCommandMessage m, ReasonCode reason,
                                                  long timestamp, Long originalOrderId) {
        boolean place = m.kind() == OrderCommandMessage.Kind.PLACE;
        return new ExecutionReportMessage(source,
                m.symbol(), 0, m.orderId(), m.clientOrderId(), m.accountId(), m.side(), m.type(), m.timeInForce(),
                place ? ExecType.REJECTED.name() : ExecType.REQUEST_REJECTED.name(), OrderStatus.REJECTED.name(),
                m.price(), m.quantity(), "0", "0", "0", "0", null, 0, reason.name(), timestamp, originalOrderId);
    }

    public static TradeMessage trade(Trade t, Instrument i) {
        return new TradeMessage(t.symbol(), t.tradeId(), i.formatPrice(t.price()),
                i.formatQuantity(t.quantity()), t.buyOrderId(), t.buyAccountId(), t.sellOrderId(), t.sellAccountId(),
                t.takerSide().name(), t.timestamp());
    }

    public static long decimal(String text, int scale, String field) {
        if (text == null) {
            throw new IllegalArgumentException(field + ": is required");
        }
        try {
            return Decimals.parse(text, scale);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage());
        }
    }

    /** Report fields are absent where they do not apply (a refused cancel has no price). */
    private static long orZero(String text, int scale) {
        return text == null ? 0 : Decimals.parse(text, scale);
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String field) {
        require(value != null, field, "is required");
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": '" + value + "' is not one of "
                    + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    private static <E extends Enum<E>> E parseOptional(Class<E> type, String value) {
        return value == null ? null : Enum.valueOf(type, value);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static void require(boolean condition, String field, String message) {
        if (!condition) {
            throw new IllegalArgumentException(field + ": " + message);
        }
    }
}
