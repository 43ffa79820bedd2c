package io.rtx.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.orderbook.BookSnapshot;
import io.rtx.engine.testing.Instruments;
import io.rtx.events.BookUpdateMessage;
import io.rtx.events.ExecutionReportMessage;
import io.rtx.events.InstrumentMessage;
import io.rtx.events.JsonSerde;
import io.rtx.events.Message;
import io.rtx.events.OrderCommandMessage;
import io.rtx.events.Topics;
import io.rtx.events.TradeMessage;
import io.rtx.matching.books.BookStore;
import io.rtx.streams.InstrumentsInForce;
import io.rtx.streams.Outputs;
import io.rtx.streams.TopologyDriver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatchingTopologyTest {

    private static final String SYMBOL = "BTC-USD";

    @TempDir
    Path stateDir;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TopologyDriver matching;

    @BeforeEach
    void start() {
        matching = new TopologyDriver(MatchingTopologyDriver.topology(registry, Duration.ofSeconds(1)),
                "rtx-matching-test", stateDir);
        matching.send(Topics.INSTRUMENTS, SYMBOL, InstrumentMessage.of(Instruments.BTC_USD));
    }

    @AfterEach
    void stop() {
        matching.close();
    }

    private void place(long orderId, long accountId, String side, String tif, long expiresAt, String price,
                       String quantity, long timestamp) {
        matching.send(Topics.ACCEPTED_ORDERS, SYMBOL, new OrderCommandMessage(OrderCommandMessage.Kind.PLACE, orderId,
                "c" + orderId, accountId, SYMBOL, side, "LIMIT", tif, expiresAt, false, price, quantity, timestamp));
    }

    /** Records the store's changelog received since the last call. */
    private List<TestRecord<String, byte[]>> changelog(String store) {
        return matching.driver.createOutputTopic("rtx-matching-test-" + store + "-changelog",
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer()).readRecordsToList();
    }

    private KeyValueStore<String, BookSnapshot.Entry> restingOrders() {
        return matching.driver.getKeyValueStore(BookStore.ORDERS);
    }

    @Test
    void crossingOrdersTradeAndEveryOutputIsKeyedAndSequenced() {
        place(1, 100, "SELL", "GTC", 0, "10000.00", "0.5", 1);
        place(2, 200, "BUY", "GTC", 0, "10001.00", "0.2", 2);

        List<TestRecord<String, byte[]>> raw = matching.driver.createOutputTopic(Topics.EXECUTION_REPORTS,
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer()).readRecordsToList();
        assertThat(raw).extracting(r -> TopologyDriver.header(r.headers(), Outputs.EXEC_TYPE_HEADER))
                .as("what risk skips unread").containsExactly("NEW", "NEW", "TRADE", "TRADE");
        List<KeyValue<String, Message>> reports = raw.stream().map(r -> KeyValue.pair(r.key(),
                (Message) JsonSerde.of(ExecutionReportMessage.class).deserializer().deserialize("t", r.value()))).toList();
        assertThat(reports).extracting(kv -> kv.key).containsExactly("100", "200", "200", "100");
        assertThat(reports).extracting(kv -> ((ExecutionReportMessage) kv.value).sequence()).containsExactly(1L, 2L, 3L, 4L);
        ExecutionReportMessage makerFill = (ExecutionReportMessage) reports.get(3).value;
        assertThat(makerFill.status()).isEqualTo("PARTIALLY_FILLED");
        assertThat(makerFill.lastPrice()).isEqualTo("10000.00");
        assertThat(makerFill.leavesQuantity()).isEqualTo("0.3000");

        List<KeyValue<String, Message>> trades = matching.read(Topics.TRADES);
        assertThat(trades).singleElement().satisfies(kv -> {
            assertThat(kv.key).isEqualTo(SYMBOL);
            TradeMessage trade = (TradeMessage) kv.value;
            assertThat(trade.tradeId()).isEqualTo(1);
            assertThat(trade.quantity()).isEqualTo("0.2000");
        });
        List<BookUpdateMessage> updates = matching.values(Topics.BOOK_UPDATES, BookUpdateMessage.class);
        assertThat(updates).extracting(BookUpdateMessage::sequence).containsExactly(1L, 2L);
        assertThat(updates.get(1).asks()).containsExactly(new BookUpdateMessage.Level("10000.00", "0.3000", 1));
    }

    @Test
    void theStoreHoldsExactlyTheRestingOrders() {
        place(1, 100, "SELL", "GTC", 0, "10000.00", "0.5", 1);
        place(2, 101, "SELL", "GTC", 0, "10002.00", "0.5", 2);
        place(3, 200, "BUY", "GTC", 0, "10001.00", "0.5", 3);

        assertThat(restingOrders().get("1")).as("filled and gone").isNull();
        assertThat(restingOrders().get("2").order().leavesQuantity()).isEqualTo(5_000);
        assertThat(restingOrders().get("3")).isNull();
        try (var all = restingOrders().all()) {
            assertThat(all).toIterable().extracting(kv -> kv.key).containsExactly("2");
        }
    }

    @Test
    void anOrderThatNeverRestedWritesNothingToTheChangelog() {
        place(1, 100, "SELL", "GTC", 0, "10000.00", "0.5", 1);
        changelog(BookStore.ORDERS);
        place(2, 200, "BUY", "IOC", 0, "10001.00", "0.2", 2);
        place(3, 200, "BUY", "IOC", 0, "9000.00", "0.2", 3);

        assertThat(changelog(BookStore.ORDERS)).as("the maker's new leaves quantity only")
                .singleElement().satisfies(r -> {
                    assertThat(r.key()).isEqualTo("1");
                    assertThat(r.value()).isNotNull();
                });
    }

    @Test
    void aRedefinitionThatChangesAScaleWhileOrdersRestIsRefusedAndTheBookTradesOnUnchanged() {
        place(1, 100, "SELL", "GTC", 0, "10000.00", "0.5", 1);
        matching.read(Topics.BOOK_UPDATES);
        Instrument btcUsd = Instruments.BTC_USD;
        // Prices in 0.001 USD, the tick still 0.01: the resting 1,000,000 would mean 1,000.000.
        Instrument rescaled = new Instrument(SYMBOL, btcUsd.base(), btcUsd.quote(), 3, 4, 10, 10, 10, 1_000_000,
                1_000, 0, btcUsd.maxNotional(), 10, 20, btcUsd.selfTradePolicy());
        matching.send(Topics.INSTRUMENTS, SYMBOL, InstrumentMessage.of(rescaled));

        place(2, 200, "BUY", "GTC", 0, "10001.00", "0.2", 2);
        place(3, 201, "BUY", "GTC", 0, "9999.00", "0.1", 3);

        assertThat(matching.values(Topics.TRADES, TradeMessage.class)).singleElement().satisfies(trade -> {
            assertThat(trade.price()).isEqualTo("10000.00");
            assertThat(trade.quantity()).isEqualTo("0.2000");
        });
        assertThat(matching.values(Topics.BOOK_UPDATES, BookUpdateMessage.class)).extracting(BookUpdateMessage::asks)
                .containsExactly(List.of(new BookUpdateMessage.Level("10000.00", "0.3000", 1)), List.of());
        assertThat(restingOrders().get("1").order().price()).isEqualTo(10_000_00);
        assertThat(restingOrders().get("3").order().price()).isEqualTo(9_999_00);
        assertThat(matching.deadLetters(Topics.INSTRUMENTS)).as("reported once, not on every command")
                .singleElement().satisfies(refused -> assertThat(TopologyDriver.header(refused.headers(),
                        Topics.DLQ_REASON_HEADER)).startsWith("SCALE_CHANGED: priceScale:"));
        assertThat(registry.get("rtx.matching.instruments.refused").tag("reason", "SCALE_CHANGED").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("rtx.dead.letters").tag("topic", Topics.INSTRUMENTS).counter().count()).isEqualTo(1);
        // Kept in the task's changelog-backed store, so a restart trades on under the old definition too.
        KeyValueStore<String, InstrumentsInForce.Slot> inForce = matching.driver.getKeyValueStore(InstrumentsInForce.NAME);
        assertThat(inForce.get(SYMBOL)).isEqualTo(new InstrumentsInForce.Slot(InstrumentMessage.of(btcUsd),
                InstrumentMessage.of(rescaled)));

        // Once the definition in force is republished, the refused one is reported again if it comes back.
        matching.send(Topics.INSTRUMENTS, SYMBOL, InstrumentMessage.of(btcUsd));
        place(4, 202, "BUY", "GTC", 0, "9998.00", "0.1", 4);
        matching.send(Topics.INSTRUMENTS, SYMBOL, InstrumentMessage.of(rescaled));
        place(5, 203, "BUY", "GTC", 0, "9997.00", "0.1", 5);
        assertThat(matching.deadLetters(Topics.INSTRUMENTS)).hasSize(1);
    }

    @Test
    void gtdOrdersExpireOnTheWallClockPunctuator() {
        long now = System.currentTimeMillis();
        place(5, 100, "BUY", "GTD", now + 1_500, "9000.00", "0.1", now);
        matching.read(Topics.EXECUTION_REPORTS);

        matching.driver.advanceWallClockTime(Duration.ofSeconds(3));

        List<ExecutionReportMessage> reports = matching.values(Topics.EXECUTION_REPORTS, ExecutionReportMessage.class);
        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo("EXPIRED");
            assertThat(r.reason()).isEqualTo("GTD_EXPIRED");
        });
        assertThat(restingOrders().get("5")).isNull();
    }

    @Test
    void unknownInstrumentAndUnreadableCommandsAreRejectedForRiskToRelease() {
        matching.send(Topics.ACCEPTED_ORDERS, "ETH-USD", new OrderCommandMessage(OrderCommandMessage.Kind.PLACE, 7,
                "c7", 100, "ETH-USD", "BUY", "LIMIT", "GTC", 0, false, "1.00", "1", 1));
        place(8, 100, "BUY", "GTC", 0, "1.001", "1", 2);

        assertThat(matching.values(Topics.EXECUTION_REPORTS, ExecutionReportMessage.class))
                .extracting(ExecutionReportMessage::source, ExecutionReportMessage::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("MATCHING", "UNKNOWN_INSTRUMENT"),
                        org.assertj.core.groups.Tuple.tuple("MATCHING", "INVALID_ORDER"));
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndTheTaskKeepsGoing() {
        matching.sendRaw(Topics.ACCEPTED_ORDERS, SYMBOL, "{".getBytes(StandardCharsets.UTF_8));
        place(9, 100, "BUY", "GTC", 0, "9000.00", "0.1", 1);

        assertThat(matching.deadLetters(Topics.ACCEPTED_ORDERS)).singleElement().satisfies(r ->
                assertThat(TopologyDriver.header(r.headers(), Topics.DLQ_REASON_HEADER)).contains("OrderCommandMessage"));
        assertThat(matching.values(Topics.EXECUTION_REPORTS, ExecutionReportMessage.class))
                .extracting(ExecutionReportMessage::execType).containsExactly("NEW");
        assertThat(registry.get("rtx.dead.letters").counter().count()).isEqualTo(1);
    }
}
