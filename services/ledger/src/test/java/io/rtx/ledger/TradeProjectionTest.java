package io.rtx.ledger;

import static io.rtx.ledger.Messages.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.rtx.events.Topics;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class TradeProjectionTest extends LedgerIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An hour boundary an hour ago: every bucket below is known exactly, and inside the 24 h ticker window. */
    private static final Instant H = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);

    private static long at(int minutes, int seconds) {
        return H.plusSeconds(minutes * 60L + seconds).toEpochMilli();
    }

    @Test
    void tradesBuildExactCandlesTheLastTradeAndTheTicker() throws Exception {
        String s = "TRD-USD";
        send(Topics.TRADES, s, trade(s, 1, "100.50", "1.000", at(0, 10)));
        send(Topics.TRADES, s, trade(s, 2, "101.00", "0.500", at(0, 40)));
        send(Topics.TRADES, s, trade(s, 2, "101.00", "0.500", at(0, 40))); // duplicate: no effect
        send(Topics.TRADES, s, trade(s, 3, "99.75", "2.000", at(3, 0)));
        send(Topics.TRADES, s, trade(s, 4, "100.25", "0.250", at(7, 0)));

        eventually(() -> assertThat(count("SELECT count(*) FROM candles WHERE symbol = 'TRD-USD' AND interval = '1h'"
                + " AND trade_count = 4")).isEqualTo(1));
        assertThat(count("SELECT count(*) FROM trades WHERE symbol = 'TRD-USD'")).isEqualTo(4);
        Map<String, Object> first = row("SELECT * FROM trades WHERE symbol = 'TRD-USD' AND trade_id = 1");
        assertThat(first.get("price")).isEqualTo(new BigDecimal("100.50"));
        assertThat(first.get("quantity")).isEqualTo(new BigDecimal("1.000"));
        assertThat(first.get("buy_order_id")).isEqualTo(10_001L);
        assertThat(first.get("sell_account_id")).isEqualTo(502L);
        assertThat(first.get("taker_side")).isEqualTo("BUY");
        assertThat(((OffsetDateTime) first.get("executed_at")).toInstant()).isEqualTo(Instant.ofEpochMilli(at(0, 10)));

        assertThat(candles(s, "1m")).containsExactly(
                candle(0, "100.50", "101.00", "100.50", "101.00", "1.500", 2),
                candle(3, "99.75", "99.75", "99.75", "99.75", "2.000", 1),
                candle(7, "100.25", "100.25", "100.25", "100.25", "0.250", 1));
        assertThat(candles(s, "5m")).containsExactly(
                candle(0, "100.50", "101.00", "99.75", "99.75", "3.500", 3),
                candle(5, "100.25", "100.25", "100.25", "100.25", "0.250", 1));
        assertThat(candles(s, "1h")).containsExactly(
                candle(0, "100.50", "101.00", "99.75", "100.25", "3.750", 4));

        JsonNode last = JSON.readTree(redisGet("rtx:last-trade:{TRD-USD}"));
        assertThat(last.get("tradeId").asLong()).isEqualTo(4);
        assertThat(last.get("price").asString()).isEqualTo("100.25");

        eventually(() -> {
            JsonNode ticker = readTicker(s);
            assertThat(ticker.get("tradeCount").asLong()).isEqualTo(4);
            assertThat(ticker.get("open").asString()).isEqualTo("100.50");
            assertThat(ticker.get("high").asString()).isEqualTo("101.00");
            assertThat(ticker.get("low").asString()).isEqualTo("99.75");
            assertThat(ticker.get("last").asString()).isEqualTo("100.25");
            assertThat(ticker.get("volume").asString()).isEqualTo("3.750");
        });
    }

    @Test
    void aLateTradeKeepsOpenAndCloseExactAndItsGapIsCountedOnce() throws Exception {
        String s = "RORD-USD";
        double gapsBefore = metrics.sequenceGaps(LedgerMetrics.STREAM_TRADES);
        send(Topics.TRADES, s, trade(s, 1, "50.00", "1.000", at(1, 0)));
        send(Topics.TRADES, s, trade(s, 3, "52.00", "1.000", at(1, 20)));
        send(Topics.TRADES, s, trade(s, 2, "49.00", "1.000", at(1, 10))); // late, same bucket

        eventually(() -> assertThat(count("SELECT count(*) FROM trades WHERE symbol = 'RORD-USD'")).isEqualTo(3));
        eventually(() -> assertThat(candles(s, "1m")).containsExactly(
                candle(1, "50.00", "52.00", "49.00", "52.00", "3.000", 3)));
        assertThat(metrics.sequenceGaps(LedgerMetrics.STREAM_TRADES) - gapsBefore).isEqualTo(1.0);

        // A late trade never replaces a newer last trade.
        JsonNode last = JSON.readTree(redisGet("rtx:last-trade:{RORD-USD}"));
        assertThat(last.get("tradeId").asLong()).isEqualTo(3);
    }

    private JsonNode readTicker(String symbol) {
        String value = redisGet("rtx:ticker:{" + symbol + "}");
        assertThat(value).isNotNull();
        try {
            return JSON.readTree(value);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private List<List<Object>> candles(String symbol, String interval) {
        return rows("SELECT bucket_start, open, high, low, close, volume, trade_count FROM candles WHERE symbol = '"
                + symbol + "' AND interval = '" + interval + "' ORDER BY bucket_start").stream()
                .map(r -> List.<Object>of(((OffsetDateTime) r.get("bucket_start")).toInstant(), r.get("open"),
                        r.get("high"), r.get("low"), r.get("close"), r.get("volume"), r.get("trade_count")))
                .toList();
    }

    private static List<Object> candle(int minute, String open, String high, String low, String close, String volume,
                                       long count) {
        return List.of(H.plusSeconds(minute * 60L), new BigDecimal(open), new BigDecimal(high), new BigDecimal(low),
                new BigDecimal(close), new BigDecimal(volume), count);
    }
}
