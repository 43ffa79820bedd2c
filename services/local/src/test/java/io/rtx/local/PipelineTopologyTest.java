package io.rtx.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtx.engine.risk.RiskConfiguration;
import io.rtx.engine.testing.Instruments;
import io.rtx.events.AccountCommandMessage;
import io.rtx.events.AccountStateMessage;
import io.rtx.events.ExecutionReportMessage;
import io.rtx.events.InstrumentMessage;
import io.rtx.events.OrderCommandMessage;
import io.rtx.events.Topics;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every order type from the order command to its settlement, through both real topologies: fills,
 * fees, releases, expiry, amend/reduce/cancel, and at the end conservation and no money left held.
 */
class PipelineTopologyTest {

    private static final String SYMBOL = "BTC-USD";

    @TempDir
    Path stateDir;

    private long clock = 1_000;

    private OrderCommandMessage order(OrderCommandMessage.Kind kind, long orderId, long accountId, String side,
                                      String type, String tif, long expiresAt, boolean postOnly, String price,
                                      String quantity) {
        return new OrderCommandMessage(kind, orderId, "c" + orderId, accountId, SYMBOL, side, type, tif, expiresAt,
                postOnly, price, quantity, clock++);
    }

    private void send(PipelineDrivers pipeline, OrderCommandMessage command) {
        pipeline.send(Topics.ORDER_COMMANDS, Long.toString(command.accountId()), command);
    }

    private void fund(PipelineDrivers pipeline, long accountId, String asset, String amount) {
        pipeline.send(Topics.ACCOUNT_COMMANDS, Long.toString(accountId),
                new AccountCommandMessage(AccountCommandMessage.Kind.OPEN, "open-" + accountId + asset, accountId,
                null, null, clock++));
        pipeline.send(Topics.ACCOUNT_COMMANDS, Long.toString(accountId),
                new AccountCommandMessage(AccountCommandMessage.Kind.DEPOSIT, "dep-" + accountId + asset, accountId,
                asset, amount, clock++));
    }

    @Test
    void everyOrderTypeThroughToSettlement() {
        try (PipelineDrivers p = new PipelineDrivers(RiskConfiguration.DEFAULT, stateDir)) {
            p.send(Topics.INSTRUMENTS, SYMBOL, InstrumentMessage.of(Instruments.BTC_USD));
            fund(p, 1, "USD", "100000");
            fund(p, 2, "BTC", "10");
            fund(p, 3, "USD", "100000");
            fund(p, 3, "BTC", "10");
            var kind = OrderCommandMessage.Kind.PLACE;

            send(p, order(kind, 10, 2, "SELL", "LIMIT", "GTC", 0, false, "10000.00", "1"));
            send(p, order(kind, 11, 1, "BUY", "LIMIT", "IOC", 0, false, "10000.00", "0.3"));
            assertThat(p.last(11).status()).isEqualTo("FILLED");

            send(p, order(kind, 12, 1, "BUY", "LIMIT", "FOK", 0, false, "10000.00", "1"));
            assertThat(p.last(12).reason()).isEqualTo("FOK_NOT_FILLABLE");
            send(p, order(kind, 13, 3, "BUY", "LIMIT", "FOK", 0, false, "10000.00", "0.7"));
            assertThat(p.last(13).status()).isEqualTo("FILLED");
            assertThat(p.last(10).status()).isEqualTo("FILLED");

            send(p, order(kind, 14, 2, "SELL", "LIMIT", "GTC", 0, false, "10100.00", "0.5"));
            send(p, order(kind, 15, 1, "BUY", "MARKET", "IOC", 0, false, null, "0.2"));
            assertThat(p.last(15).status()).isEqualTo("FILLED");
            assertThat(p.last(15).lastPrice()).isEqualTo("10100.00");

            send(p, order(kind, 16, 1, "BUY", "LIMIT", "GTC", 0, true, "10100.00", "0.1"));
            assertThat(p.last(16).reason()).isEqualTo("POST_ONLY_WOULD_TAKE");

            // Expiry is checked against the driver's wall clock, which is far past this test's command clock.
            send(p, order(kind, 17, 3, "BUY", "LIMIT", "GTD", clock + 500, false, "9500.00", "0.1"));
            assertThat(p.last(17).status()).isEqualTo("NEW");
            p.advanceWallClock(Duration.ofSeconds(2));
            assertThat(p.last(17).status()).isEqualTo("EXPIRED");

            send(p, order(kind, 18, 1, "BUY", "LIMIT", "GTC", 0, false, "9200.00", "0.1"));
            send(p, order(OrderCommandMessage.Kind.AMEND_PRICE, 18, 1, null, null, null, 0, false, "9500.00", null));
            assertThat(p.last(18).execType()).isEqualTo("REPLACED");
            assertThat(p.last(18).price()).isEqualTo("9500.00");
            send(p, order(OrderCommandMessage.Kind.REDUCE_QUANTITY, 18, 1, null, null, null, 0, false, null, "0.05"));
            assertThat(p.last(18).quantity()).isEqualTo("0.0500");
            send(p, order(OrderCommandMessage.Kind.CANCEL, 18, 1, null, null, null, 0, false, null, null));
            send(p, order(OrderCommandMessage.Kind.CANCEL, 14, 2, null, null, null, 0, false, null, null));
            assertThat(p.last(18).status()).isEqualTo("CANCELED");
            assertThat(p.last(14).status()).isEqualTo("CANCELED");

            assertOneTerminalStatePerOrder(p);
            assertThat(p.total("USD")).isEqualByComparingTo("200000");
            assertThat(p.total("BTC")).isEqualByComparingTo("20");
            assertThat(p.reserved("USD")).isEqualByComparingTo(BigDecimal.ZERO);
            assertThat(p.reserved("BTC")).isEqualByComparingTo(BigDecimal.ZERO);
            // Fees, 20 bps taker + 10 bps maker: on 3,000 (9) + 7,000 (21) + 2,020 (6.06) USD.
            AccountStateMessage.BalanceState fees = p.accounts.get(0L).balances().get(0);
            assertThat(BigDecimal.valueOf(fees.available(), fees.scale())).isEqualByComparingTo("36.06");
            assertThat(p.trades).extracting(t -> t.tradeId()).containsExactly(1L, 2L, 3L);
        }
    }

    private static void assertOneTerminalStatePerOrder(PipelineDrivers p) {
        Set<String> terminal = Set.of("FILLED", "CANCELED", "EXPIRED", "REJECTED");
        Set<Long> orderIds = p.reports.stream().map(ExecutionReportMessage::orderId).collect(Collectors.toSet());
        for (long orderId : orderIds) {
            List<ExecutionReportMessage> ends = p.reportsFor(orderId).stream()
                    .filter(r -> terminal.contains(r.status()) && !r.execType().equals("REQUEST_REJECTED")).toList();
            assertThat(ends).as("terminal reports of order %d", orderId).hasSize(1);
        }
        List<Long> sequences = p.reports.stream().filter(r -> r.source().equals("MATCHING"))
                .map(ExecutionReportMessage::sequence).toList();
        assertThat(sequences).isEqualTo(java.util.stream.LongStream.rangeClosed(1, sequences.size()).boxed().toList());
    }
}
