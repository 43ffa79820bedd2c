package io.rtx.ledger.kafka;

import io.rtx.events.AccountEventMessage;
import io.rtx.events.AccountStateMessage;
import io.rtx.events.BookUpdateMessage;
import io.rtx.events.ExecutionReportMessage;
import io.rtx.events.InstrumentMessage;
import io.rtx.events.Message;
import io.rtx.events.OrderCommandMessage;
import io.rtx.events.Topics;
import io.rtx.events.TradeMessage;
import java.util.List;
import java.util.Map;

/** The topics the ledger reads and the message type on each. */
public final class LedgerTopics {

    public static final Map<String, Class<? extends Message>> TYPES = Map.of(
            Topics.ACCEPTED_ORDERS, OrderCommandMessage.class,
            Topics.EXECUTION_REPORTS, ExecutionReportMessage.class,
            Topics.TRADES, TradeMessage.class,
            Topics.BOOK_UPDATES, BookUpdateMessage.class,
            Topics.ACCOUNT_EVENTS, AccountEventMessage.class,
            Topics.INSTRUMENTS, InstrumentMessage.class,
            Topics.ACCOUNTS_CHANGELOG, AccountStateMessage.class);

    public static final List<String> INPUTS = List.of(Topics.ACCEPTED_ORDERS, Topics.EXECUTION_REPORTS, Topics.TRADES,
            Topics.BOOK_UPDATES, Topics.ACCOUNT_EVENTS, Topics.INSTRUMENTS, Topics.ACCOUNTS_CHANGELOG);

    private LedgerTopics() {
    }
}
