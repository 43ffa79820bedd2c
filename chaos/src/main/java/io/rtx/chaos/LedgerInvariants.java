package io.rtx.chaos;

import io.rtx.events.AccountStateMessage;
import io.rtx.events.ExecutionReportMessage;
import io.rtx.events.TradeMessage;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the ledger projected must equal what Kafka holds: each trade once, each matching report once,
 * each order's final state, and balances equal to the latest account event of every account (so
 * every settled fill changed the ledger's balances exactly once). Redis's last-trade view must name
 * the symbol's highest trade.
 */
final class LedgerInvariants {

    private static final Pattern TRADE_ID = Pattern.compile("\"tradeId\"\\s*:\\s*\"?(\\d+)");

    private final Market market;
    private final KafkaInvariants kafka;
    private final TopicRecorder.Snapshot topics;

    LedgerInvariants(Market market, KafkaInvariants kafka, TopicRecorder.Snapshot topics) {
        this.market = market;
        this.kafka = kafka;
        this.topics = topics;
    }

    void check(PostgresServer postgres, RedisControl redis, Violations v) {
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            balances(s, v);
            trades(s, v);
            reports(s, v);
            orders(s, v);
        } catch (SQLException e) {
            v.add("ledger database unreadable", e.getMessage());
        }
        for (String symbol : market.symbols()) {
            long highest = topics.trades().stream().filter(t -> t.symbol().equals(symbol))
                    .mapToLong(TradeMessage::tradeId).max().orElse(0);
            try {
                String view = redis.get("rtx:last-trade:{" + symbol + "}");
                Matcher m = view == null ? null : TRADE_ID.matcher(view);
                long shown = m != null && m.find() ? Long.parseLong(m.group(1)) : 0;
                if (shown != highest) {
                    v.add("redis last trade differs from Kafka", symbol + ": redis " + shown + ", kafka " + highest);
                }
            } catch (IOException e) {
                v.add("redis unreadable", e.getMessage());
            }
        }
    }

    private void balances(Statement s, Violations v) throws SQLException {
        Map<String, BigDecimal[]> ledger = new HashMap<>();
        try (ResultSet rs = s.executeQuery("SELECT account_id, asset, available, reserved FROM balances")) {
            while (rs.next()) {
                ledger.put(rs.getLong(1) + "/" + rs.getString(2), new BigDecimal[]{rs.getBigDecimal(3), rs.getBigDecimal(4)});
            }
        }
        int expectedRows = 0;
        for (AccountStateMessage state : kafka.latestAccountStates().values()) {
            for (AccountStateMessage.BalanceState b : state.balances()) {
                expectedRows++;
                String key = state.id() + "/" + b.asset();
                BigDecimal available = BigDecimal.valueOf(b.available(), b.scale());
                BigDecimal reserved = BigDecimal.valueOf(b.reserved(), b.scale());
                BigDecimal[] row = ledger.get(key);
                if (row == null || row[0].compareTo(available) != 0 || row[1].compareTo(reserved) != 0) {
                    v.add("ledger balance differs from risk's latest account state", key + ": ledger "
                            + (row == null ? "missing" : row[0].toPlainString() + "/" + row[1].toPlainString())
                            + ", risk " + available.toPlainString() + "/" + reserved.toPlainString());
                }
            }
        }
        if (ledger.size() != expectedRows) {
            v.add("ledger balance rows differ from Kafka", ledger.size() + " rows, " + expectedRows + " balances on Kafka");
        }
    }

    private void trades(Statement s, Violations v) throws SQLException {
        Map<String, long[]> ledger = new HashMap<>();
        try (ResultSet rs = s.executeQuery(
                "SELECT symbol, count(*), count(DISTINCT trade_id), coalesce(max(trade_id), 0) FROM trades GROUP BY symbol")) {
            while (rs.next()) {
                ledger.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3), rs.getLong(4)});
            }
        }
        for (String symbol : market.symbols()) {
            long onKafka = topics.trades().stream().filter(t -> t.symbol().equals(symbol)).count();
            long[] row = ledger.getOrDefault(symbol, new long[3]);
            if (row[0] != row[1]) {
                v.add("trade stored twice by the ledger", symbol + ": " + row[0] + " rows for " + row[1] + " trade ids");
            }
            if (row[1] != onKafka || row[2] != onKafka) {
                v.add("ledger trades differ from Kafka", symbol + ": ledger " + row[1] + " (max " + row[2] + "), kafka " + onKafka);
            }
        }
    }

    private void reports(Statement s, Violations v) throws SQLException {
        Map<String, long[]> ledger = new HashMap<>();
        try (ResultSet rs = s.executeQuery("SELECT symbol, count(*), coalesce(max(sequence), 0) FROM order_events"
                + " WHERE source = 'MATCHING' GROUP BY symbol")) {
            while (rs.next()) {
                ledger.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3)});
            }
        }
        for (String symbol : market.symbols()) {
            long onKafka = kafka.matchingReports().stream().filter(r -> r.symbol().equals(symbol)).count();
            long[] row = ledger.getOrDefault(symbol, new long[2]);
            if (row[0] != onKafka || row[1] != onKafka) {
                v.add("ledger order events differ from Kafka", symbol + ": ledger " + row[0] + " (max " + row[1]
                        + "), kafka " + onKafka);
            }
        }
    }

    /** The final status of every order that ended must be the one the ledger shows. */
    private void orders(Statement s, Violations v) throws SQLException {
        Map<Long, String> ledger = new HashMap<>();
        try (ResultSet rs = s.executeQuery("SELECT order_id, status FROM orders")) {
            while (rs.next()) {
                ledger.put(rs.getLong(1), rs.getString(2));
            }
        }
        for (Map.Entry<Long, List<ExecutionReportMessage>> end : kafka.terminalReports().entrySet()) {
            String want = end.getValue().get(end.getValue().size() - 1).status();
            String got = ledger.get(end.getKey());
            if (!want.equals(got)) {
                v.add("ledger order status differs from Kafka", "order " + end.getKey() + ": ledger " + got + ", kafka " + want);
            }
        }
    }
}
