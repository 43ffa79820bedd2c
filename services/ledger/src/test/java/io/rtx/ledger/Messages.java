package io.rtx.ledger;

import io.rtx.events.AccountEventMessage;
import io.rtx.events.AccountStateMessage;
import io.rtx.events.BookUpdateMessage;
import io.rtx.events.ExecutionReportMessage;
import io.rtx.events.OrderCommandMessage;
import io.rtx.events.TradeMessage;
import java.util.List;

/** Wire messages as the producers write them (decimal strings at the instrument's scale). */
final class Messages {

    private Messages() {
    }

    static ExecutionReportMessage report(String symbol, long sequence, long orderId, long accountId, String execType,
                                         String status, String quantity, String filled, String leaves,
                                         String lastPrice, String lastQuantity, long tradeId, String reason,
                                         long timestamp) {
        return new ExecutionReportMessage(ExecutionReportMessage.SOURCE_MATCHING,
                symbol, sequence, orderId, "c-" + orderId, accountId, "BUY", "LIMIT", "GTC", execType, status, "100.50",
                quantity, filled, leaves, lastPrice, lastQuantity, tradeId == 0 ? null : "MAKER", tradeId, reason,
                timestamp, null);
    }

    static ExecutionReportMessage newOrder(String symbol, long sequence, long orderId, long accountId, long timestamp) {
        return report(symbol, sequence, orderId, accountId, "NEW", "NEW", "2.000", "0.000", "2.000", "0.00", "0.000",
                0, null, timestamp);
    }

    static ExecutionReportMessage riskRejection(String symbol, long orderId, long accountId, String execType,
                                                String reason, long timestamp) {
        return new ExecutionReportMessage(ExecutionReportMessage.SOURCE_RISK, symbol,
                0, orderId, "c-" + orderId, accountId, "SELL", "LIMIT", "GTC", execType, "REJECTED", "99.00", "1.000", "0",
                "0", "0", "0", null, 0, reason, timestamp, null);
    }

    /** Risk's acknowledgement: the accepted order, on its way to the book (keyed by symbol). */
    static OrderCommandMessage accepted(String symbol, long orderId, long accountId, long timestamp) {
        return new OrderCommandMessage(OrderCommandMessage.Kind.PLACE, orderId, "c-" + orderId, accountId, symbol,
                "BUY", "LIMIT", "GTC", 0, false, "100.50", "2.000", timestamp);
    }

    /** Matching's rejection of an accepted order it could not put in a book (no sequence). */
    static ExecutionReportMessage matchingRejection(String symbol, long orderId, long accountId, long timestamp) {
        return new ExecutionReportMessage(ExecutionReportMessage.SOURCE_MATCHING,
                symbol, 0, orderId, "c-" + orderId, accountId, "BUY", "LIMIT", "GTC", "REJECTED", "REJECTED", "100.50",
                "2.000", "0", "0", "0", "0", null, 0, "UNKNOWN_INSTRUMENT", timestamp, null);
    }

    static TradeMessage trade(String symbol, long tradeId, String price, String quantity, long timestamp) {
        return new TradeMessage(symbol, tradeId, price, quantity, 10_000 + tradeId,
                501, 20_000 + tradeId, 502, tradeId % 2 == 0 ? "SELL" : "BUY", timestamp);
    }

    static BookUpdateMessage book(String symbol, long sequence, List<BookUpdateMessage.Level> bids,
                                  List<BookUpdateMessage.Level> asks) {
        return new BookUpdateMessage(symbol, sequence, bids, asks, 1_700_000_000_000L);
    }

    static BookUpdateMessage.Level level(String price, String quantity, int orders) {
        return new BookUpdateMessage.Level(price, quantity, orders);
    }

    static AccountEventMessage accountEvent(long accountId, long sequence, String kind, boolean suspended,
                                            List<AccountEventMessage.BalanceMessage> balances) {
        return new AccountEventMessage(sequence, "cmd-" + accountId + "-" + sequence,
                accountId, kind, true, null, suspended, balances, 1_700_000_000_000L + sequence);
    }

    /** Risk's accounts store value for an account: balances as scaled longs beside their scale. */
    static AccountStateMessage accountState(long accountId, long version, boolean suspended,
                                            List<AccountStateMessage.BalanceState> balances) {
        return new AccountStateMessage(accountId, version, 1, suspended, balances, List.of(), null);
    }

    static AccountStateMessage.BalanceState balanceState(String asset, int scale, long available, long reserved) {
        return new AccountStateMessage.BalanceState(asset, scale, available, reserved);
    }

    static AccountEventMessage.BalanceMessage balance(String asset, String available, String reserved) {
        return new AccountEventMessage.BalanceMessage(asset, available, reserved);
    }
}
