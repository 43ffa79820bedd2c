package io.rtx.benchmarks;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.risk.RiskConfiguration;
import io.rtx.events.AccountCommandMessage;
import io.rtx.events.InstrumentMessage;
import io.rtx.events.JsonSerde;
import io.rtx.events.OrderCommandMessage;
import io.rtx.events.Topics;
import io.rtx.matching.MatchingTopologyDriver;
import io.rtx.risk.RiskTopologyDriver;
import io.rtx.streams.TopologyDriver;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
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
 * Time per input record of the risk topology as production wires it ({@code RiskTopology.wire} with the instruments
 * and last-trades global tables, {@code exactly_once_v2}, RocksDB stores, 100,000 recent accounts), on a
 * TopologyTestDriver: no broker, so what remains is deserialising, the core, the stores and serialising the outputs.
 * One operation is one record: an order command of {@link Market}'s stream, or one of the execution reports
 * matching sent back for the orders risk accepted. Risk's own reports, fed back by the driver as Kafka would, are
 * skipped inside the operation. Between operations, untimed, risk's accepted orders go through a matching topology
 * and its reports and trades are queued for risk, so risk settles real fills.
 *
 * <p>The driver commits after every record (caches flushed, state written), where a stream thread commits every
 * commit interval over many records: the numbers are an upper bound of the processing cost per record.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class RiskTopologyBenchmark {

    /** As production's {@code rtx.risk.recent-accounts}. */
    private static final int RECENT_ACCOUNTS = 100_000;
    private static final long SEED = 42;

    @Param({"baseline", "open-orders-10000", "accounts-200000", "symbols-1000"})
    public String state;

    private StateDirectory riskState;
    private StateDirectory matchingState;
    private TopologyDriver risk;
    private TopologyDriver matching;
    private Market market;
    private TestInputTopic<String, byte[]> orderCommands;
    private TestInputTopic<String, byte[]> reportsToRisk;
    private TestInputTopic<String, byte[]> tradesToRisk;
    private TestInputTopic<String, byte[]> acceptedToMatching;
    private TestOutputTopic<String, byte[]> acceptedFromRisk;
    private TestOutputTopic<String, byte[]> reportsFromRisk;
    private TestOutputTopic<String, byte[]> accountEvents;
    private TestOutputTopic<String, byte[]> reportsFromMatching;
    private TestOutputTopic<String, byte[]> tradesFromMatching;
    private TestOutputTopic<String, byte[]> bookUpdates;
    private final ArrayDeque<TestRecord<String, byte[]>> pendingReports = new ArrayDeque<>();
    private TestInputTopic<String, byte[]> nextTopic;
    private TestRecord<String, byte[]> nextRecord;

    @Setup(Level.Trial)
    public void start() throws Exception {
        RiskScenario scenario = RiskScenario.named(state);
        market = new Market(scenario.symbols(), scenario.accounts(), SEED, 2_000 * scenario.symbols());
        riskState = new StateDirectory("rtx-risk-benchmark-");
        matchingState = new StateDirectory("rtx-matching-benchmark-");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        risk = new TopologyDriver(RiskTopologyDriver.topology(new RiskConfiguration(scenario.maxOpenOrders(), 0),
                registry, RECENT_ACCOUNTS), "rtx-risk", riskState.path());
        matching = new TopologyDriver(MatchingTopologyDriver.topology(registry, Duration.ofSeconds(1)), "rtx-matching",
                matchingState.path());
        orderCommands = input(risk, Topics.ORDER_COMMANDS);
        reportsToRisk = input(risk, Topics.EXECUTION_REPORTS);
        tradesToRisk = input(risk, Topics.TRADES);
        acceptedToMatching = input(matching, Topics.ACCEPTED_ORDERS);
        acceptedFromRisk = output(risk, Topics.ACCEPTED_ORDERS);
        reportsFromRisk = output(risk, Topics.EXECUTION_REPORTS);
        accountEvents = output(risk, Topics.ACCOUNT_EVENTS);
        reportsFromMatching = output(matching, Topics.EXECUTION_REPORTS);
        tradesFromMatching = output(matching, Topics.TRADES);
        bookUpdates = output(matching, Topics.BOOK_UPDATES);
        for (Instrument instrument : market.instruments()) {
            risk.send(Topics.INSTRUMENTS, instrument.symbol(), InstrumentMessage.of(instrument));
            matching.send(Topics.INSTRUMENTS, instrument.symbol(), InstrumentMessage.of(instrument));
        }
        TestInputTopic<String, byte[]> accountCommands = input(risk, Topics.ACCOUNT_COMMANDS);
        for (long account = 1; account <= scenario.accounts(); account++) {
            for (AccountCommandMessage command : market.funding(account)) {
                accountCommands.pipeInput(Long.toString(account), JsonSerde.write(command));
            }
            accountEvents.readRecordsToList();
        }
        long now = System.currentTimeMillis();
        for (int i = 0; i < scenario.openOrdersPerAccount(); i++) {
            for (long account = 1; account <= scenario.accountsWithOpenOrders(); account++) {
                OrderCommandMessage order = market.resting(account, now);
                orderCommands.pipeInput(Long.toString(account), JsonSerde.write(order));
                route();
            }
        }
        pendingReports.forEach(reportsToRisk::pipeInput);   // the resting orders' NEW reports
        pendingReports.clear();
        route();
        System.out.print(scenario.describe(state));
    }

    /** Untimed: carries the last record's effects through matching and picks the next record for risk. */
    @Setup(Level.Invocation)
    public void nextRecord() {
        route();
        if (pendingReports.isEmpty()) {
            OrderCommandMessage command = market.next(System.currentTimeMillis());
            nextTopic = orderCommands;
            nextRecord = new TestRecord<>(Long.toString(command.accountId()), JsonSerde.write(command));
        } else {
            nextTopic = reportsToRisk;
            nextRecord = pendingReports.poll();
        }
    }

    @Benchmark
    public void processRecord() {
        nextTopic.pipeInput(nextRecord);
    }

    /** Risk's accepted orders to matching; matching's reports queued for risk, its trades into risk's last trades. */
    private void route() {
        reportsFromRisk.readRecordsToList();
        accountEvents.readRecordsToList();
        for (TestRecord<String, byte[]> accepted : acceptedFromRisk.readRecordsToList()) {
            acceptedToMatching.pipeInput(accepted);
        }
        pendingReports.addAll(reportsFromMatching.readRecordsToList());
        tradesFromMatching.readRecordsToList().forEach(tradesToRisk::pipeInput);
        bookUpdates.readRecordsToList();
    }

    @TearDown(Level.Trial)
    public void stop() {
        risk.close();
        matching.close();
        riskState.close();
        matchingState.close();
    }

    static TestInputTopic<String, byte[]> input(TopologyDriver driver, String topic) {
        return driver.driver.createInputTopic(topic, Serdes.String().serializer(), Serdes.ByteArray().serializer());
    }

    static TestOutputTopic<String, byte[]> output(TopologyDriver driver, String topic) {
        return driver.driver.createOutputTopic(topic, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
    }
}
