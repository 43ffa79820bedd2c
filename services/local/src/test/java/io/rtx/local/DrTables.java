package io.rtx.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** JDBC views of the ledger database for the disaster-recovery drill: row counts and ordered full-table dumps. */
final class DrTables {

    /**
     * Every projection table of the ledger and the order that makes its dump deterministic (its identity).
     * Not compared: {@code report_sequence_checkpoints} (gap-scan bookkeeping that depends on when the scan
     * ran, not a projection) and the gateway's {@code api_keys} / {@code client_orders} (not derivable from Kafka).
     */
    static final Map<String, String> PROJECTIONS = orderedMap(
            "orders", "order_id",
            "order_events", "source, symbol, sequence, order_id, exec_type, event_time, reason",
            "trades", "symbol, trade_id",
            "candles", "symbol, interval, bucket_start",
            "accounts", "account_id",
            "balances", "account_id, asset",
            "account_events", "account_id, sequence",
            "instruments", "symbol");

    /**
     * Columns left out of the comparison because they hold wall-clock time: none. Every timestamp the ledger
     * writes comes from the event ({@code orders.updated_at}, {@code accounts.updated_at},
     * {@code balances.updated_at} included), so a replay writes identical rows.
     */
    static final Map<String, Set<String>> WALL_CLOCK_COLUMNS = Map.of();

    private final EmbeddedPostgres postgres;

    DrTables(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    void execute(String database, String sql) throws SQLException {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    long count(String database, String sql) throws SQLException {
        try (Connection c = connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Row counts of every projection and of the gateway's tables. */
    Map<String, Long> counts(String database) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : PROJECTIONS.keySet()) {
            counts.put(table, count(database, "SELECT count(*) FROM " + table));
        }
        counts.put("api_keys", count(database, "SELECT count(*) FROM api_keys"));
        counts.put("client_orders", count(database, "SELECT count(*) FROM client_orders"));
        return counts;
    }

    /** The whole table in identity order, each row as {@code column=text} (the server's own text of each value). */
    List<String> dump(String database, String table) throws SQLException {
        Set<String> excluded = WALL_CLOCK_COLUMNS.getOrDefault(table, Set.of());
        List<String> rows = new ArrayList<>();
        try (Connection c = connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY " + PROJECTIONS.get(table))) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    if (!excluded.contains(meta.getColumnName(i))) {
                        row.append(meta.getColumnName(i)).append('=').append(rs.getString(i)).append(' ');
                    }
                }
                rows.add(row.toString().trim());
            }
        }
        return rows;
    }

    /** Every balance as {@code account/asset available reserved}, amounts without trailing zeros, sorted. */
    List<String> balances(String database) throws SQLException {
        List<String> balances = new ArrayList<>();
        try (Connection c = connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT account_id, asset, available, reserved FROM balances"
                     + " ORDER BY account_id, asset")) {
            while (rs.next()) {
                balances.add(rs.getLong(1) + "/" + rs.getString(2) + " " + plain(rs.getBigDecimal(3)) + " "
                        + plain(rs.getBigDecimal(4)));
            }
        }
        return balances;
    }

    static String plain(java.math.BigDecimal amount) {
        return amount.stripTrailingZeros().toPlainString();
    }

    String serverVersion() throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private Connection connect(String database) throws SQLException {
        return postgres.getDatabase("postgres", database).getConnection();
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
