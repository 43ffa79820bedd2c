package io.rtx.chaos;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recovery clocks. Each one waits for evidence that work submitted after a moment has gone all the
 * way through, and returns how long that took from the moment given (or -1 if it never did within
 * {@link #TIMEOUT}, which the runner counts as a violation).
 */
final class Recovery {

    static final Duration TIMEOUT = Duration.ofSeconds(300);
    private static final Pattern TRADE_ID = Pattern.compile("\"tradeId\"\\s*:\\s*\"?(\\d+)");

    private Recovery() {
    }

    /** Until a matching report arrives (committed) for an order placed after {@code since}. */
    static long pipeline(Environment env, long orderWatermark, int reportIndex, long since) {
        long at = Await.firstTime(TIMEOUT, () -> env.recorder.firstReportAfter(orderWatermark, reportIndex, true));
        return at < 0 ? -1 : at - since;
    }

    /** Until the ledger has written an order placed after {@code since} to PostgreSQL. */
    static long ledgerOrders(Environment env, long orderWatermark, long since) {
        long at = Await.firstTime(TIMEOUT, () -> {
            try (Connection c = env.postgres.connect();
                 PreparedStatement s = c.prepareStatement("SELECT 1 FROM orders WHERE order_id > ? LIMIT 1")) {
                s.setLong(1, orderWatermark);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? System.currentTimeMillis() : -1;
                }
            } catch (SQLException notYet) {
                return -1;
            }
        });
        return at < 0 ? -1 : at - since;
    }

    /** Until Redis's last-trade view of some symbol shows a trade newer than those before {@code since}. */
    static long redisLastTrade(Environment env, java.util.Map<String, Long> tradeWatermarks, long since) {
        long at = Await.firstTime(TIMEOUT, () -> {
            for (var symbol : tradeWatermarks.entrySet()) {
                try {
                    String view = env.redis.get("rtx:last-trade:{" + symbol.getKey() + "}");
                    Matcher m = view == null ? null : TRADE_ID.matcher(view);
                    if (m != null && m.find() && Long.parseLong(m.group(1)) > symbol.getValue()) {
                        return System.currentTimeMillis();
                    }
                } catch (IOException notYet) {
                    return -1;
                }
            }
            return -1;
        });
        return at < 0 ? -1 : at - since;
    }
}
