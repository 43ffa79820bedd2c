package io.rtx.events;

import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Serdes with no-argument constructors, for configuration by class name (Kafka Streams, Spring
 * properties). One per message type.
 */
public final class MessageSerdes {

    private MessageSerdes() {
    }

    /** Reads whichever message the record's topic carries (see {@link Topics}). */
    public static JsonSerde<Message> anyByTopic() {
        return JsonSerde.byTopic(Map.of(
                Topics.ORDER_COMMANDS, OrderCommandMessage.class,
                Topics.ACCEPTED_ORDERS, OrderCommandMessage.class,
                Topics.ACCOUNT_COMMANDS, AccountCommandMessage.class,
                Topics.ACCOUNT_EVENTS, AccountEventMessage.class,
                Topics.EXECUTION_REPORTS, ExecutionReportMessage.class,
                Topics.TRADES, TradeMessage.class,
                Topics.BOOK_UPDATES, BookUpdateMessage.class,
                Topics.INSTRUMENTS, InstrumentMessage.class,
                Topics.ACCOUNTS_CHANGELOG, AccountStateMessage.class));
    }

    /** Distinct values a global table's deserializer keeps parsed (see {@link JsonSerde#memoizingDeserializer}). */
    private static final int GLOBAL_TABLE_VALUES = 10_000;

    /** For the instruments global table. */
    public static final class InstrumentSerde extends Serdes.WrapperSerde<InstrumentMessage> {
        public InstrumentSerde() {
            super(JsonSerde.of(InstrumentMessage.class).serializer(),
                    JsonSerde.of(InstrumentMessage.class).memoizingDeserializer(GLOBAL_TABLE_VALUES));
        }
    }

    /** For the last-trades global table. */
    public static final class TradeSerde extends Serdes.WrapperSerde<TradeMessage> {
        public TradeSerde() {
            super(JsonSerde.of(TradeMessage.class).serializer(),
                    JsonSerde.of(TradeMessage.class).memoizingDeserializer(GLOBAL_TABLE_VALUES));
        }
    }
}
