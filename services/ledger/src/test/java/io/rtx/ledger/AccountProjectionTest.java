package io.rtx.ledger;

import static io.rtx.ledger.Messages.accountEvent;
import static io.rtx.ledger.Messages.accountState;
import static io.rtx.ledger.Messages.balance;
import static io.rtx.ledger.Messages.balanceState;
import static org.assertj.core.api.Assertions.assertThat;

import io.rtx.engine.instrument.Asset;
import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.instrument.SelfTradePolicy;
import io.rtx.events.AccountEventMessage;
import io.rtx.events.AccountStateMessage;
import io.rtx.events.InstrumentMessage;
import io.rtx.events.Topics;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountProjectionTest extends LedgerIntegrationTest {

    @Test
    void balancesFollowTheAccountStatesVersionAndIgnoreStaleOnes() {
        send(Topics.ACCOUNT_EVENTS, "9001", accountEvent(9001, 1, "DEPOSIT", false,
                List.of(balance("USD", "1000.00", "0.00"))));
        send(Topics.ACCOUNTS_CHANGELOG, "9001", accountState(9001, 1, false, List.of(usd(1000_00, 0))));
        // Versions 2 to 4 were coalesced into 5 by risk's store cache: no gap.
        send(Topics.ACCOUNTS_CHANGELOG, "9001", accountState(9001, 5, false, List.of(usd(899_75, 100_25))));
        send(Topics.ACCOUNT_EVENTS, "9001", accountEvent(9001, 2, "DEPOSIT", false,
                List.of(balance("BTC", "0.50000000", "0"), balance("USD", "899.75", "100.25"))));
        send(Topics.ACCOUNTS_CHANGELOG, "9001", accountState(9001, 6, false,
                List.of(balanceState("BTC", 8, 50_000_000, 0), usd(899_75, 100_25))));
        send(Topics.ACCOUNTS_CHANGELOG, "9001", accountState(9001, 5, false, List.of(usd(899_75, 100_25)))); // again
        send(Topics.ACCOUNTS_CHANGELOG, "9001", accountState(9001, 1, false, List.of(usd(1000_00, 0)))); // stale
        send(Topics.ACCOUNT_EVENTS, "9001", accountEvent(9001, 3, "SUSPEND", true, List.of()));
        send(Topics.ACCOUNTS_CHANGELOG, "9001", accountState(9001, 7, true,
                List.of(balanceState("BTC", 8, 50_000_000, 0), usd(999_75, 0))));

        eventually(() -> {
            assertThat(count("SELECT version FROM accounts WHERE account_id = 9001")).isEqualTo(7);
            assertThat(count("SELECT last_sequence FROM accounts WHERE account_id = 9001")).isEqualTo(3);
        });
        Map<String, Object> account = row("SELECT * FROM accounts WHERE account_id = 9001");
        assertThat(account.get("suspended")).isEqualTo(true);
        assertThat(rows("SELECT asset, available, reserved, version FROM balances WHERE account_id = 9001"
                + " ORDER BY asset")).containsExactly(
                Map.of("asset", "BTC", "available", new BigDecimal("0.50000000"), "reserved", new BigDecimal("0E-8"),
                        "version", 7L),
                Map.of("asset", "USD", "available", new BigDecimal("999.75"), "reserved", new BigDecimal("0.00"),
                        "version", 7L));
        assertThat(count("SELECT count(*) FROM account_events WHERE account_id = 9001")).isEqualTo(3);
    }

    @Test
    void anEventAfterItsStateNeitherOverwritesTheStateNorTurnsItBack() {
        double gaps = metrics.sequenceGaps(LedgerMetrics.STREAM_ACCOUNT_EVENTS);
        // The changelog listener ran ahead: the state after the resume, then the suspension's and resume's events.
        send(Topics.ACCOUNTS_CHANGELOG, "9004", accountState(9004, 4, false, List.of(usd(10_00, 0))));
        eventually(() -> assertThat(count("SELECT version FROM accounts WHERE account_id = 9004")).isEqualTo(4));
        send(Topics.ACCOUNT_EVENTS, "9004", accountEvent(9004, 1, "OPEN", false, List.of()));
        send(Topics.ACCOUNT_EVENTS, "9004", accountEvent(9004, 2, "SUSPEND", true, List.of()));
        send(Topics.ACCOUNT_EVENTS, "9004", accountEvent(9004, 3, "RESUME", false, List.of()));

        eventually(() -> assertThat(count("SELECT last_sequence FROM accounts WHERE account_id = 9004")).isEqualTo(3));
        assertThat(row("SELECT suspended FROM accounts WHERE account_id = 9004").get("suspended")).isEqualTo(false);
        assertThat(row("SELECT available FROM balances WHERE account_id = 9004 AND asset = 'USD'").get("available"))
                .isEqualTo(new BigDecimal("10.00"));
        assertThat(metrics.sequenceGaps(LedgerMetrics.STREAM_ACCOUNT_EVENTS) - gaps).isZero();
    }

    @Test
    void aStateThatIsNotOneIsDeadLettered() {
        double before = metrics.deadLetters(Topics.ACCOUNTS_CHANGELOG);
        send(Topics.ACCOUNTS_CHANGELOG, "9005", accountState(9005, 1, false, List.of(balanceState("USD", 2, -1, 0))));
        sendBytes(Topics.ACCOUNTS_CHANGELOG, "9005", null);
        eventually(() -> assertThat(metrics.deadLetters(Topics.ACCOUNTS_CHANGELOG) - before).isEqualTo(2));
        assertThat(count("SELECT count(*) FROM accounts WHERE account_id = 9005")).isZero();
    }

    private static AccountStateMessage.BalanceState usd(long availableCents, long reservedCents) {
        return balanceState("USD", 2, availableCents, reservedCents);
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
