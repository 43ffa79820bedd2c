package io.rtx.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rtx.engine.order.Side;
import io.rtx.engine.risk.OpenOrder;
import io.rtx.engine.risk.RiskConfiguration;
import io.rtx.engine.testing.Instruments;
import io.rtx.events.AccountCommandMessage;
import io.rtx.events.AccountStateMessage;
import io.rtx.events.ExecutionReportMessage;
import io.rtx.events.InstrumentMessage;
import io.rtx.events.OrderCommandMessage;
import io.rtx.events.Topics;
import io.rtx.risk.accounts.AccountStore;
import io.rtx.streams.TopologyDriver;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What risk writes to its account stores: what a record changed, never the whole account. */
class AccountStateTest {

    private static final String SYMBOL = "BTC-USD";
    private static final String APPLICATION = "rtx-risk-state-test";

    @TempDir
    Path stateDir;
    private TopologyDriver risk;

    @BeforeEach
    void start() {
        risk = new TopologyDriver(RiskTopologyDriver.topology(new RiskConfiguration(10_000, 0),
                new SimpleMeterRegistry()), APPLICATION, stateDir);
        risk.send(Topics.INSTRUMENTS, SYMBOL, InstrumentMessage.of(Instruments.BTC_USD));
        risk.send(Topics.ACCOUNT_COMMANDS, "1", new AccountCommandMessage(AccountCommandMessage.Kind.OPEN, "o", 1,
                null, null, 1));
        risk.send(Topics.ACCOUNT_COMMANDS, "1", new AccountCommandMessage(AccountCommandMessage.Kind.DEPOSIT, "d", 1,
                "USD", "1000000", 1));
    }

    @AfterEach
    void stop() {
        risk.close();
    }

    @Test
    void aFillWritesTheBalancesAndTheOneOrderItNamedHoweverManyRest() {
        for (long orderId = 1; orderId <= 200; orderId++) {
            risk.send(Topics.ORDER_COMMANDS, "1", place(orderId));
        }
        changelog(AccountStore.NAME);
        changelog(AccountStore.OPEN_ORDERS);

        risk.send(Topics.EXECUTION_REPORTS, "1", report(50, "TRADE", "PARTIALLY_FILLED", "0.0400", "0.0600"));

        assertThat(changelog(AccountStore.OPEN_ORDERS)).extracting(TestRecord::key).containsExactly("1:50");
        assertThat(changelog(AccountStore.NAME)).singleElement().satisfies(r -> assertThat(r.value().length)
                .as("flags and two balances, not 200 orders").isLessThan(300));
    }

    @Test
    void anAcceptedRequestThatMovesNothingWritesNothing() {
        risk.send(Topics.ORDER_COMMANDS, "1", place(1));
        changelog(AccountStore.NAME);
        changelog(AccountStore.OPEN_ORDERS);

        risk.send(Topics.ORDER_COMMANDS, "1", new OrderCommandMessage(OrderCommandMessage.Kind.CANCEL, 1, null, 1,
                SYMBOL, null, null, null, 0, false, null, null, 2));

        assertThat(risk.values(Topics.ACCEPTED_ORDERS, OrderCommandMessage.class)).last()
                .extracting(OrderCommandMessage::kind).isEqualTo(OrderCommandMessage.Kind.CANCEL);
        assertThat(changelog(AccountStore.NAME)).isEmpty();
        assertThat(changelog(AccountStore.OPEN_ORDERS)).isEmpty();
    }

    @Test
    void anAccountStoredWithItsOrdersInsideMovesThemToTheirOwnStore() {
        KeyValueStore<String, AccountStateMessage> accounts = risk.driver.getKeyValueStore(AccountStore.NAME);
        KeyValueStore<String, OpenOrder> openOrders = risk.driver.getKeyValueStore(AccountStore.OPEN_ORDERS);
        OpenOrder kept = new OpenOrder(7, SYMBOL, Side.BUY, 1_000_000, 0, 1_000, 1_002);
        OpenOrder cancelled = new OpenOrder(8, SYMBOL, Side.BUY, 1_000_000, 0, 1_000, 1_002);
        // As the release before wrote it: account 2 with its two live orders inside.
        accounts.put("2", new AccountStateMessage(2, 0, 3, false,
                List.of(new AccountStateMessage.BalanceState("USD", 8, 97_996, 2_004)),
                List.of(state(kept), state(cancelled)), null));

        risk.send(Topics.EXECUTION_REPORTS, "2", new ExecutionReportMessage("MATCHING", SYMBOL, 9, 8, "c8", 2,
                "BUY", "LIMIT", "GTC", "CANCELED", "CANCELED", "10000.00", "0.1000", "0.0000", "0.0000", null, null,
                null, 0, null, 3, null));

        assertThat(accounts.get("2").openOrders()).isEmpty();
        assertThat(accounts.get("2").balances()).containsExactly(
                new AccountStateMessage.BalanceState("USD", 8, 98_998, 1_002));
        assertThat(openOrders.get("2:7")).isEqualTo(kept);
        assertThat(openOrders.get("2:8")).isNull();
    }

    private static AccountStateMessage.OpenOrderState state(OpenOrder o) {
        return new AccountStateMessage.OpenOrderState(o.orderId(), o.symbol(), o.side().name(), o.price(),
                o.pendingPrice(), o.leavesQuantity(), o.reserved());
    }

    private static OrderCommandMessage place(long orderId) {
        return new OrderCommandMessage(OrderCommandMessage.Kind.PLACE, orderId, "c" + orderId, 1, SYMBOL, "BUY",
                "LIMIT", "GTC", 0, false, "10000.00", "0.1", 1);
    }

    private static ExecutionReportMessage report(long orderId, String execType, String status, String lastQuantity,
                                                 String leaves) {
        return new ExecutionReportMessage("MATCHING", SYMBOL, 1, orderId, "c" + orderId, 1, "BUY", "LIMIT", "GTC",
                execType, status, "10000.00", "0.1000", lastQuantity, leaves, "10000.00", lastQuantity, "MAKER", 1,
                null, 2, null);
    }

    /** The records the store's changelog received since the last call. */
    private List<TestRecord<String, byte[]>> changelog(String store) {
        return risk.driver.createOutputTopic(APPLICATION + "-" + store + "-changelog", Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer()).readRecordsToList();
    }
}
