package io.rtx.engine.settlement;

import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.money.Decimals;
import io.rtx.engine.order.ExecType;
import io.rtx.engine.order.Liquidity;
import io.rtx.engine.order.Side;
import io.rtx.engine.orderbook.ExecutionReport;
import io.rtx.engine.risk.Account;
import io.rtx.engine.risk.OpenOrder;

/**
 * Applies the book's execution reports to the account that owns the order. Each side of a trade is
 * settled from its own report, so accounts on different partitions never need each other.
 * <ul>
 *   <li>TRADE: the buyer spends price × quantity plus its fee from what it held and receives the
 *       base; the seller spends the base it held and receives price × quantity less its fee. Fees are
 *       in the quote asset, rounded down, and returned for the fee account.</li>
 *   <li>After any change the order holds exactly what its remainder needs; the rest (a fill at a
 *       better price, a reduced quantity, a refused amend) goes back to available.</li>
 *   <li>CANCELED, EXPIRED, REJECTED, FILLED: everything still held goes back.</li>
 * </ul>
 * The caller applies each report exactly once; a report for an order the account does not hold
 * (already closed) changes nothing.
 */
public final class Settlement {

    private Settlement() {
    }

    /** Returns the fee charged, in the instrument's quote asset (zero if none). */
    public static long apply(Account account, Instrument instrument, ExecutionReport report) {
        OpenOrder open = account.openOrder(report.orderId());
        if (open == null || report.execType() == ExecType.NEW) {
            return 0;
        }
        String held = OpenOrder.reservedAsset(instrument, open.side());
        long fee = 0;
        if (report.execType() == ExecType.TRADE) {
            fee = settleFill(account, instrument, open, report);
            open = account.openOrder(report.orderId());
        }
        if (report.status().isTerminal()) {
            account.close(report.orderId(), held);
            return fee;
        }
        long price = report.execType() == ExecType.REPLACED ? report.price() : open.price();
        long pending = report.execType() == ExecType.REPLACED || report.execType() == ExecType.REQUEST_REJECTED
                ? 0 : open.pendingPrice();
        OpenOrder remainder = new OpenOrder(open.orderId(), open.symbol(), open.side(), price, pending,
                report.leavesQuantity(), open.reserved());
        long needed = remainder.required(instrument);
        if (needed > open.reserved()) {
            throw new IllegalStateException("order " + open.orderId() + " needs " + needed + " but holds "
                    + open.reserved());
        }
        account.rehold(new OpenOrder(remainder.orderId(), remainder.symbol(), remainder.side(), price, pending,
                remainder.leavesQuantity(), needed), held);
        return fee;
    }

    private static long settleFill(Account account, Instrument instrument, OpenOrder open, ExecutionReport fill) {
        long notional = instrument.quoteAmount(fill.lastPrice(), fill.lastQuantity());
        long fee = Decimals.bpsOfFloor(notional, instrument.feeBps(fill.liquidity() == Liquidity.MAKER));
        long base = instrument.baseAmount(fill.lastQuantity());
        String quoteAsset = instrument.quote().code();
        String baseAsset = instrument.base().code();
        if (open.side() == Side.BUY) {
            account.spendReserved(open.orderId(), quoteAsset, notional + fee);
            account.credit(baseAsset, base);
        } else {
            account.spendReserved(open.orderId(), baseAsset, base);
            if (notional - fee > 0) {
                account.credit(quoteAsset, notional - fee);
            }
        }
        return fee;
    }
}
