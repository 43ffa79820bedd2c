package io.rtx.ledger;

import static io.rtx.ledger.Messages.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.rtx.events.JsonSerde;
import io.rtx.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

class DeadLetterTest extends LedgerIntegrationTest {

    @Test
    void unreadableAndInvalidRecordsGoToTheDeadLetterTopicAndTheListenerKeepsGoing() {
        String s = "DLQ-USD";
        double before = metrics.deadLetters(Topics.TRADES);
        byte[] garbage = {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef};
        String futureVersion = "{\"schemaVersion\":2,\"symbol\":\"DLQ-USD\",\"tradeId\":1,\"price\":\"1.00\","
                + "\"quantity\":\"1.000\",\"buyOrderId\":1,\"buyAccountId\":1,\"sellOrderId\":2,\"sellAccountId\":2,"
                + "\"takerSide\":\"BUY\",\"timestamp\":1700000000000}";
        sendBytes(Topics.TRADES, "poison-garbage", garbage);
        sendBytes(Topics.TRADES, "poison-version", futureVersion.getBytes(StandardCharsets.UTF_8));
        // Readable, but its price is not a number: fails in the projection, not the deserializer.
        send(Topics.TRADES, "poison-price", trade(s, 1, "one hundred", "1.000", 1_700_000_000_000L));
        // The listener goes on with the next records.
        send(Topics.TRADES, s, trade(s, 1, "10.00", "1.000", 1_700_000_000_000L));

        eventually(() -> assertThat(count("SELECT count(*) FROM trades WHERE symbol = 'DLQ-USD'")).isEqualTo(1));

        Map<String, ConsumerRecord<String, byte[]>> dead = new java.util.HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = deadLetterConsumer()) {
            consumer.subscribe(List.of(Topics.deadLetter(Topics.TRADES)));
            eventually(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> dead.put(r.key(), r));
                assertThat(dead).containsKeys("poison-garbage", "poison-version", "poison-price");
            });
        }
        ConsumerRecord<String, byte[]> garbageLetter = dead.get("poison-garbage");
        assertThat(garbageLetter.value()).isEqualTo(garbage);
        assertThat(header(garbageLetter, Topics.DLQ_SOURCE_HEADER)).isEqualTo(Topics.TRADES);
        assertThat(header(garbageLetter, Topics.DLQ_REASON_HEADER)).startsWith("not a valid TradeMessage");

        ConsumerRecord<String, byte[]> versionLetter = dead.get("poison-version");
        assertThat(new String(versionLetter.value(), StandardCharsets.UTF_8)).isEqualTo(futureVersion);
        assertThat(header(versionLetter, Topics.DLQ_REASON_HEADER)).contains("unsupported schemaVersion 2");

        assertThat(header(dead.get("poison-price"), Topics.DLQ_REASON_HEADER))
                .isEqualTo("price: 'one hundred' is not a decimal number");
        assertThat(metrics.deadLetters(Topics.TRADES) - before).isGreaterThanOrEqualTo(3.0);
    }

    @Test
    void anUnknownFieldOnAnExecutionReportIsRefused() {
        String valid = new String(JsonSerde.write(Messages.newOrder("DLQ-USD", 1, 6001, 6001, 1_700_000_000_000L)),
                StandardCharsets.UTF_8);
        String report = valid.substring(0, valid.length() - 1) + ",\"surprise\":true}";
        sendBytes(Topics.EXECUTION_REPORTS, "poison-field", report.getBytes(StandardCharsets.UTF_8));
        List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = deadLetterConsumer()) {
            consumer.subscribe(List.of(Topics.deadLetter(Topics.EXECUTION_REPORTS)));
            eventually(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if ("poison-field".equals(r.key())) {
                        dead.add(r);
                    }
                });
                assertThat(dead).isNotEmpty();
            });
        }
        assertThat(header(dead.get(0), Topics.DLQ_REASON_HEADER)).contains("surprise");
        assertThat(header(dead.get(0), Topics.DLQ_SOURCE_HEADER)).isEqualTo(Topics.EXECUTION_REPORTS);
    }

    private KafkaConsumer<String, byte[]> deadLetterConsumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
