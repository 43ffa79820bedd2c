package io.rtx.engine.risk;

import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.money.Decimals;
import io.rtx.engine.order.Side;

/**
 * What an account has set aside for one live order. A buy holds quote: price × leaves plus the
 * largest fee it could pay; a sell holds base: leaves. While an upward price amend is in flight the
 * buy holds enough for the higher of the two prices ({@code pendingPrice}).
 */
public record OpenOrder(
        long orderId,
        String symbol,
        Side side,
        long price,
        long pendingPrice,
        long leavesQuantity,
        long reserved) {

    /** Asset held for an order of {@code side} on {@code instrument}. */
    public static String reservedAsset(Instrument instrument, Side side) {
        return side == Side.BUY ? instrument.quote().code() : instrument.base().code();
    }

    /** Amount that must be held for {@code leaves} at {@code price}; throws ArithmeticException on overflow. */
    public static long required(Instrument instrument, Side side, long price, long leaves) {
        if (side == Side.SELL) {
            return instrument.baseAmount(leaves);
        }
        long notional = instrument.quoteAmount(price, leaves);
        return Math.addExact(notional, Decimals.bpsOfCeil(notional, instrument.maxFeeBps()));
    }

    /** What this order needs held right now. */
    public long required(Instrument instrument) {
        return required(instrument, side, Math.max(price, pendingPrice), leavesQuantity);
    }
}
