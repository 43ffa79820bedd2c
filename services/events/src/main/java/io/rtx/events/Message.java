package io.rtx.events;

/**
 * A JSON event on a topic. Each type declares its own {@link SchemaVersion}; {@link JsonSerde} writes
 * it into every record and reads any minor version of it, so old and new releases read each other's
 * records during a rolling upgrade, and refuses a major it does not know (the record goes to the
 * dead-letter topic) rather than guessing its meaning.
 */
public sealed interface Message permits OrderCommandMessage, AccountCommandMessage, AccountEventMessage,
        AccountStateMessage, ExecutionReportMessage, TradeMessage, BookUpdateMessage, InstrumentMessage {
}
