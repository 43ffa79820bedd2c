package io.rtx.ledger;

import static io.rtx.ledger.Messages.accountEvent;
import static io.rtx.ledger.Messages.accountState;
import static io.rtx.ledger.Messages.balance;
import static io.rtx.ledger.Messages.balanceState;
import static io.rtx.ledger.Messages.book;
import static io.rtx.ledger.Messages.level;
import static io.rtx.ledger.Messages.newOrder;
import static io.rtx.ledger.Messages.report;
import static io.rtx.ledger.Messages.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.rtx.engine.instrument.Asset;
import io.rtx.engine.instrument.Instrument;
import io.rtx.events.InstrumentMessage;
import io.rtx.events.Topics;
import io.rtx.ledger.rebuild.Rebuild;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@Order(Integer.MAX_VALUE)
class RebuildTest extends LedgerIntegrationTest {

    /** Every projection, ordered by its identity; what a rebuild must reproduce. */
    private static final List<String> PROJECTIONS = List.of(
            "SELECT * FROM orders ORDER BY order_id",
            "SELECT * FROM order_events ORDER BY source, symbol, sequence, order_id, exec_type, event_time",
            "SELECT * FROM trades ORDER BY symbol, trade_id",
            "SELECT * FROM candles ORDER BY symbol, interval, bucket_start",
            "SELECT * FROM accounts ORDER BY account_id",
            "SELECT * FROM balances ORDER BY account_id, asset",
            "SELECT * FROM account_events ORDER BY account_id, sequence",
            "SELECT * FROM instruments ORDER BY symbol");

    @Autowired
    private Rebuild rebuild;

    @Test
    void replayingEveryTopicFromTheStartRebuildsIdenticalProjections() {
        long t0 = System.currentTimeMillis() - 60_000;
        String s = "RBLD-USD";
        send(Topics.EXECUTION_REPORTS, "9101", newOrder(s, 1, 9101, 9101, t0));
        send(Topics.EXECUTION_REPORTS, "9102", newOrder(s, 2, 9102, 9102, t0 + 1));
        send(Topics.EXECUTION_REPORTS, "9101", report(s, 3, 9101, 9101, "TRADE", "FILLED", "2.000", "2.000", "0",
                "100.50", "2.000", 1, null, t0 + 2));
        send(Topics.TRADES, s, trade(s, 1, "100.50", "2.000", t0 + 2));
        send(Topics.BOOK_UPDATES, s, book(s, 1, List.of(level("100.50", "2.000", 1)), List.of()));
        send(Topics.BOOK_UPDATES, s, book(s, 2, List.of(level("100.50", "0", 0)), List.of(level("101.00", "1.000", 1))));
        send(Topics.INSTRUMENTS, "RBLD-USD", InstrumentMessage.of(new Instrument("RBLD-USD", new Asset("RBLD", 8),
                new Asset("USD", 8), 2, 3, 1, 1, 1, 1_000_000, 500, 100_00, 1_000_000_000_000L, 5, 10, null)));
        send(Topics.ACCOUNT_EVENTS, "9101", accountEvent(9101, 1, "DEPOSIT", false,
                List.of(balance("USD", "500.00", "0.00"))));
        send(Topics.ACCOUNTS_CHANGELOG, "9101", accountState(9101, 1, false, List.of(balanceState("USD", 2, 500_00, 0))));
        send(Topics.ACCOUNTS_CHANGELOG, "9101", accountState(9101, 3, false,
                List.of(balanceState("USD", 2, 298_99, 201_01), balanceState("RBLD", 8, 2_00000000L, 0))));
        db.sql("INSERT INTO api_keys (key_id, account_id, key_hash, role) VALUES ('k-9101', 9101, "
                + "'" + "a".repeat(64) + "', 'TRADER')").fetch().rowsUpdated().block(TIMEOUT);
        db.sql("INSERT INTO client_orders (account_id, client_order_id, order_id) VALUES (9101, 'c-9101', 9101)")
                .fetch().rowsUpdated().block(TIMEOUT);

        eventually(() -> {
            assertThat(count("SELECT count(*) FROM orders WHERE symbol = 'RBLD-USD' AND last_sequence > 0")).isEqualTo(2);
            assertThat(count("SELECT count(*) FROM trades WHERE symbol = 'RBLD-USD'")).isEqualTo(1);
            assertThat(count("SELECT version FROM accounts WHERE account_id = 9101")).isEqualTo(3);
            assertThat(count("SELECT count(*) FROM instruments WHERE symbol = 'RBLD-USD'")).isEqualTo(1);
            assertThat(redisGet("rtx:book:{RBLD-USD}:seq")).isEqualTo("2");
        });
        // Runs last (see @Order): everything the other tests produced is in the snapshot and replayed too.
        Map<String, Object> before = snapshot();

        rebuild.run();

        eventually(() -> assertThat(snapshot()).isEqualTo(before));
        assertThat(count("SELECT count(*) FROM api_keys WHERE key_id = 'k-9101'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM client_orders WHERE account_id = 9101")).isEqualTo(1);
    }

    private Map<String, Object> snapshot() {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        PROJECTIONS.forEach(sql -> snapshot.put(sql, rows(sql)));
        for (String symbol : List.of("RBLD-USD", "BOOK-USD", "TRD-USD")) {
            snapshot.put("book " + symbol, redisGet("rtx:book:{" + symbol + "}"));
            snapshot.put("last trade " + symbol, redisGet("rtx:last-trade:{" + symbol + "}"));
        }
        return snapshot;
    }
}
