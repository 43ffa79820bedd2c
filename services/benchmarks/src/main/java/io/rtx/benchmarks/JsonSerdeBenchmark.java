package io.rtx.benchmarks;

import io.rtx.events.AccountEventMessage;
import io.rtx.events.BookUpdateMessage;
import io.rtx.events.ExecutionReportMessage;
import io.rtx.events.JsonSerde;
import io.rtx.events.Message;
import io.rtx.events.OrderCommandMessage;
import io.rtx.events.Topics;
import io.rtx.events.TradeMessage;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The JSON cost of one record of each main message type through {@link JsonSerde}, as the processors pay it per
 * record they read or write: write (serialize) and read (deserialize, with the schema-version check).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class JsonSerdeBenchmark {

    @Param({"order-command", "execution-report", "trade", "account-event", "book-update"})
    public String type;

    private Message message;
    private String topic;
    private byte[] json;
    private JsonSerde<? extends Message> serde;

    @Setup
    public void sample() {
        message = switch (type) {
            case "order-command" -> new OrderCommandMessage(OrderCommandMessage.Kind.PLACE, 1_796_000_000_000_123L,
                    "b1796000000000123", 742, "B0-USD", "BUY", "LIMIT", "GTC", 0, false, "10000.03", "0.0050",
                    1_796_000_000_000L);
            case "execution-report" -> new ExecutionReportMessage(ExecutionReportMessage.SOURCE_MATCHING, "B0-USD",
                    81_234, 1_796_000_000_000_123L, "b1796000000000123", 742, "BUY", "LIMIT", "GTC", "TRADE",
                    "PARTIALLY_FILLED", "10000.03", "0.0050", "0.0020", "0.0030", "10000.01", "0.0020", "TAKER",
                    20_117, null, 1_796_000_000_000L, null);
            case "trade" -> new TradeMessage("B0-USD", 20_117, "10000.01", "0.0020", 1_796_000_000_000_123L, 742,
                    1_796_000_000_000_087L, 311, "BUY", 1_796_000_000_000L);
            case "account-event" -> new AccountEventMessage(51, "order:1796000000000123", 742, "BALANCE_CHANGED", true,
                    null, false, List.of(new AccountEventMessage.BalanceMessage("USD", "999999949.99000000",
                    "50.01000000"), new AccountEventMessage.BalanceMessage("B0", "1000000.00000000", "0E-8")),
                    1_796_000_000_000L);
            case "book-update" -> new BookUpdateMessage("B0-USD", 40_311,
                    List.of(new BookUpdateMessage.Level("10000.00", "0.4100", 12)),
                    List.of(new BookUpdateMessage.Level("10000.01", "0.0000", 0)), 1_796_000_000_000L);
            default -> throw new IllegalArgumentException("unknown type " + type);
        };
        topic = switch (type) {
            case "order-command" -> Topics.ORDER_COMMANDS;
            case "execution-report" -> Topics.EXECUTION_REPORTS;
            case "trade" -> Topics.TRADES;
            case "account-event" -> Topics.ACCOUNT_EVENTS;
            default -> Topics.BOOK_UPDATES;
        };
        json = JsonSerde.write(message);
        serde = JsonSerde.of(message.getClass());
        System.out.printf("%n%s: %d bytes%n", type, json.length);
    }

    @Benchmark
    public byte[] write() {
        return JsonSerde.write(message);
    }

    @Benchmark
    public Message read() {
        return serde.deserializer().deserialize(topic, json);
    }
}
