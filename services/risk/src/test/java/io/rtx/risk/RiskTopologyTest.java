package io.rtx.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.order.ExecType;
import io.rtx.engine.risk.ClientOrderIds;
import io.rtx.engine.risk.RiskConfiguration;
import io.rtx.engine.testing.Instruments;
import io.rtx.events.AccountCommandMessage;
import io.rtx.events.AccountEventMessage;
import io.rtx.events.AccountStateMessage;
import io.rtx.events.ExecutionReportMessage;
import io.rtx.events.InstrumentMessage;
import io.rtx.events.JsonSerde;
import io.rtx.events.Message;
import io.rtx.events.OrderCommandMessage;
import io.rtx.events.Topics;
import io.rtx.events.TradeMessage;
import io.rtx.risk.accounts.AccountStore;
import io.rtx.streams.TopologyDriver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RiskTopologyTest {

    private static final String SYMBOL = "BTC-USD";

    @TempDir
    Path stateDir;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TopologyDriver risk;

    @BeforeEach
    void start() {
        risk = new TopologyDriver(RiskTopologyDriver.topology(new RiskConfiguration(3, 0), registry),
                Topics.RISK_APPLICATION_ID, stateDir);
        risk.send(Topics.INSTRUMENTS, SYMBOL, InstrumentMessage.of(Instruments.BTC_USD));
        account(AccountCommandMessage.Kind.OPEN, 1, null, null);
        account(AccountCommandMessage.Kind.DEPOSIT, 1, "USD", "100000");
        account(AccountCommandMessage.Kind.OPEN, 2, null, null);
        account(AccountCommandMessage.Kind.DEPOSIT, 2, "BTC", "10");
        risk.read(Topics.ACCOUNT_EVENTS);
    }

    @AfterEach
    void stop() {
        risk.close();
    }

    private void account(AccountCommandMessage.Kind kind, long accountId, String asset, String amount) {
        risk.send(Topics.ACCOUNT_COMMANDS, Long.toString(accountId),
                new AccountCommandMessage(kind, kind + "-" + accountId + "-" + amount, accountId, asset, amount, 1));
    }

    private static OrderCommandMessage place(long orderId, long accountId, String side, String type, String tif,
                                             String price, String quantity) {
        return new OrderCommandMessage(OrderCommandMessage.Kind.PLACE, orderId, "c" + orderId, accountId, SYMBOL,
                side, type, tif, 0, false, price, quantity, 1_000);
    }

    private void send(OrderCommandMessage command) {
        risk.send(Topics.ORDER_COMMANDS, Long.toString(command.accountId()), command);
    }

    private ExecutionReportMessage onlyReport() {
        List<ExecutionReportMessage> reports = risk.values(Topics.EXECUTION_REPORTS, ExecutionReportMessage.class);
        assertThat(reports).hasSize(1);
        return reports.get(0);
    }

    /** The asset's balance as risk's store holds it for account 1 (the trader in these tests). */
    private AccountStateMessage.BalanceState balance(String asset) {
        return balance(1, asset);
    }

    private AccountStateMessage.BalanceState balance(long accountId, String asset) {
        KeyValueStore<String, AccountStateMessage> accounts = risk.driver.getKeyValueStore(AccountStore.NAME);
        return accounts.get(Long.toString(accountId)).balances().stream().filter(b -> b.asset().equals(asset))
                .findFirst().orElseThrow();
    }

    /** A USD balance (scale 8) in whole dollars. */
    private static AccountStateMessage.BalanceState usd(long available, long reserved) {
        return new AccountStateMessage.BalanceState("USD", 8, available * 100_000_000L, reserved * 100_000_000L);
    }

    @Test
    void acceptedOrderIsHeldAndForwardedKeyedBySymbolWithNoReportOfItsOwn() {
        send(place(10, 1, "BUY", "LIMIT", "GTC", "10000.00", "0.5"));

        List<KeyValue<String, Message>> accepted = risk.read(Topics.ACCEPTED_ORDERS);
        assertThat(accepted).hasSize(1);
        assertThat(accepted.get(0).key).isEqualTo(SYMBOL);
        assertThat(accepted.get(0).value).isEqualTo(place(10, 1, "BUY", "LIMIT", "GTC", "10000.00", "0.5"));
        assertThat(risk.read(Topics.EXECUTION_REPORTS)).as("the accepted order is the acknowledgement").isEmpty();
        // 5,000 USD + 20 bps taker fee held.
        assertThat(balance("USD")).isEqualTo(usd(94_990, 5_010));
    }

    @Test
    void ordersPublishNoAccountEventTheirBalancesReachTheChangelogOncePerCommit() {
        List<AccountStateMessage> opened = risk.values(Topics.ACCOUNTS_CHANGELOG, AccountStateMessage.class);
        long before = opened.stream().filter(a -> a.id() == 1).mapToLong(AccountStateMessage::version).max()
                .orElseThrow();
        send(place(14, 1, "BUY", "LIMIT", "GTC", "10000.00", "0.5"));
        risk.send(Topics.EXECUTION_REPORTS, "1", new ExecutionReportMessage("MATCHING", SYMBOL, 7, 14, "c14", 1,
                "BUY", "LIMIT", "GTC", "TRADE", "FILLED", "10000.00", "0.5000", "0.5000", "0.0000", "10000.00",
                "0.5000", "MAKER", 3, null, 2_000, null));

        assertThat(risk.read(Topics.ACCOUNT_EVENTS)).as("holds and fills publish no account event").isEmpty();
        // The test driver commits after every record: one changelog record each, versions one apart.
        List<AccountStateMessage> changed = risk.values(Topics.ACCOUNTS_CHANGELOG, AccountStateMessage.class);
        assertThat(changed).extracting(AccountStateMessage::id, AccountStateMessage::version,
                AccountStateMessage::eventSequence).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1L, before + 1, 2L),
                org.assertj.core.groups.Tuple.tuple(1L, before + 2, 2L));
        // 5,000 USD + 10 bps maker fee paid out of the 5,010 held; the rest is released.
        assertThat(changed.get(1).balances()).containsExactlyInAnyOrder(
                new AccountStateMessage.BalanceState("BTC", 8, 50_000_000L, 0),
                new AccountStateMessage.BalanceState("USD", 8, 94_995_00000000L, 0));
        assertThat(changed.get(1).openOrders()).isEmpty();
    }

    @Test
    void marketOrderIsForwardedWithItsProtectionPrice() {
        risk.send(Topics.TRADES, SYMBOL, new TradeMessage(SYMBOL, 1, "20000.00", "0.1", 1, 8, 2, 9, "BUY", 1));
        send(place(11, 1, "BUY", "MARKET", "IOC", null, "1"));

        OrderCommandMessage forwarded = (OrderCommandMessage) risk.read(Topics.ACCEPTED_ORDERS).get(0).value;
        assertThat(forwarded.price()).isEqualTo("22000.00");
    }

    @Test
    void theDefinitionsReferencePriceBandsOrdersBeforeTheFirstTrade() {
        risk.send(Topics.INSTRUMENTS, SYMBOL, InstrumentMessage.of(Instruments.btcUsdReferencedAt(10_000_00)));
        send(place(12, 1, "BUY", "LIMIT", "GTC", "11000.01", "0.5"));
        assertThat(onlyReport().reason()).isEqualTo("PRICE_OUTSIDE_BAND");

        send(place(13, 1, "BUY", "MARKET", "IOC", null, "0.1"));
        OrderCommandMessage forwarded = (OrderCommandMessage) risk.read(Topics.ACCEPTED_ORDERS).get(0).value;
        assertThat(forwarded.price()).isEqualTo("11000.00");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "UNKNOWN_ACCOUNT,      9, BUY,  LIMIT, GTC, 10000.00, 0.5",
            "INVALID_ORDER,        1, BUY,  LIMIT, GTC, 10000.005, 0.5",
            "INVALID_ORDER,        1, BUY,  LIMIT, NEVER, 10000.00, 0.5",
            "INVALID_ORDER,        1, BUY,  MARKET, GTC, , 0.5",
            "QUANTITY_NOT_ON_LOT,  1, BUY,  LIMIT, GTC, 10000.00, 0.0005",
            "QUANTITY_ABOVE_MAX,   1, SELL, LIMIT, GTC, 10000.00, 101",
            "NO_REFERENCE_PRICE,   1, BUY,  MARKET, IOC, , 0.5",
            "NOTIONAL_ABOVE_CAP,   1, BUY,  LIMIT, GTC, 200000.00, 100",
            "INSUFFICIENT_BALANCE, 1, BUY,  LIMIT, GTC, 10000.00, 11",
            "INSUFFICIENT_BALANCE, 2, SELL, LIMIT, GTC, 10000.00, 11",
    })
    void rejectionsCarryTheirReasonCode(String reason, long account, String side, String type, String tif, String price,
                                        String quantity) {
        send(place(20, account, side, type, tif, price, quantity));

        ExecutionReportMessage report = onlyReport();
        assertThat(report.execType()).isEqualTo("REJECTED");
        assertThat(report.reason()).isEqualTo(reason);
        assertThat(risk.read(Topics.ACCEPTED_ORDERS)).isEmpty();
    }

    @Test
    void unknownInstrumentBandSuspensionOpenOrderCapAndDuplicates() {
        OrderCommandMessage eth = new OrderCommandMessage(OrderCommandMessage.Kind.PLACE, 30, "c", 1, "ETH-USD",
                "BUY", "LIMIT", "GTC", 0, false, "1.00", "1", 1);
        send(eth);
        assertThat(onlyReport().reason()).isEqualTo("UNKNOWN_INSTRUMENT");

        risk.send(Topics.TRADES, SYMBOL, new TradeMessage(SYMBOL, 1, "10000.00", "0.1", 1, 8, 2, 9, "BUY", 1));
        send(place(31, 1, "BUY", "LIMIT", "GTC", "11000.01", "0.5"));
        assertThat(onlyReport().reason()).isEqualTo("PRICE_OUTSIDE_BAND");

        send(place(32, 1, "BUY", "LIMIT", "GTC", "10000.00", "0.01"));
        send(place(32, 1, "BUY", "LIMIT", "GTC", "10000.00", "0.01"));
        send(place(33, 1, "BUY", "LIMIT", "GTC", "10000.00", "0.01"));
        send(place(34, 1, "BUY", "LIMIT", "GTC", "10000.00", "0.01"));
        send(place(35, 1, "BUY", "LIMIT", "GTC", "10000.00", "0.01"));
        assertThat(risk.values(Topics.EXECUTION_REPORTS, ExecutionReportMessage.class))
                .extracting(r -> r.reason() == null ? r.execType() : r.reason())
                .containsExactly("DUPLICATE_CLIENT_ORDER_ID", "OPEN_ORDER_LIMIT");
        assertThat(risk.values(Topics.ACCEPTED_ORDERS, OrderCommandMessage.class))
                .extracting(OrderCommandMessage::orderId).containsExactly(32L, 33L, 34L);

        account(AccountCommandMessage.Kind.SUSPEND, 1, null, null);
        assertThat(risk.values(Topics.ACCEPTED_ORDERS, OrderCommandMessage.class)).filteredOn(
                c -> c.kind() == OrderCommandMessage.Kind.CANCEL).extracting(OrderCommandMessage::orderId)
                .as("the kill switch cancels every live order").containsExactly(32L, 33L, 34L);
        send(place(36, 1, "BUY", "LIMIT", "GTC", "10000.00", "0.01"));
        assertThat(onlyReport().reason()).isEqualTo("ACCOUNT_SUSPENDED");
    }

    private static OrderCommandMessage withClientOrderId(OrderCommandMessage m, String clientOrderId, long timestamp) {
        return new OrderCommandMessage(m.kind(), m.orderId(), clientOrderId, m.accountId(), m.symbol(), m.side(),
                m.type(), m.timeInForce(), m.expiresAt(), m.postOnly(), m.price(), m.quantity(), timestamp);
    }

    @Test
    void aRetriedClientOrderIdIsAnsweredWithTheOriginalAndHoldsNothingTwice() {
        send(withClientOrderId(place(70, 1, "BUY", "LIMIT", "GTC", "10000.00", "0.5"), "same", 1_000));
        assertThat(balance("USD")).isEqualTo(usd(94_990, 5_010));
        // The retry, through another gateway: a new order id, even another order's fields.
        send(withClientOrderId(place(71, 1, "BUY", "LIMIT", "GTC", "9000.00", "0.1"), "same", 1_500));

        assertThat(risk.values(Topics.ACCEPTED_ORDERS, OrderCommandMessage.class)).extracting(OrderCommandMessage::orderId)
                .containsExactly(70L);
        ExecutionReportMessage duplicate = onlyReport();
        assertThat(duplicate.orderId()).isEqualTo(71);
        assertThat(duplicate.execType()).isEqualTo(ExecType.REJECTED.name());
        assertThat(duplicate.reason()).isEqualTo("DUPLICATE_CLIENT_ORDER_ID");
        assertThat(duplicate.originalOrderId()).isEqualTo(70L);
        assertThat(balance("USD")).as("nothing more held").isEqualTo(usd(94_990, 5_010));
        assertThat(registry.get("rtx.risk.rejections").tag("reason", "DUPLICATE_CLIENT_ORDER_ID").counter()
                .count()).isEqualTo(1);

        // Another account's id of the same name is its own.
        send(withClientOrderId(place(72, 2, "SELL", "LIMIT", "GTC", "10000.00", "0.5"), "same", 1_600));
        assertThat(risk.values(Topics.ACCEPTED_ORDERS, OrderCommandMessage.class)).extracting(OrderCommandMessage::orderId)
                .containsExactly(72L);
    }

    @Test
    void aRejectedPlacementLeavesItsClientOrderIdFreeForTheRetry() {
        send(withClientOrderId(place(73, 1, "BUY", "LIMIT", "GTC", "10000.00", "11"), "again", 1_000));
        assertThat(onlyReport().reason()).isEqualTo("INSUFFICIENT_BALANCE");

        send(withClientOrderId(place(74, 1, "BUY", "LIMIT", "GTC", "10000.00", "1"), "again", 1_100));
        assertThat(risk.read(Topics.EXECUTION_REPORTS)).isEmpty();
        assertThat(risk.values(Topics.ACCEPTED_ORDERS, OrderCommandMessage.class)).extracting(OrderCommandMessage::orderId)
                .containsExactly(74L);
    }

    @Test
    void anIdIsFreeAgainAfterTheWindowAndTheCapRefusesOnlyFreshIds() {
        risk.close();
        risk = new TopologyDriver(RiskTopologyDriver.topology(new RiskConfiguration(10, 0),
                new ClientOrderIds(1_000, 2), registry), "rtx-risk-test-window", stateDir.resolve("window"));
        risk.send(Topics.INSTRUMENTS, SYMBOL, InstrumentMessage.of(Instruments.BTC_USD));
        account(AccountCommandMessage.Kind.OPEN, 1, null, null);
        account(AccountCommandMessage.Kind.DEPOSIT, 1, "USD", "100000");
        send(withClientOrderId(place(80, 1, "BUY", "LIMIT", "GTC", "100.00", "0.1"), "w", 10_000));
        send(withClientOrderId(place(81, 1, "BUY", "LIMIT", "GTC", "100.00", "0.1"), "x", 10_100));
        // The cap (2 a period) is reached: a fresh id is refused, a retry still gets its original, no id is fine.
        send(withClientOrderId(place(82, 1, "BUY", "LIMIT", "GTC", "100.00", "0.1"), "y", 10_200));
        send(withClientOrderId(place(83, 1, "BUY", "LIMIT", "GTC", "100.00", "0.1"), "w", 10_300));
        send(withClientOrderId(place(84, 1, "BUY", "LIMIT", "GTC", "100.00", "0.1"), null, 10_400));
        assertThat(risk.values(Topics.EXECUTION_REPORTS, ExecutionReportMessage.class))
                .extracting(ExecutionReportMessage::orderId, ExecutionReportMessage::reason,
                        ExecutionReportMessage::originalOrderId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(82L, "CLIENT_ORDER_ID_LIMIT", null),
                        org.assertj.core.groups.Tuple.tuple(83L, "DUPLICATE_CLIENT_ORDER_ID", 80L));
        // More than the window after the original (and in the next period), the id places a new order.
        send(withClientOrderId(place(85, 1, "BUY", "LIMIT", "GTC", "100.00", "0.1"), "w", 11_001));
        assertThat(risk.read(Topics.EXECUTION_REPORTS)).isEmpty();
        assertThat(risk.values(Topics.ACCEPTED_ORDERS, OrderCommandMessage.class)).extracting(OrderCommandMessage::orderId)
                .containsExactly(80L, 81L, 84L, 85L);
    }

    @Test
    void fillsAreSettledAndFeesGoToTheFeeAccountsPartition() {
        send(place(40, 1, "BUY", "LIMIT", "GTC", "10000.00", "0.5"));
        risk.read(Topics.EXECUTION_REPORTS);
        // The book's fill at a better price, as the matching processor reports it.
        risk.send(Topics.EXECUTION_REPORTS, "1", new ExecutionReportMessage("MATCHING", SYMBOL, 7, 40, "c40", 1,
                "BUY", "LIMIT", "GTC", "TRADE", "FILLED", "10000.00", "0.5000", "0.5000", "0.0000", "9000.00", "0.5000",
                "TAKER", 3, null, 2_000, null));

        // Paid 4,500 USD + 9 USD taker fee out of the 5,010 held; the rest is released.
        assertThat(balance("USD")).isEqualTo(usd(95_491, 0));
        assertThat(balance("BTC").available()).isEqualTo(50_000_000L);
        // The fee waits in the task's accrual until the next sweep...
        assertThat(risk.read(Topics.ACCOUNT_COMMANDS)).isEmpty();
        assertThat(risk.values(Topics.ACCOUNTS_CHANGELOG, AccountStateMessage.class)).noneMatch(a -> a.id() == 0);

        // ...which credits it through account-commands to the fee account (the driver pipes it back in).
        risk.driver.advanceWallClockTime(RiskTopologyDriver.FEE_SWEEP_INTERVAL);
        assertThat(balance(0, "USD").available()).isEqualTo(9_00000000L);
        assertThat(risk.values(Topics.ACCOUNT_EVENTS, AccountEventMessage.class)).singleElement()
                .satisfies(credit -> assertThat(credit.kind()).isEqualTo("CREDIT_FEE"));
        List<KeyValue<String, Message>> feeCredits = risk.read(Topics.ACCOUNT_COMMANDS);
        assertThat(feeCredits).singleElement().satisfies(kv -> {
            assertThat(kv.key).isEqualTo("0");
            AccountCommandMessage credit = (AccountCommandMessage) kv.value;
            assertThat(credit.kind()).isEqualTo(AccountCommandMessage.Kind.CREDIT_FEE);
            assertThat(credit.amount()).isEqualTo("9.00000000");
            assertThat(credit.commandId()).isEqualTo("fees:0_0:USD:1");
        });

        // Nothing accrued since: the next sweep credits nothing.
        risk.driver.advanceWallClockTime(RiskTopologyDriver.FEE_SWEEP_INTERVAL);
        assertThat(risk.read(Topics.ACCOUNT_COMMANDS)).isEmpty();
    }

    @Test
    void aRedefinitionThatChangesAScaleIsRefusedAndTheHoldsStayInTheOldOne() {
        send(place(60, 1, "BUY", "LIMIT", "GTC", "10000.00", "0.5"));
        risk.read(Topics.EXECUTION_REPORTS);
        Instrument btcUsd = Instruments.BTC_USD;
        // Prices in 0.001 USD, the tick still 0.01: the stored 1,000,000 would mean 1,000.000.
        Instrument rescaled = new Instrument(SYMBOL, btcUsd.base(), btcUsd.quote(), 3, 4, 10, 10, 10, 1_000_000,
                1_000, 0, btcUsd.maxNotional(), 10, 20, btcUsd.selfTradePolicy());
        risk.send(Topics.INSTRUMENTS, SYMBOL, InstrumentMessage.of(rescaled));

        // Matching refused it too: its fill of 0.2 at 10,000.00 comes in the old scales.
        risk.send(Topics.EXECUTION_REPORTS, "1", new ExecutionReportMessage("MATCHING", SYMBOL, 7, 60, "c60", 1,
                "BUY", "LIMIT", "GTC", "TRADE", "PARTIALLY_FILLED", "10000.00", "0.5000", "0.2000", "0.3000",
                "10000.00", "0.2000", "MAKER", 3, null, 2_000, null));
        send(place(61, 1, "BUY", "LIMIT", "GTC", "10000.005", "0.01"));

        // 5,010 held, 2,000 + 2 maker fee spent: the 0.3 left still holds 3,000 + 6 (its taker fee).
        assertThat(balance("USD")).isEqualTo(usd(94_992, 3_006));
        assertThat(onlyReport().reason()).as("prices still have 2 decimals").isEqualTo("INVALID_ORDER");
        assertThat(risk.deadLetters(Topics.INSTRUMENTS)).singleElement().satisfies(refused -> {
            assertThat(refused.key()).isEqualTo(SYMBOL);
            assertThat(TopologyDriver.header(refused.headers(), Topics.DLQ_REASON_HEADER))
                    .startsWith("SCALE_CHANGED: priceScale: may not change from 2 to 3");
            assertThat(JsonSerde.of(InstrumentMessage.class).deserializer()
                    .deserialize(Topics.INSTRUMENTS, refused.value())).isEqualTo(InstrumentMessage.of(rescaled));
        });
        assertThat(registry.get("rtx.risk.instruments.refused").tag("reason", "SCALE_CHANGED").counter().count())
                .isEqualTo(1);

        // An allowed redefinition (a finer lot, 0.0005) is put in force.
        Instrument finerLot = new Instrument(SYMBOL, btcUsd.base(), btcUsd.quote(), 2, 4, 1, 5, 5, 1_000_000,
                1_000, 0, btcUsd.maxNotional(), 10, 20, btcUsd.selfTradePolicy());
        risk.send(Topics.INSTRUMENTS, SYMBOL, InstrumentMessage.of(finerLot));
        send(place(62, 1, "BUY", "LIMIT", "GTC", "10000.00", "0.0005"));
        assertThat(risk.read(Topics.EXECUTION_REPORTS)).isEmpty();
        assertThat(risk.values(Topics.ACCEPTED_ORDERS, OrderCommandMessage.class)).extracting(OrderCommandMessage::orderId)
                .contains(62L);
        assertThat(risk.deadLetters(Topics.INSTRUMENTS)).isEmpty();
    }

    @Test
    void withdrawalsNeverGoBelowZeroAvailable() {
        account(AccountCommandMessage.Kind.WITHDRAW, 1, "USD", "100000.01");
        AccountEventMessage refused = risk.values(Topics.ACCOUNT_EVENTS, AccountEventMessage.class).get(0);
        assertThat(refused.accepted()).isFalse();
        assertThat(refused.reason()).isEqualTo("INSUFFICIENT_BALANCE");

        account(AccountCommandMessage.Kind.WITHDRAW, 1, "USD", "100000");
        assertThat(balance("USD").available()).isZero();
    }

    @Test
    void garbageAndUnknownSchemaVersionsGoToTheDeadLetterTopicWithTheReason() {
        risk.sendRaw(Topics.ORDER_COMMANDS, "1", "not json".getBytes(StandardCharsets.UTF_8));
        String futureVersion = new String(JsonSerde.write(place(49, 1, "BUY", "LIMIT", "GTC", "1.00", "1")),
                StandardCharsets.UTF_8).replace("\"schemaVersion\":1", "\"schemaVersion\":2");
        risk.sendRaw(Topics.ORDER_COMMANDS, "1", futureVersion.getBytes(StandardCharsets.UTF_8));
        risk.sendRaw(Topics.EXECUTION_REPORTS, "1", new byte[] {0, 1, 2});
        send(place(50, 1, "BUY", "LIMIT", "GTC", "10000.00", "0.01"));

        var orderDeadLetters = risk.deadLetters(Topics.ORDER_COMMANDS);
        assertThat(orderDeadLetters).hasSize(2);
        assertThat(new String(orderDeadLetters.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("not json");
        assertThat(TopologyDriver.header(orderDeadLetters.get(0).headers(), Topics.DLQ_REASON_HEADER))
                .contains("not a valid OrderCommandMessage");
        assertThat(TopologyDriver.header(orderDeadLetters.get(1).headers(), Topics.DLQ_REASON_HEADER))
                .contains("unsupported schemaVersion 2");
        assertThat(TopologyDriver.header(orderDeadLetters.get(1).headers(), Topics.DLQ_SOURCE_HEADER))
                .isEqualTo(Topics.ORDER_COMMANDS);
        assertThat(risk.deadLetters(Topics.EXECUTION_REPORTS)).hasSize(1);
        assertThat(risk.values(Topics.ACCEPTED_ORDERS, OrderCommandMessage.class)).as("the task kept going")
                .extracting(OrderCommandMessage::orderId).containsExactly(50L);
        assertThat(risk.read(Topics.EXECUTION_REPORTS)).isEmpty();
    }
}
