package io.rtx.engine.orderbook;

import io.rtx.engine.order.ExecType;
import io.rtx.engine.order.Liquidity;
import io.rtx.engine.order.OrderStatus;
import io.rtx.engine.order.OrderType;
import io.rtx.engine.order.ReasonCode;
import io.rtx.engine.order.Side;
import io.rtx.engine.order.TimeInForce;

/**
 * One change of one order, for its owner. {@code sequence} counts every report of the symbol
 * (1, 2, 3, ...) so a consumer can detect a gap. For a TRADE, {@code lastPrice}/{@code lastQuantity}
 * describe the fill and {@code tradeId} names the trade; otherwise they are zero.
 */
public record ExecutionReport(
        String symbol,
        long sequence,
        long orderId,
        String clientOrderId,
        long accountId,
        Side side,
        OrderType type,
        TimeInForce timeInForce,
        ExecType execType,
        OrderStatus status,
        long price,
        long quantity,
        long filledQuantity,
        long lastPrice,
        long lastQuantity,
        Liquidity liquidity,
        long tradeId,
        ReasonCode reason,
        long timestamp) {

    /** What is still open: zero once the order is over. */
    public long leavesQuantity() {
        return status.isTerminal() ? 0 : quantity - filledQuantity;
    }
}
