package io.rtx.ledger;

import static io.rtx.ledger.Messages.book;
import static io.rtx.ledger.Messages.level;
import static org.assertj.core.api.Assertions.assertThat;

import io.rtx.events.BookUpdateMessage;
import io.rtx.events.Topics;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class BookViewTest extends LedgerIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String S = "BOOK-USD";

    @Test
    void keepsTheTopTwentyExactlyAndCountsAGap() throws Exception {
        // 25 bids 100.00 .. 76.00 and 25 asks 101.00 .. 125.00, in no particular order.
        List<BookUpdateMessage.Level> bids = new ArrayList<>();
        List<BookUpdateMessage.Level> asks = new ArrayList<>();
        IntStream.of(3, 0, 24, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23)
                .forEach(i -> {
                    bids.add(level((100 - i) + ".00", "1.000", 1));
                    asks.add(level((101 + i) + ".00", (i + 1) + ".000", 2));
                });
        send(Topics.BOOK_UPDATES, S, book(S, 1, bids, asks));
        eventually(() -> assertThat(redisGet("rtx:book:{BOOK-USD}:seq")).isEqualTo("1"));

        JsonNode top = JSON.readTree(redisGet("rtx:book:{BOOK-USD}"));
        assertThat(prices(top.get("bids"))).containsExactlyElementsOf(range(100, 81));
        assertThat(prices(top.get("asks"))).containsExactlyElementsOf(range(101, 120));
        assertThat(top.get("asks").get(0).get("quantity").asString()).isEqualTo("1.000");
        assertThat(top.get("asks").get(0).get("orders").asInt()).isEqualTo(2);

        // Sequence 2 removes the best bid: the 21st level (80.00), kept in full depth, moves into the top 20.
        send(Topics.BOOK_UPDATES, S, book(S, 2, List.of(level("100.00", "0", 0)), List.of(level("101.00", "7.500", 3))));
        eventually(() -> assertThat(redisGet("rtx:book:{BOOK-USD}:seq")).isEqualTo("2"));
        top = JSON.readTree(redisGet("rtx:book:{BOOK-USD}"));
        assertThat(prices(top.get("bids"))).containsExactlyElementsOf(range(99, 80));
        assertThat(top.get("asks").get(0).get("quantity").asString()).isEqualTo("7.500");
        assertThat(redis.opsForHash().size("rtx:book:{BOOK-USD}:bids").block()).isEqualTo(24);

        // Duplicate sequence 2 is ignored; sequence 4 skips 3: applied, flagged and counted once.
        double before = metrics.sequenceGaps(LedgerMetrics.STREAM_BOOK_UPDATES);
        send(Topics.BOOK_UPDATES, S, book(S, 2, List.of(level("100.00", "9.000", 9)), List.of()));
        send(Topics.BOOK_UPDATES, S, book(S, 4, List.of(level("99.00", "3.000", 2)), List.of()));
        eventually(() -> assertThat(redisGet("rtx:book:{BOOK-USD}:seq")).isEqualTo("4"));
        assertThat(metrics.sequenceGaps(LedgerMetrics.STREAM_BOOK_UPDATES) - before).isEqualTo(1.0);
        top = JSON.readTree(redisGet("rtx:book:{BOOK-USD}"));
        assertThat(prices(top.get("bids")).get(0)).isEqualTo(new BigDecimal("99.00"));
        assertThat(top.get("bids").get(0).get("quantity").asString()).isEqualTo("3.000");
        JsonNode gap = JSON.readTree(redisGet("rtx:book:{BOOK-USD}:gap"));
        assertThat(gap.get("expected").asLong()).isEqualTo(3);
        assertThat(gap.get("got").asLong()).isEqualTo(4);
    }

    private static List<BigDecimal> prices(JsonNode levels) {
        List<BigDecimal> prices = new ArrayList<>();
        levels.forEach(l -> prices.add(new BigDecimal(l.get("price").asString())));
        return prices;
    }

    private static List<BigDecimal> range(int from, int to) {
        int step = from <= to ? 1 : -1;
        List<BigDecimal> prices = new ArrayList<>();
        for (int p = from; p != to + step; p += step) {
            prices.add(new BigDecimal(p + ".00"));
        }
        return prices;
    }
}
