package io.rtx.benchmarks;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.risk.PreTradeRisk;
import io.rtx.engine.risk.RiskConfiguration;
import io.rtx.events.AccountCommandMessage;
import io.rtx.events.InstrumentMessage;
import io.rtx.events.JsonSerde;
import io.rtx.events.MessageSerdes;
import io.rtx.events.OrderCommandMessage;
import io.rtx.events.Routed;
import io.rtx.events.Topics;
import io.rtx.events.TradeMessage;
import io.rtx.matching.MatchingMetrics;
import io.rtx.matching.MatchingTopology;
import io.rtx.risk.RiskMetrics;
import io.rtx.risk.RiskTopology;
import io.rtx.risk.RiskTopologyDriver;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * CPU per input record of the risk processor driven directly ({@link DirectTask}): no stream thread, no broker, no
 * changelog. One operation is one record of {@link RiskTopologyBenchmark}'s mix: an order command of
 * {@link Market}'s stream, or one of the execution reports matching sent back for the orders risk accepted (NEW
 * ones skipped by header, as in production); risk's own reports, which Kafka feeds back to it, are skipped inside
 * the operation. Between operations, untimed, a matching task takes risk's accepted orders, its reports are queued
 * for risk and its trades put into risk's last-trades table.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class RiskProcessorBenchmark {

    /** As production's {@code rtx.risk.recent-accounts} and {@code rtx.risk.fee-sweep-interval}. */
    private static final int RECENT_ACCOUNTS = 100_000;
    private static final Duration FEE_SWEEP_INTERVAL = Duration.ofMillis(100);
    private static final long SEED = 42;

    @Param({"baseline", "open-orders-10000", "accounts-1000000", "symbols-1000"})
    public String state;

    private StateDirectory riskState;
    private StateDirectory matchingState;
    private DirectTask risk;
    private DirectTask matching;
    private TimestampedKeyValueStore<String, TradeMessage> lastTrades;
    private Market market;
    private final ArrayDeque<Record<String, byte[]>> accepted = new ArrayDeque<>();
    private final ArrayDeque<Record<String, byte[]>> echoes = new ArrayDeque<>();
    private final ArrayDeque<Record<String, byte[]>> pendingReports = new ArrayDeque<>();
    private final DirectTask.Sink riskSink = this::fromRisk;
    private long acceptedOrders;
    private long trades;
    private String nextTopic;
    private Record<String, byte[]> nextRecord;

    @Setup(Level.Trial)
    public void start() throws Exception {
        RiskScenario scenario = RiskScenario.named(state);
        market = new Market(scenario.symbols(), scenario.accounts(), SEED, 2_000 * scenario.symbols());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TimestampedKeyValueStore<String, InstrumentMessage> riskInstruments = DirectTask.globalTable(
                RiskTopology.INSTRUMENTS_STORE, new MessageSerdes.InstrumentSerde());
        TimestampedKeyValueStore<String, InstrumentMessage> matchingInstruments = DirectTask.globalTable(
                MatchingTopology.INSTRUMENTS_STORE, new MessageSerdes.InstrumentSerde());
        lastTrades = DirectTask.globalTable(RiskTopology.LAST_TRADES_STORE, new MessageSerdes.TradeSerde());
        riskState = new StateDirectory("rtx-risk-benchmark-");
        matchingState = new StateDirectory("rtx-matching-benchmark-");
        risk = new DirectTask(RiskTopology.APPLICATION_ID, RiskTopology.supplier(
                new PreTradeRisk(new RiskConfiguration(scenario.maxOpenOrders(), 0)), RiskTopologyDriver.CLIENT_ORDER_IDS,
                new RiskMetrics(registry), RECENT_ACCOUNTS, FEE_SWEEP_INTERVAL), riskState, List.of(riskInstruments, lastTrades));
        matching = new DirectTask(MatchingTopology.APPLICATION_ID, MatchingTopology.supplier(
                new MatchingMetrics(registry), Duration.ofSeconds(1)), matchingState, List.of(matchingInstruments));
        long now = System.currentTimeMillis();
        for (Instrument instrument : market.instruments()) {
            DirectTask.put(riskInstruments, instrument.symbol(), InstrumentMessage.of(instrument), now);
            DirectTask.put(matchingInstruments, instrument.symbol(), InstrumentMessage.of(instrument), now);
        }
        for (long account = 1; account <= scenario.accounts(); account++) {
            for (AccountCommandMessage command : market.funding(account)) {
                risk.process(Topics.ACCOUNT_COMMANDS, record(Long.toString(account), JsonSerde.write(command), now),
                        (topic, output, value) -> { });
            }
        }
        for (int i = 0; i < scenario.openOrdersPerAccount(); i++) {
            for (long account = 1; account <= scenario.accountsWithOpenOrders(); account++) {
                OrderCommandMessage order = market.resting(account, now);
                process(Topics.ORDER_COMMANDS, record(Long.toString(account), JsonSerde.write(order), now));
                route();
            }
        }
        while (!pendingReports.isEmpty()) {   // the resting orders' NEW reports
            process(Topics.EXECUTION_REPORTS, pendingReports.poll());
        }
        route();
        System.out.print(scenario.describe(state));
    }

    /** Untimed: carries the last record's effects through matching and picks the next record for risk. */
    @Setup(Level.Invocation)
    public void nextRecord() {
        route();
        if (pendingReports.isEmpty()) {
            OrderCommandMessage command = market.next(System.currentTimeMillis());
            nextTopic = Topics.ORDER_COMMANDS;
            nextRecord = record(Long.toString(command.accountId()), JsonSerde.write(command), command.timestamp());
        } else {
            nextTopic = Topics.EXECUTION_REPORTS;
            nextRecord = pendingReports.poll();
        }
    }

    @Benchmark
    public void processRecord() {
        process(nextTopic, nextRecord);
    }

    private void process(String topic, Record<String, byte[]> record) {
        risk.process(topic, record, riskSink);
        while (!echoes.isEmpty()) {
            risk.process(Topics.EXECUTION_REPORTS, echoes.poll(), riskSink);
        }
    }

    /** Risk's sink: accepted orders go to matching, its own reports come back to it, the rest leaves. */
    private void fromRisk(String topic, Record<String, Routed> output, byte[] value) {
        if (topic.equals(Topics.ACCEPTED_ORDERS)) {
            acceptedOrders++;
            accepted.add(new Record<>(output.key(), value, output.timestamp(), output.headers()));
        } else if (topic.equals(Topics.EXECUTION_REPORTS)) {
            echoes.add(new Record<>(output.key(), value, output.timestamp(), output.headers()));
        }
    }

    /** Risk's accepted orders to matching; matching's reports queued for risk, its trades into risk's last trades. */
    private void route() {
        while (!accepted.isEmpty()) {
            matching.process(Topics.ACCEPTED_ORDERS, accepted.poll(), (topic, output, value) -> {
                if (topic.equals(Topics.EXECUTION_REPORTS)) {
                    pendingReports.add(new Record<>(output.key(), value, output.timestamp(), output.headers()));
                } else if (topic.equals(Topics.TRADES)) {
                    trades++;
                    DirectTask.put(lastTrades, output.key(), (TradeMessage) output.value().message(),
                            output.timestamp());
                }
            });
        }
    }

    private static Record<String, byte[]> record(String key, byte[] value, long timestamp) {
        return new Record<>(key, value, timestamp, new RecordHeaders());
    }

    @TearDown(Level.Trial)
    public void stop() {
        // Shows the stream did what it should: orders accepted, and trades settled by the reports that follow.
        System.out.printf("%n%s: %,d orders accepted, %,d trades%n", state, acceptedOrders, trades);
        risk.close();
        matching.close();
        riskState.close();
        matchingState.close();
    }
}
