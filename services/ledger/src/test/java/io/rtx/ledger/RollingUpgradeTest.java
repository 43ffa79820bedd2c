package io.rtx.ledger;

import static io.rtx.ledger.DeadLetters.header;
import static io.rtx.ledger.Messages.accountEvent;
import static io.rtx.ledger.Messages.accountState;
import static io.rtx.ledger.Messages.balance;
import static io.rtx.ledger.Messages.balanceState;
import static io.rtx.ledger.Messages.book;
import static io.rtx.ledger.Messages.level;
import static io.rtx.ledger.Messages.newOrder;
import static io.rtx.ledger.Messages.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.rtx.events.InstrumentMessage;
import io.rtx.events.Message;
import io.rtx.events.Topics;
import io.rtx.events.testing.LaterWriter;
import io.rtx.ledger.kafka.LedgerTopics;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ledger during a rolling upgrade, reading records of a later release: every type it projects is
 * projected at a newer minor version with a field it does not know; a major version it does not know
 * is dead-lettered with the reason.
 */
class RollingUpgradeTest extends LedgerIntegrationTest {

    private static final long T0 = 1_700_000_000_000L;

    @Test
    void everyTypeTheLedgerReadsIsProjectedAtANewerMinorWithAFieldItDoesNotKnow() {
        Map<String, Double> deadLettersBefore = deadLetters();
        later(Topics.INSTRUMENTS, "UPG-USD", instrument("UPG-USD"));
        later(Topics.EXECUTION_REPORTS, "9701", newOrder("UPG-USD", 1, 97_001, 9701, T0));
        later(Topics.ACCEPTED_ORDERS, "UPG-USD", Messages.accepted("UPG-USD", 97_003, 9701, T0));
        later(Topics.TRADES, "UPG-USD", trade("UPG-USD", 1, "10.00", "1.000", T0));
        later(Topics.BOOK_UPDATES, "UPG-USD", book("UPG-USD", 1, List.of(level("9.00", "2.000", 1)), List.of()));
        later(Topics.ACCOUNT_EVENTS, "9701", accountEvent(9701, 1, "DEPOSIT", false,
                List.of(balance("USD", "5.00", "0.00"))));
        later(Topics.ACCOUNTS_CHANGELOG, "9701", accountState(9701, 2, false, List.of(balanceState("USD", 2, 500, 0))));

        eventually(() -> {
            assertThat(count("SELECT count(*) FROM instruments WHERE symbol = 'UPG-USD'")).isEqualTo(1);
            assertThat(row("SELECT status FROM orders WHERE order_id = 97001").get("status")).isEqualTo("NEW");
            assertThat(row("SELECT status FROM orders WHERE order_id = 97003").get("status")).isEqualTo("PENDING_NEW");
            assertThat(row("SELECT price FROM trades WHERE symbol = 'UPG-USD' AND trade_id = 1").get("price"))
                    .isEqualTo(new BigDecimal("10.00"));
            assertThat(redisGet("rtx:book:{UPG-USD}:seq")).isEqualTo("1");
            assertThat(row("SELECT available FROM balances WHERE account_id = 9701 AND asset = 'USD'")
                    .get("available")).isEqualTo(new BigDecimal("5.00"));
            assertThat(count("SELECT count(*) FROM account_events WHERE account_id = 9701")).isEqualTo(1);
        });
        assertThat(deadLetters()).isEqualTo(deadLettersBefore);
    }

    @Test
    void aMajorTheLedgerDoesNotReadIsDeadLetteredWithTheReason() {
        Map<String, Message> records = Map.of(
                Topics.INSTRUMENTS, instrument("UPG2-USD"),
                Topics.EXECUTION_REPORTS, newOrder("UPG2-USD", 1, 97_002, 9702, T0),
                Topics.ACCEPTED_ORDERS, Messages.accepted("UPG2-USD", 97_004, 9702, T0),
                Topics.TRADES, trade("UPG2-USD", 1, "10.00", "1.000", T0),
                Topics.BOOK_UPDATES, book("UPG2-USD", 1, List.of(level("9.00", "2.000", 1)), List.of()),
                Topics.ACCOUNT_EVENTS, accountEvent(9702, 1, "DEPOSIT", false,
                        List.of(balance("USD", "5.00", "0.00"))),
                Topics.ACCOUNTS_CHANGELOG, accountState(9702, 1, false, List.of(balanceState("USD", 2, 500, 0))));
        records.forEach((topic, message) -> sendBytes(topic, "next-major", LaterWriter.nextMajor(message)));

        records.keySet().forEach(topic -> {
            var letter = DeadLetters.await(broker.getBrokersAsString(), Topics.deadLetter(topic), List.of("next-major"))
                    .get("next-major");
            assertThat(header(letter, Topics.DLQ_REASON_HEADER)).as(topic).contains("unsupported schemaVersion 2");
            assertThat(header(letter, Topics.DLQ_SOURCE_HEADER)).isEqualTo(topic);
        });
        assertThat(count("SELECT count(*) FROM instruments WHERE symbol = 'UPG2-USD'")).isZero();
        assertThat(count("SELECT count(*) FROM accounts WHERE account_id = 9702")).isZero();
    }

    private void later(String topic, String key, Message message) {
        sendBytes(topic, key, LaterWriter.nextMinor(message));
    }

    private Map<String, Double> deadLetters() {
        return LedgerTopics.INPUTS.stream().collect(java.util.stream.Collectors.toMap(t -> t, metrics::deadLetters));
    }

    private static InstrumentMessage instrument(String symbol) {
        return new InstrumentMessage(symbol, symbol.substring(0, symbol.indexOf('-')), 8,
                "USD", 8, 2, 3, "0.01", "0.001", "0.001", "1000.000", "10.00", null, "1000000.00000000", 10, 20,
                "CANCEL_NEWEST");
    }
}
