package io.rtx.ledger;

import static io.rtx.ledger.Messages.accountEvent;
import static io.rtx.ledger.Messages.balance;
import static org.assertj.core.api.Assertions.assertThat;

import io.rtx.engine.instrument.Asset;
import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.instrument.SelfTradePolicy;
import io.rtx.events.AccountEventMessage;
import io.rtx.events.InstrumentMessage;
import io.rtx.events.Topics;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountProjectionTest extends LedgerIntegrationTest {

    @Test
    void balancesFollowTheSequenceAndIgnoreStaleEvents() {
        send(Topics.ACCOUNT_EVENTS, "9001", accountEvent(9001, 1, "DEPOSIT", false,
                List.of(balance("USD", "1000.00", "0.00"))));
        send(Topics.ACCOUNT_EVENTS, "9001", accountEvent(9001, 2, "BALANCE", false,
                List.of(balance("USD", "899.75", "100.25"))));
        send(Topics.ACCOUNT_EVENTS, "9001", accountEvent(9001, 3, "DEPOSIT", false,
                List.of(balance("BTC", "0.50000000", "0"))));
        send(Topics.ACCOUNT_EVENTS, "9001", accountEvent(9001, 2, "BALANCE", false,
                List.of(balance("USD", "899.75", "100.25")))); // duplicate
        send(Topics.ACCOUNT_EVENTS, "9001", accountEvent(9001, 1, "DEPOSIT", false,
                List.of(balance("USD", "1000.00", "0.00")))); // stale
        send(Topics.ACCOUNT_EVENTS, "9001", accountEvent(9001, 4, "SUSPEND", true, List.of()));

        eventually(() -> assertThat(count("SELECT last_sequence FROM accounts WHERE account_id = 9001")).isEqualTo(4));
        Map<String, Object> account = row("SELECT * FROM accounts WHERE account_id = 9001");
        assertThat(account.get("suspended")).isEqualTo(true);
        assertThat(rows("SELECT asset, available, reserved, last_sequence FROM balances WHERE account_id = 9001"
                + " ORDER BY asset")).containsExactly(
                Map.of("asset", "BTC", "available", new BigDecimal("0.50000000"), "reserved", new BigDecimal("0"),
                        "last_sequence", 3L),
                Map.of("asset", "USD", "available", new BigDecimal("899.75"), "reserved", new BigDecimal("100.25"),
                        "last_sequence", 2L));
        assertThat(count("SELECT count(*) FROM account_events WHERE account_id = 9001")).isEqualTo(4);
    }

    @Test
    void aJumpInAnAccountsSequenceIsCountedAsAGap() {
        double before = metrics.sequenceGaps(LedgerMetrics.STREAM_ACCOUNT_EVENTS);
        send(Topics.ACCOUNT_EVENTS, "9002", accountEvent(9002, 1, "OPEN", false, List.of()));
        send(Topics.ACCOUNT_EVENTS, "9002", accountEvent(9002, 3, "DEPOSIT", false,
                List.of(balance("USD", "5.00", "0.00"))));
        eventually(() -> assertThat(count("SELECT last_sequence FROM accounts WHERE account_id = 9002")).isEqualTo(3));
        assertThat(metrics.sequenceGaps(LedgerMetrics.STREAM_ACCOUNT_EVENTS) - before).isEqualTo(1.0);
    }

    @Test
    void aRefusalForAnAccountRiskDoesNotKnowIsSkippedNotDeadLettered() {
        double before = metrics.deadLetters(Topics.ACCOUNT_EVENTS);
        // What risk publishes for a deposit to an account that was never opened: sequence 0, refused.
        send(Topics.ACCOUNT_EVENTS, "9003", new AccountEventMessage(0, "cmd-9003-x",
                9003, "DEPOSIT", false, "UNKNOWN_ACCOUNT", false, List.of(), 1_700_000_000_000L));
        send(Topics.ACCOUNT_EVENTS, "9003", accountEvent(9003, 1, "OPEN", false, List.of()));
        eventually(() -> assertThat(count("SELECT last_sequence FROM accounts WHERE account_id = 9003")).isEqualTo(1));
        assertThat(count("SELECT count(*) FROM account_events WHERE account_id = 9003")).isEqualTo(1);
        assertThat(metrics.deadLetters(Topics.ACCOUNT_EVENTS) - before).isZero();
    }

    @Test
    void instrumentsAreUpsertedAndRemovedByTombstone() {
        Instrument eth = new Instrument("ETHX-USD", new Asset("ETHX", 8), new Asset("USD", 8), 2, 4, 1, 1, 10,
                1_000_000, 1_000, 2_000_00, 100_000_000_000_00L, 10, 20, SelfTradePolicy.CANCEL_OLDEST);
        send(Topics.INSTRUMENTS, "ETHX-USD", InstrumentMessage.of(eth));
        eventually(() -> assertThat(count("SELECT count(*) FROM instruments WHERE symbol = 'ETHX-USD'")).isEqualTo(1));
        Map<String, Object> row = row("SELECT * FROM instruments WHERE symbol = 'ETHX-USD'");
        assertThat(row.get("tick_size")).isEqualTo(new BigDecimal("0.01"));
        assertThat(row.get("min_quantity")).isEqualTo(new BigDecimal("0.0010"));
        assertThat(row.get("price_band_percent")).isEqualTo(new BigDecimal("10.00"));
        assertThat(row.get("reference_price")).isEqualTo(new BigDecimal("2000.00"));
        assertThat(row.get("self_trade_policy")).isEqualTo("CANCEL_OLDEST");
        assertThat(row.get("taker_fee_bps")).isEqualTo(20);

        sendBytes(Topics.INSTRUMENTS, "ETHX-USD", null);
        eventually(() -> assertThat(count("SELECT count(*) FROM instruments WHERE symbol = 'ETHX-USD'")).isZero());
    }
}
