package io.rtx.loadtest;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * After a load run: does the ledger (PostgreSQL) agree with what the gateway told the clients, and did
 * no money appear or vanish?
 *
 * <ol>
 *   <li>Waits (bounded) until every order id the run got back is in {@code orders} and the ledger is
 *       quiet (orders, order events, trades and balances unchanged over 3 consecutive polls).</li>
 *   <li>Orders: each id is there (exactly one row: the primary key), for the account that placed it,
 *       with a known status; an order answered 422 is REJECTED; one answered 201 reached matching
 *       ({@code last_sequence > 0}); open orders have quantity left, FILLED ones none.</li>
 *   <li>Trades: no (symbol, trade id) twice; every order's filled quantity equals the sum of its trades.</li>
 *   <li>Balances: no negative available or reserved; per asset, the sum over every account (the fee
 *       account included) of available + reserved equals what was deposited (the seeded traders of the
 *       accounts file × the seeded amounts) or a baseline snapshot taken before the run; an account with no
 *       open order holds no reservation.</li>
 * </ol>
 *
 * Usage: {@code ConsistencyCheck verify --orders FILE [--accounts CSV | --baseline FILE] [options]} or
 * {@code ConsistencyCheck snapshot --out FILE}. Options: {@code --jdbc URL} (default
 * jdbc:postgresql://127.0.0.1:5432/rtx), {@code --user rtx}, {@code --password ""}, {@code --timeout 180}
 * (seconds), {@code --seed USD=1000000,BTC=10,ETH=100}. Exit 0: consistent; 1: a violation (each one is
 * printed); 2: could not check.
 */
public final class ConsistencyCheck {

    private static final Set<String> STATUSES = Set.of("NEW", "PARTIALLY_FILLED", "FILLED", "CANCELED", "EXPIRED",
            "REJECTED");
    private static final Set<String> OPEN = Set.of("NEW", "PARTIALLY_FILLED");
    private static final int SHOWN = 10;

    record Sent(long orderId, long accountId, int httpStatus, String clientOrderId) {
    }

    private final Map<String, String> options;
    private final List<String> violations = new ArrayList<>();

    private ConsistencyCheck(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) {
        if (args.length == 0 || !(args[0].equals("verify") || args[0].equals("snapshot"))) {
            System.err.println("usage: ConsistencyCheck verify --orders FILE [--accounts CSV | --baseline FILE]"
                    + " | snapshot --out FILE   [--jdbc URL --user U --password P --timeout S --seed USD=..,BTC=..]");
            System.exit(2);
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int exit;
        try {
            ConsistencyCheck check = new ConsistencyCheck(options);
            exit = args[0].equals("snapshot") ? check.snapshot() : check.verify();
        } catch (Exception e) {
            System.err.println("consistency check: could not check: " + e);
            e.printStackTrace();
            exit = 2;
        }
        System.exit(exit);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(options.getOrDefault("jdbc", "jdbc:postgresql://127.0.0.1:5432/rtx"),
                options.getOrDefault("user", "rtx"), options.getOrDefault("password", ""));
    }

    private long timeoutMillis() {
        return Long.parseLong(options.getOrDefault("timeout", "180")) * 1000;
    }

    /** Totals per asset once the ledger is quiet, for a run against a stack that was not freshly seeded. */
    private int snapshot() throws Exception {
        try (Connection db = connect()) {
            awaitQuiet(db, List.of(), System.currentTimeMillis() + timeoutMillis());
            Map<String, BigDecimal> totals = totals(db);
            List<String> lines = new ArrayList<>();
            totals.forEach((asset, total) -> lines.add(asset + "," + total.toPlainString()));
            Path out = Path.of(Objects.requireNonNull(options.get("out"), "--out"));
            Files.write(out, lines);
            System.out.println("consistency check: baseline " + totals + " written to " + out);
            return 0;
        }
    }

    private int verify() throws Exception {
        List<Sent> sent = readOrders(Path.of(Objects.requireNonNull(options.get("orders"), "--orders")));
        Map<String, BigDecimal> expected = expectedTotals();
        System.out.printf("consistency check: %d orders from the run; expected totals %s%n", sent.size(), expected);
        try (Connection db = connect()) {
            long deadline = System.currentTimeMillis() + timeoutMillis();
            long started = System.currentTimeMillis();
            boolean quiet = awaitQuiet(db, sent, deadline);
            System.out.printf("consistency check: ledger %s after %.1f s%n",
                    quiet ? "caught up and quiet" : "NOT quiet at the timeout", (System.currentTimeMillis() - started) / 1000.0);
            checkOrders(db, sent);
            checkTrades(db);
            checkBalances(db, expected);
            if (!quiet) {
                violations.add("the ledger did not catch up within " + timeoutMillis() / 1000 + " s (see above)");
            }
        }
        if (violations.isEmpty()) {
            System.out.println("consistency check: OK");
            return 0;
        }
        System.out.println("consistency check: FAILED, " + violations.size() + " violation(s):");
        violations.forEach(v -> System.out.println("  - " + v));
        return 1;
    }

    private static List<Sent> readOrders(Path file) throws IOException {
        List<Sent> sent = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] cells = line.split(",", -1);
            if (cells.length >= 3 && !cells[0].equals("orderId") && !cells[0].isBlank()) {
                sent.add(new Sent(Long.parseLong(cells[0]), Long.parseLong(cells[1]), Integer.parseInt(cells[2]),
                        cells.length > 3 ? cells[3] : ""));
            }
        }
        return sent;
    }

    private Map<String, BigDecimal> expectedTotals() throws IOException {
        Map<String, BigDecimal> totals = new TreeMap<>();
        if (options.containsKey("baseline")) {
            for (String line : Files.readAllLines(Path.of(options.get("baseline")))) {
                String[] cells = line.split(",");
                totals.put(cells[0], new BigDecimal(cells[1]));
            }
            return totals;
        }
        String accounts = Objects.requireNonNull(options.get("accounts"), "--accounts or --baseline");
        long traders = Files.readAllLines(Path.of(accounts)).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("accountId")).count();
        for (String pair : options.getOrDefault("seed", "USD=1000000,BTC=10,ETH=100").split(",")) {
            String[] kv = pair.split("=");
            totals.put(kv[0].trim(), new BigDecimal(kv[1].trim()).multiply(BigDecimal.valueOf(traders)));
        }
        return totals;
    }

    /**
     * Polls once a second until every sent order is in the ledger and nothing moved for 3 polls in a row,
     * or the deadline. True when quiet.
     */
    private boolean awaitQuiet(Connection db, List<Sent> sent, long deadline) throws Exception {
        String last = null;
        int still = 0;
        int missing = -1;
        while (System.currentTimeMillis() < deadline) {
            missing = missing(db, sent).size();
            String fingerprint = fingerprint(db);
            still = fingerprint.equals(last) ? still + 1 : 0;
            last = fingerprint;
            if (missing == 0 && still >= 3) {
                return true;
            }
            Thread.sleep(1000);
        }
        System.out.printf("consistency check: at the deadline %d orders missing, ledger state %s%n", missing, last);
        return false;
    }

    private static String fingerprint(Connection db) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("""
                SELECT (SELECT count(*) FROM orders), (SELECT coalesce(sum(last_sequence), 0) FROM orders),
                       (SELECT count(*) FROM order_events), (SELECT count(*) FROM trades),
                       (SELECT coalesce(sum(version), 0) FROM balances),
                       (SELECT coalesce(sum(available + reserved), 0) FROM balances)""")) {
            r.next();
            return r.getLong(1) + "/" + r.getBigDecimal(2) + "/" + r.getLong(3) + "/" + r.getLong(4) + "/"
                    + r.getBigDecimal(5) + "/" + r.getBigDecimal(6).toPlainString();
        }
    }

    private static List<Long> missing(Connection db, List<Sent> sent) throws SQLException {
        Map<Long, Boolean> found = new HashMap<>();
        for (Map<String, Object> row : rows(db, sent, "SELECT order_id FROM orders WHERE order_id = ANY (?)")) {
            found.put((Long) row.get("order_id"), true);
        }
        return sent.stream().map(Sent::orderId).filter(id -> !found.containsKey(id)).toList();
    }

    private void checkOrders(Connection db, List<Sent> sent) throws SQLException {
        Map<Long, Map<String, Object>> stored = new HashMap<>();
        for (Map<String, Object> row : rows(db, sent, """
                SELECT order_id, account_id, status, last_sequence, quantity, filled_quantity, leaves_quantity
                FROM orders WHERE order_id = ANY (?)""")) {
            stored.put((Long) row.get("order_id"), row);
        }
        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        Map<String, Integer> byStatus = new TreeMap<>();
        Map<Integer, Integer> byAnswer = new TreeMap<>();
        Set<Long> seen = new java.util.HashSet<>();
        for (Sent s : sent) {
            byAnswer.merge(s.httpStatus(), 1, Integer::sum);
            if (!seen.add(s.orderId())) {
                wrong.add("order " + s.orderId() + " was answered twice by the gateway (two placements, one id)");
                continue;
            }
            Map<String, Object> row = stored.get(s.orderId());
            if (row == null) {
                missing.add(Long.toString(s.orderId()));
                continue;
            }
            String status = (String) row.get("status");
            byStatus.merge(status, 1, Integer::sum);
            long sequence = (Long) row.get("last_sequence");
            BigDecimal leaves = (BigDecimal) row.get("leaves_quantity");
            String where = "order " + s.orderId() + " (" + s.clientOrderId() + ", answered " + s.httpStatus() + ")";
            if ((Long) row.get("account_id") != s.accountId()) {
                wrong.add(where + " belongs to account " + row.get("account_id") + ", placed by " + s.accountId());
            }
            if (!STATUSES.contains(status)) {
                wrong.add(where + " has unknown status " + status);
            }
            if (s.httpStatus() == 422 && !status.equals("REJECTED")) {
                wrong.add(where + " was rejected to the client but is " + status + " in the ledger");
            }
            if (s.httpStatus() == 201 && sequence == 0) {
                wrong.add(where + " was accepted to the client but never reached matching (" + status + ", sequence 0)");
            }
            if (OPEN.contains(status) && leaves.signum() <= 0) {
                wrong.add(where + " is " + status + " with nothing left (leaves " + leaves.toPlainString() + ")");
            }
            if (status.equals("FILLED") && leaves.signum() != 0) {
                wrong.add(where + " is FILLED with leaves " + leaves.toPlainString());
            }
        }
        System.out.printf("consistency check: answers %s; ledger states of those orders %s%n", byAnswer, byStatus);
        if (!missing.isEmpty()) {
            violations.add(missing.size() + " order id(s) the clients got back are not in the ledger, e.g. "
                    + missing.subList(0, Math.min(SHOWN, missing.size())));
        }
        wrong.stream().limit(SHOWN).forEach(violations::add);
        if (wrong.size() > SHOWN) {
            violations.add("... and " + (wrong.size() - SHOWN) + " more order violations");
        }
    }

    private void checkTrades(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            try (ResultSet r = s.executeQuery("""
                    SELECT symbol, trade_id, count(*) AS n FROM trades GROUP BY symbol, trade_id HAVING count(*) > 1
                    ORDER BY symbol, trade_id LIMIT 10""")) {
                while (r.next()) {
                    violations.add("trade " + r.getString(1) + "/" + r.getLong(2) + " is in the ledger " + r.getLong(3)
                            + " times");
                }
            }
            try (ResultSet r = s.executeQuery("""
                    WITH fills AS (
                        SELECT order_id, sum(quantity) AS filled FROM (
                            SELECT buy_order_id AS order_id, quantity FROM trades
                            UNION ALL SELECT sell_order_id, quantity FROM trades) f
                        GROUP BY order_id)
                    SELECT o.order_id, o.status, o.filled_quantity, coalesce(f.filled, 0) AS traded
                    FROM orders o FULL JOIN fills f ON f.order_id = o.order_id
                    WHERE coalesce(o.filled_quantity, -1) <> coalesce(f.filled, 0)
                    ORDER BY 1 LIMIT 10""")) {
                while (r.next()) {
                    violations.add(r.getObject(1) == null ? "a trade names an order that is not in the ledger"
                            : "order " + r.getLong(1) + " (" + r.getString(2) + ") has filled "
                              + r.getBigDecimal(3).toPlainString() + " but its trades add up to "
                              + r.getBigDecimal(4).toPlainString());
                }
            }
            try (ResultSet r = s.executeQuery("SELECT symbol, count(*), coalesce(sum(quantity), 0) FROM trades GROUP BY symbol ORDER BY 1")) {
                StringBuilder line = new StringBuilder("consistency check: trades");
                while (r.next()) {
                    line.append(' ').append(r.getString(1)).append('=').append(r.getLong(2))
                            .append(" (").append(r.getBigDecimal(3).toPlainString()).append(')');
                }
                System.out.println(line);
            }
        }
    }

    private void checkBalances(Connection db, Map<String, BigDecimal> expected) throws SQLException {
        Map<String, BigDecimal> totals = totals(db);
        System.out.println("consistency check: balances (available + reserved, all accounts incl. fees) " + totals);
        for (String asset : union(expected.keySet(), totals.keySet())) {
            BigDecimal want = expected.getOrDefault(asset, BigDecimal.ZERO);
            BigDecimal have = totals.getOrDefault(asset, BigDecimal.ZERO);
            if (want.compareTo(have) != 0) {
                violations.add("balances of " + asset + " are not conserved: " + have.toPlainString() + " in the ledger, "
                        + want.toPlainString() + " deposited (difference " + have.subtract(want).toPlainString() + ")");
            }
        }
        try (Statement s = db.createStatement()) {
            try (ResultSet r = s.executeQuery("""
                    SELECT account_id, asset, available, reserved FROM balances
                    WHERE available < 0 OR reserved < 0 ORDER BY 1, 2 LIMIT 10""")) {
                while (r.next()) {
                    violations.add("account " + r.getLong(1) + " has a negative " + r.getString(2) + " balance: available "
                            + r.getBigDecimal(3).toPlainString() + ", reserved " + r.getBigDecimal(4).toPlainString());
                }
            }
            try (ResultSet r = s.executeQuery("""
                    SELECT b.account_id, b.asset, b.reserved FROM balances b
                    WHERE b.reserved <> 0 AND NOT EXISTS (
                        SELECT 1 FROM orders o WHERE o.account_id = b.account_id AND o.status IN ('NEW', 'PARTIALLY_FILLED'))
                    ORDER BY 1, 2 LIMIT 10""")) {
                while (r.next()) {
                    violations.add("account " + r.getLong(1) + " has no open order but " + r.getBigDecimal(3).toPlainString()
                            + " " + r.getString(2) + " reserved");
                }
            }
        }
    }

    private static Map<String, BigDecimal> totals(Connection db) throws SQLException {
        Map<String, BigDecimal> totals = new TreeMap<>();
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT asset, sum(available + reserved) FROM balances GROUP BY asset")) {
            while (r.next()) {
                totals.put(r.getString(1), r.getBigDecimal(2).stripTrailingZeros().toPlainString().isEmpty() ? BigDecimal.ZERO : new BigDecimal(r.getBigDecimal(2).stripTrailingZeros().toPlainString()));
            }
        }
        return totals;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    /** Runs {@code sql} (one {@code = ANY (?)} bigint array parameter) over the sent ids, 5,000 at a time. */
    private static List<Map<String, Object>> rows(Connection db, List<Sent> sent, String sql) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int from = 0; from < sent.size(); from += 5000) {
            Long[] ids = sent.subList(from, Math.min(sent.size(), from + 5000)).stream().map(Sent::orderId)
                    .toArray(Long[]::new);
            try (PreparedStatement p = db.prepareStatement(sql)) {
                Array array = db.createArrayOf("bigint", ids);
                p.setArray(1, array);
                try (ResultSet r = p.executeQuery()) {
                    int columns = r.getMetaData().getColumnCount();
                    while (r.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int c = 1; c <= columns; c++) {
                            row.put(r.getMetaData().getColumnLabel(c), r.getObject(c));
                        }
                        rows.add(row);
                    }
                }
            }
        }
        return rows;
    }
}
