package io.rtx.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rtx.engine.instrument.SelfTradePolicy;
import io.rtx.engine.testing.Instruments;
import io.rtx.events.ExecutionReportMessage;
import io.rtx.events.InstrumentMessage;
import io.rtx.events.Message;
import io.rtx.events.OrderCommandMessage;
import io.rtx.events.Topics;
import io.rtx.events.TradeMessage;
import io.rtx.events.testing.LaterWriter;
import io.rtx.streams.TopologyDriver;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Matching during a rolling upgrade, reading records of a later release: instruments and accepted
 * orders at a newer minor version with a field it does not know are processed; a major version it
 * does not know is dead-lettered from its input and left out of its instruments table.
 */
class MatchingRollingUpgradeTest {

    private static final String SYMBOL = "BTC-USD";

    @TempDir
    Path stateDir;
    private TopologyDriver matching;

    @BeforeEach
    void start() {
        matching = new TopologyDriver(MatchingTopologyDriver.topology(new SimpleMeterRegistry(), Duration.ofSeconds(1)),
                "rtx-matching-upgrade-test", stateDir);
    }

    @AfterEach
    void stop() {
        matching.close();
    }

    @Test
    void instrumentsAndAcceptedOrdersAreProcessedAtANewerMinorWithAFieldMatchingDoesNotKnow() {
        later(Topics.INSTRUMENTS, InstrumentMessage.of(Instruments.BTC_USD));
        later(Topics.ACCEPTED_ORDERS, limit(1, 100, "SELL", "10000.00", "0.5"));
        later(Topics.ACCEPTED_ORDERS, limit(2, 200, "BUY", "10001.00", "0.2"));

        assertThat(matching.values(Topics.TRADES, TradeMessage.class)).singleElement().satisfies(trade -> {
            assertThat(trade.price()).isEqualTo("10000.00");
            assertThat(trade.quantity()).isEqualTo("0.2000");
            assertThat(trade.buyOrderId()).isEqualTo(2);
        });
        assertThat(matching.deadLetters(Topics.ACCEPTED_ORDERS)).isEmpty();
    }

    @Test
    void aMajorMatchingDoesNotReadIsDeadLetteredFromItsInputAndLeftOutOfItsInstruments() {
        matching.send(Topics.INSTRUMENTS, SYMBOL, InstrumentMessage.of(Instruments.BTC_USD));
        matching.sendRaw(Topics.ACCEPTED_ORDERS, SYMBOL,
                LaterWriter.nextMajor(limit(3, 100, "SELL", "10000.00", "0.5")));
        matching.sendRaw(Topics.INSTRUMENTS, SYMBOL,
                LaterWriter.nextMajor(InstrumentMessage.of(Instruments.btcUsd(SelfTradePolicy.CANCEL_OLDEST))));

        assertThat(matching.deadLetters(Topics.ACCEPTED_ORDERS)).singleElement().satisfies(letter -> {
            assertThat(TopologyDriver.header(letter.headers(), Topics.DLQ_REASON_HEADER))
                    .contains("unsupported schemaVersion 2");
            assertThat(TopologyDriver.header(letter.headers(), Topics.DLQ_SOURCE_HEADER))
                    .isEqualTo(Topics.ACCEPTED_ORDERS);
        });
        // The book still follows the 1.x definition: a self-trade cancels the newest order, not the resting one.
        matching.send(Topics.ACCEPTED_ORDERS, SYMBOL, limit(4, 100, "SELL", "10000.00", "0.5"));
        matching.send(Topics.ACCEPTED_ORDERS, SYMBOL, limit(5, 100, "BUY", "10000.00", "0.5"));
        assertThat(matching.values(Topics.EXECUTION_REPORTS, ExecutionReportMessage.class))
                .filteredOn(report -> report.execType().equals("CANCELED"))
                .extracting(ExecutionReportMessage::orderId).containsExactly(5L);
    }

    /** Keyed by symbol, as both of matching's inputs are. */
    private void later(String topic, Message message) {
        matching.sendRaw(topic, SYMBOL, LaterWriter.nextMinor(message));
    }

    private static OrderCommandMessage limit(long orderId, long accountId, String side, String price, String quantity) {
        return new OrderCommandMessage(OrderCommandMessage.Kind.PLACE, orderId, "c" + orderId, accountId, SYMBOL,
                side, "LIMIT", "GTC", 0, false, price, quantity, orderId);
    }
}
