package io.rtx.ledger;

import static io.rtx.ledger.DeadLetters.header;
import static io.rtx.ledger.Messages.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.rtx.events.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

        Map<String, ConsumerRecord<String, byte[]>> dead = DeadLetters.await(broker.getBrokersAsString(),
                Topics.deadLetter(Topics.TRADES), List.of("poison-garbage", "poison-version", "poison-price"));
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
}
