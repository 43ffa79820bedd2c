package io.rtx.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rtx.events.testing.LaterWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The wire format across releases. {@code src/test/resources/wire} keeps, per type and version, what a
 * writer of that version wrote for the sample below; the 1.0 files were written by the release before
 * minor versions existed. A change to a message type without a new minor (and a new file) fails here,
 * and so does one that a reader of this release could not take from an older writer.
 */
class WireFormatTest {

    static List<Message> samples() {
        return List.of(
                new OrderCommandMessage(OrderCommandMessage.Kind.PLACE, 42, "c-42", 1001, "BTC-USD", "BUY", "LIMIT",
                        "GTD", 1_700_000_060_000L, true, "30000.00", "0.5000", 1_700_000_000_000L),
                new AccountCommandMessage(AccountCommandMessage.Kind.DEPOSIT, "gateway:7", 1001, "USD",
                        "1000.00000000", 1_700_000_000_000L),
                new AccountEventMessage(3, "gateway:7", 1001, "DEPOSIT", true, null, false,
                        List.of(new AccountEventMessage.BalanceMessage("USD", "1000.00000000", "0.00000000")),
                        1_700_000_000_000L),
                new AccountStateMessage(1001, 12, 3, false,
                        List.of(new AccountStateMessage.BalanceState("USD", 8, 94_990_00000000L, 5_010_00000000L)),
                        List.of(), new AccountStateMessage.ClientOrderIdCount(19_700, 3)),
                new ExecutionReportMessage("MATCHING", "BTC-USD", 9, 42, "c-42", 1001, "BUY", "LIMIT", "GTC", "TRADE",
                        "PARTIALLY_FILLED", "30000.00", "0.5000", "0.2000", "0.3000", "30000.00", "0.2000", "TAKER", 4,
                        null, 1_700_000_000_000L, null),
                new TradeMessage("BTC-USD", 4, "30000.00", "0.2000", 42, 1001, 41, 1002, "BUY", 1_700_000_000_000L),
                new BookUpdateMessage("BTC-USD", 11, List.of(new BookUpdateMessage.Level("29999.00", "1.0000", 2)),
                        List.of(new BookUpdateMessage.Level("30000.00", "0", 0)), 1_700_000_000_000L),
                // 1.1 added referencePrice; a sample without one is what every earlier writer wrote too.
                new InstrumentMessage("BTC-USD", "BTC", 8, "USD", 8, 2, 4, "0.01", "0.0010", "0.0010", "100.0000",
                        "10.00", null, "10000000.00000000", 10, 20, "CANCEL_NEWEST"));
    }

    @Test
    void thereIsASampleOfEveryMessageType() {
        assertThat(samples()).extracting(Object::getClass)
                .containsExactlyInAnyOrder(Message.class.getPermittedSubclasses());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void aRecordIsWrittenExactlyAsItsVersionsFileSays(Message sample) {
        SchemaVersion version = JsonSerde.version(sample.getClass());
        String file = sample.getClass().getSimpleName() + "-" + version.major() + "." + version.minor() + ".json";
        assertThat(new String(JsonSerde.write(sample), StandardCharsets.UTF_8))
                .as("a changed type needs a new minor and its file; a 1.0 record must stay what pre-minor readers read")
                .isEqualTo(read(wire().resolve(file)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void whatEveryEarlierWriterWroteIsRead(Message sample) throws IOException {
        try (Stream<Path> files = Files.list(wire())) {
            List<Path> versions = files.filter(f -> f.getFileName().toString()
                    .startsWith(sample.getClass().getSimpleName() + "-")).toList();
            assertThat(versions).isNotEmpty().allSatisfy(file ->
                    assertThat(readAs(sample, read(file).getBytes(StandardCharsets.UTF_8))).isEqualTo(sample));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void aLaterMinorWithFieldsThisReleaseDoesNotKnowIsRead(Message sample) {
        assertThat(readAs(sample, LaterWriter.nextMinor(sample))).isEqualTo(sample);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void anotherMajorIsRefusedWithTheReason(Message sample) {
        assertThatThrownBy(() -> readAs(sample, LaterWriter.nextMajor(sample)))
                .isInstanceOf(SerializationException.class)
                .hasMessage("unsupported schemaVersion 2 for " + sample.getClass().getSimpleName()
                        + " (this service reads 1.x)");
    }

    @Test
    void aMissingVersionAndANullPrimitiveAreRefused() {
        JsonSerde<TradeMessage> trades = JsonSerde.of(TradeMessage.class);
        String trade = new String(JsonSerde.write(sample(TradeMessage.class)), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> trades.read("t", trade.replace("\"schemaVersion\":1,", "")
                .getBytes(StandardCharsets.UTF_8))).hasMessageStartingWith("unsupported schemaVersion null");
        assertThatThrownBy(() -> trades.read("t", trade.replace("\"tradeId\":4", "\"tradeId\":null")
                .getBytes(StandardCharsets.UTF_8))).hasMessageStartingWith("not a valid TradeMessage");
        assertThatThrownBy(() -> trades.read("t", "[1]".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("not a valid TradeMessage: not a JSON object");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void theVersionIsReadWhereverAWriterPutsItAndNothingMayFollowTheObject(Message sample) {
        String json = new String(JsonSerde.write(sample), StandardCharsets.UTF_8);
        String versionLast = "{" + json.substring(json.indexOf(',') + 1, json.length() - 1) + ",\"schemaVersion\":1}";

        assertThat(readAs(sample, versionLast.getBytes(StandardCharsets.UTF_8))).isEqualTo(sample);
        assertThatThrownBy(() -> readAs(sample, (json + "{}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("not a valid " + sample.getClass().getSimpleName());
    }

    @Test
    void aGlobalTablesDeserializerParsesEachDistinctValueOnceAndStillRefusesBadOnes() {
        var deserializer = JsonSerde.of(TradeMessage.class).memoizingDeserializer(2);
        byte[] trade = JsonSerde.write(sample(TradeMessage.class));

        TradeMessage first = deserializer.deserialize("t", trade);
        assertThat(deserializer.deserialize("t", trade.clone())).isSameAs(first).isEqualTo(sample(TradeMessage.class));
        assertThatThrownBy(() -> deserializer.deserialize("t", "[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
        assertThat(deserializer.deserialize("t", null)).isNull();
    }

    private static <T extends Message> T sample(Class<T> type) {
        return samples().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Message readAs(Message sample, byte[] bytes) {
        return JsonSerde.of((Class<Message>) sample.getClass()).read("any", bytes);
    }

    private static Path wire() {
        try {
            return Path.of(WireFormatTest.class.getResource("/wire").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
