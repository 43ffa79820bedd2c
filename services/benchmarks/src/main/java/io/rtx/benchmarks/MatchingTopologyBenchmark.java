package io.rtx.benchmarks;

import static io.rtx.benchmarks.RiskTopologyBenchmark.input;
import static io.rtx.benchmarks.RiskTopologyBenchmark.output;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rtx.engine.instrument.Instrument;
import io.rtx.events.InstrumentMessage;
import io.rtx.events.JsonSerde;
import io.rtx.events.OrderCommandMessage;
import io.rtx.events.Topics;
import io.rtx.matching.MatchingTopologyDriver;
import io.rtx.streams.TopologyDriver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
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
 * Time per accepted order of the matching topology as production wires it ({@code MatchingTopology.wire} with the
 * instruments global table, {@code exactly_once_v2}, RocksDB book stores), on a TopologyTestDriver: deserialising,
 * the book, the per-order store writes and serialising reports, trades and the L2 update. One operation is one
 * command of {@link Market}'s stream, sent as risk forwards a limit order or cancel; books are pre-filled with
 * resting orders 1-20 ticks behind the mid. Cancels name the stream's oldest GTC orders, some already filled (the
 * book then rejects them), as risk would not forward. Outputs are drained between operations, untimed.
 *
 * <p>The driver commits after every record, a stream thread every commit interval: an upper bound per record.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class MatchingTopologyBenchmark {

    private static final int ACCOUNTS = 1_000;
    private static final long SEED = 42;

    @Param({"baseline", "book-100000", "symbols-1000"})
    public String state;

    private StateDirectory directory;
    private TopologyDriver matching;
    private Market market;
    private TestInputTopic<String, byte[]> acceptedOrders;
    private List<TestOutputTopic<String, byte[]>> outputs;
    private String nextKey;
    private byte[] nextValue;

    @Setup(Level.Trial)
    public void start() throws Exception {
        MatchingScenario scenario = MatchingScenario.named(state);
        market = new Market(scenario.symbols(), ACCOUNTS, SEED, 2_000 * scenario.symbols());
        directory = new StateDirectory("rtx-matching-benchmark-");
        matching = new TopologyDriver(MatchingTopologyDriver.topology(new SimpleMeterRegistry(), Duration.ofSeconds(1)),
                "rtx-matching", directory.path());
        acceptedOrders = input(matching, Topics.ACCEPTED_ORDERS);
        outputs = List.of(output(matching, Topics.EXECUTION_REPORTS), output(matching, Topics.TRADES),
                output(matching, Topics.BOOK_UPDATES));
        for (Instrument instrument : market.instruments()) {
            matching.send(Topics.INSTRUMENTS, instrument.symbol(), InstrumentMessage.of(instrument));
        }
        long now = System.currentTimeMillis();
        long resting = (long) scenario.symbols() * scenario.restingPerBook();
        for (long i = 0; i < resting; i++) {
            // Each account trades Market.SYMBOLS_PER_ACCOUNT symbols, so accounts in turn cover every book evenly.
            OrderCommandMessage order = market.resting(1 + i % ACCOUNTS, now);
            acceptedOrders.pipeInput(order.symbol(), JsonSerde.write(order));
            drain();
        }
        System.out.printf("%n%s: %d symbols, %,d resting orders before the stream%n", state, scenario.symbols(), resting);
    }

    @Setup(Level.Invocation)
    public void nextCommand() {
        drain();
        OrderCommandMessage command = market.next(System.currentTimeMillis());
        nextKey = command.symbol();
        nextValue = JsonSerde.write(command);
    }

    @Benchmark
    public void processRecord() {
        acceptedOrders.pipeInput(nextKey, nextValue);
    }

    private void drain() {
        outputs.forEach(TestOutputTopic::readRecordsToList);
    }

    @TearDown(Level.Trial)
    public void stop() {
        matching.close();
        directory.close();
    }
}
