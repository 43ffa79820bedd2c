package io.rtx.benchmarks;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rtx.engine.instrument.Instrument;
import io.rtx.events.InstrumentMessage;
import io.rtx.events.JsonSerde;
import io.rtx.events.MessageSerdes;
import io.rtx.events.OrderCommandMessage;
import io.rtx.events.Topics;
import io.rtx.matching.MatchingMetrics;
import io.rtx.matching.MatchingTopology;
import java.time.Duration;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * CPU per accepted order of the matching processor driven directly ({@link DirectTask}): no stream thread, no
 * broker, no changelog. One operation is one command of {@link Market}'s stream as risk forwards it, as in
 * {@link MatchingTopologyBenchmark}: the book, the per-order store writes and serializing the reports, trades and
 * L2 update. Books are pre-filled with resting orders 1-20 ticks behind the mid.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class MatchingProcessorBenchmark {

    private static final int ACCOUNTS = 1_000;
    private static final long SEED = 42;

    @Param({"baseline", "book-1000000", "symbols-1000"})
    public String state;

    private StateDirectory directory;
    private DirectTask matching;
    private Market market;
    private DirectTask.Sink sink;
    private Record<String, byte[]> nextRecord;
    private long trades;

    @Setup(Level.Trial)
    public void start(Blackhole blackhole) throws Exception {
        MatchingScenario scenario = MatchingScenario.named(state);
        market = new Market(scenario.symbols(), ACCOUNTS, SEED, 2_000 * scenario.symbols());
        sink = (topic, output, value) -> {
            trades += topic.equals(Topics.TRADES) ? 1 : 0;
            blackhole.consume(value);
        };
        TimestampedKeyValueStore<String, InstrumentMessage> instruments = DirectTask.globalTable(
                MatchingTopology.INSTRUMENTS_STORE, new MessageSerdes.InstrumentSerde());
        directory = new StateDirectory("rtx-matching-benchmark-");
        matching = new DirectTask(MatchingTopology.APPLICATION_ID, MatchingTopology.supplier(
                new MatchingMetrics(new SimpleMeterRegistry()), Duration.ofSeconds(1)), directory, List.of(instruments));
        long now = System.currentTimeMillis();
        for (Instrument instrument : market.instruments()) {
            DirectTask.put(instruments, instrument.symbol(), InstrumentMessage.of(instrument), now);
        }
        long resting = (long) scenario.symbols() * scenario.restingPerBook();
        for (long i = 0; i < resting; i++) {
            // Each account trades Market.SYMBOLS_PER_ACCOUNT symbols, so accounts in turn cover every book evenly.
            matching.process(Topics.ACCEPTED_ORDERS, record(market.resting(1 + i % ACCOUNTS, now)), sink);
        }
        System.out.printf("%n%s: %d symbols, %,d resting orders before the stream%n", state, scenario.symbols(), resting);
    }

    @Setup(Level.Invocation)
    public void nextCommand() {
        nextRecord = record(market.next(System.currentTimeMillis()));
    }

    @Benchmark
    public void processRecord() {
        matching.process(Topics.ACCEPTED_ORDERS, nextRecord, sink);
    }

    private static Record<String, byte[]> record(OrderCommandMessage command) {
        return new Record<>(command.symbol(), JsonSerde.write(command), command.timestamp(), new RecordHeaders());
    }

    @TearDown(Level.Trial)
    public void stop() {
        System.out.printf("%n%s: %,d trades%n", state, trades);
        matching.close();
        directory.close();
    }
}
