package io.rtx.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.instrument.SelfTradePolicy;
import io.rtx.engine.risk.RiskConfiguration;
import io.rtx.engine.testing.Instruments;
import io.rtx.events.AccountCommandMessage;
import io.rtx.events.AccountStateMessage;
import io.rtx.events.ExecutionReportMessage;
import io.rtx.events.InstrumentMessage;
import io.rtx.events.Message;
import io.rtx.events.OrderCommandMessage;
import io.rtx.events.Topics;
import io.rtx.events.TradeMessage;
import io.rtx.events.testing.LaterWriter;
import io.rtx.streams.TopologyDriver;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Risk during a rolling upgrade, reading records of a later release: every type it reads at a newer
 * minor version with a field it does not know is processed; a major version it does not know is
 * dead-lettered from its inputs and left out of its global tables.
 */
class RiskRollingUpgradeTest {

    private static final String SYMBOL = "BTC-USD";

    @TempDir
    Path stateDir;
    private TopologyDriver risk;

    @BeforeEach
    void start() {
        risk = new TopologyDriver(RiskTopologyDriver.topology(new RiskConfiguration(10, 0), new SimpleMeterRegistry()),
                Topics.RISK_APPLICATION_ID, stateDir);
    }

    @AfterEach
    void stop() {
        risk.close();
    }

    @Test
    void everyTypeRiskReadsIsProcessedAtANewerMinorWithAFieldItDoesNotKnow() {
        later(Topics.INSTRUMENTS, SYMBOL, InstrumentMessage.of(Instruments.BTC_USD));
        later(Topics.ACCOUNT_COMMANDS, "1", open());
        later(Topics.ACCOUNT_COMMANDS, "1", deposit("100000"));
        later(Topics.TRADES, SYMBOL, trade("20000.00"));
        later(Topics.ORDER_COMMANDS, "1", marketBuy(10));

        // The market order's protection price is the instrument's 10% band around the trade.
        assertThat(risk.values(Topics.ACCEPTED_ORDERS, OrderCommandMessage.class))
                .extracting(OrderCommandMessage::orderId, OrderCommandMessage::price)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(10L, "22000.00"));
        assertThat(risk.values(Topics.EXECUTION_REPORTS, ExecutionReportMessage.class)).as("accepted: no report").isEmpty();

        later(Topics.EXECUTION_REPORTS, "1", fill(10));

        // Paid 20,000 USD and the 40 USD taker fee; the rest of the hold is released.
        AccountStateMessage settled = last(risk.values(Topics.ACCOUNTS_CHANGELOG, AccountStateMessage.class));
        assertThat(settled.balances()).containsExactlyInAnyOrder(
                new AccountStateMessage.BalanceState("BTC", 8, 1_00000000L, 0),
                new AccountStateMessage.BalanceState("USD", 8, 79_960_00000000L, 0));
        Topics.RISK_INPUTS.forEach(input -> assertThat(risk.deadLetters(input)).as(input).isEmpty());
    }

    @Test
    void aMajorRiskDoesNotReadIsDeadLetteredFromItsInputsAndLeftOutOfItsGlobalTables() {
        risk.send(Topics.INSTRUMENTS, SYMBOL, InstrumentMessage.of(Instruments.BTC_USD));
        risk.send(Topics.ACCOUNT_COMMANDS, "1", open());
        risk.send(Topics.ACCOUNT_COMMANDS, "1", deposit("100000"));
        risk.send(Topics.TRADES, SYMBOL, trade("20000.00"));
        risk.read(Topics.ACCOUNT_EVENTS);

        risk.sendRaw(Topics.ORDER_COMMANDS, "1", LaterWriter.nextMajor(marketBuy(11)));
        risk.sendRaw(Topics.ACCOUNT_COMMANDS, "1", LaterWriter.nextMajor(deposit("5")));
        risk.sendRaw(Topics.EXECUTION_REPORTS, "1", LaterWriter.nextMajor(fill(11)));
        risk.sendRaw(Topics.INSTRUMENTS, SYMBOL, LaterWriter.nextMajor(InstrumentMessage.of(withPriceBand(2_000))));
        risk.sendRaw(Topics.TRADES, SYMBOL, LaterWriter.nextMajor(trade("30000.00")));

        for (String input : Topics.RISK_INPUTS) {
            assertThat(risk.deadLetters(input)).as(input).singleElement().satisfies(letter -> {
                assertThat(TopologyDriver.header(letter.headers(), Topics.DLQ_REASON_HEADER))
                        .contains("unsupported schemaVersion 2");
                assertThat(TopologyDriver.header(letter.headers(), Topics.DLQ_SOURCE_HEADER)).isEqualTo(input);
            });
        }
        assertThat(risk.read(Topics.ACCOUNT_EVENTS)).as("the deposit was not applied").isEmpty();
        // Still the 1.x instrument's 10% band around the 1.x trade: neither global table took the 2.x record.
        risk.send(Topics.ORDER_COMMANDS, "1", marketBuy(12));
        assertThat(risk.values(Topics.ACCEPTED_ORDERS, OrderCommandMessage.class))
                .extracting(OrderCommandMessage::price).containsExactly("22000.00");
    }

    private void later(String topic, String key, Message message) {
        risk.sendRaw(topic, key, LaterWriter.nextMinor(message));
    }

    private static AccountCommandMessage open() {
        return new AccountCommandMessage(AccountCommandMessage.Kind.OPEN, "open-1", 1, null, null, 1);
    }

    private static AccountCommandMessage deposit(String usd) {
        return new AccountCommandMessage(AccountCommandMessage.Kind.DEPOSIT, "deposit-" + usd, 1, "USD", usd, 2);
    }

    private static TradeMessage trade(String price) {
        return new TradeMessage(SYMBOL, 1, price, "0.1000", 1, 8, 2, 9, "BUY", 3);
    }

    private static OrderCommandMessage marketBuy(long orderId) {
        return new OrderCommandMessage(OrderCommandMessage.Kind.PLACE, orderId, "c" + orderId, 1, SYMBOL, "BUY",
                "MARKET", "IOC", 0, false, null, "1", 4);
    }

    /** Matching's report: the whole market order filled at 20,000.00 as taker. */
    private static ExecutionReportMessage fill(long orderId) {
        return new ExecutionReportMessage(ExecutionReportMessage.SOURCE_MATCHING, SYMBOL, 1, orderId, "c" + orderId, 1,
                "BUY", "MARKET", "IOC", "TRADE", "FILLED", "22000.00", "1.0000", "1.0000", "0.0000", "20000.00",
                "1.0000", "TAKER", 1, null, 5, null);
    }

    private static Instrument withPriceBand(int bandBps) {
        Instrument btcUsd = Instruments.BTC_USD;
        return new Instrument(SYMBOL, Instruments.BTC, Instruments.USD, btcUsd.priceScale(), btcUsd.quantityScale(),
                btcUsd.tickSize(), btcUsd.lotSize(), btcUsd.minQuantity(), btcUsd.maxQuantity(), bandBps, 0,
                btcUsd.maxNotional(), btcUsd.makerFeeBps(), btcUsd.takerFeeBps(), SelfTradePolicy.CANCEL_NEWEST);
    }

    private static <T> T last(List<T> values) {
        assertThat(values).isNotEmpty();
        return values.get(values.size() - 1);
    }
}
