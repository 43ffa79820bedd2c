package io.rtx.events;

/**
 * A JSON event on a topic. {@code schemaVersion} is checked on read: a consumer refuses a version it
 * does not know (the record goes to the dead-letter topic) rather than guessing its meaning.
 */
public sealed interface Message permits OrderCommandMessage, AccountCommandMessage, AccountEventMessage,
        ExecutionReportMessage, TradeMessage, BookUpdateMessage, InstrumentMessage {

    int CURRENT_SCHEMA_VERSION = 1;

    int schemaVersion();
}
