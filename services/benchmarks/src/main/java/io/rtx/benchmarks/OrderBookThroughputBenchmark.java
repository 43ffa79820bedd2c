package io.rtx.benchmarks;

import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.order.OrderCommand;
import io.rtx.engine.order.Side;
import io.rtx.engine.orderbook.BookEvents;
import io.rtx.engine.orderbook.BookSnapshot;
import io.rtx.engine.orderbook.ExecutionReport;
import io.rtx.engine.orderbook.PriceTimeOrderBook;
import io.rtx.engine.orderbook.Trade;
import io.rtx.engine.testing.CommandStreams;
import io.rtx.engine.testing.Instruments;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Commands per second one {@link PriceTimeOrderBook} matches on one thread.
 *
 * <p>The stream is generated once per trial, by simulating it on a scratch book so that every cancel,
 * amend and reduction names an order that is live at that moment: 50% GTC limits from 10 ticks
 * behind to 1 tick through the mid (some cross), 10% IOCs 1-6 ticks through the mid, 28% cancels, 10%
 * price amends, 2% quantity reductions, from 1,000 accounts. Each invocation restores the same
 * pre-filled book (1,000 resting orders per side over 50 levels; it stays around 2,000 orders through
 * the stream) from a snapshot and replays the whole stream, so every invocation does identical work.
 * One operation is one command.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
// The pre-generated stream is a few hundred MB of live objects; a fixed heap keeps GC out of the numbers.
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class OrderBookThroughputBenchmark {

    static final int COMMANDS = 1_000_000;
    static final int RESTING_PER_SIDE = 1_000;
    static final int PREFILLED_LEVELS = 50;
    static final int ACCOUNTS = 1_000;
    static final long SEED = 20_240_601L;

    /** gtc, gtd, postOnly, ioc, crossingIoc, fok, market, cancel, amend, reduce, unknownOrder, expire, malformed. */
    static final CommandStreams.Mix MIX = new CommandStreams.Mix(50, 0, 0, 0, 10, 0, 0, 28, 10, 2, 0, 0, 0);

    private final Instrument instrument = Instruments.BTC_USD;
    private final BlackholeEvents events = new BlackholeEvents();
    private BookSnapshot prefilled;
    private OrderCommand[] commands;
    private PriceTimeOrderBook book;

    @Setup(Level.Trial)
    public void generateStream() {
        PriceTimeOrderBook scratch = new PriceTimeOrderBook(instrument);
        CommandStreams stream = CommandStreams.onBook(scratch, instrument, ACCOUNTS, MIX, SEED);
        stream.restingOrders(RESTING_PER_SIDE, PREFILLED_LEVELS);
        prefilled = scratch.snapshot();
        commands = stream.next(COMMANDS).toArray(OrderCommand[]::new);
        System.out.printf("%n%d commands; book rests %d orders before and %d after%n", COMMANDS,
                prefilled.orders().size(), scratch.restingOrders());
    }

    @Setup(Level.Invocation)
    public void restorePrefilledBook() {
        book = PriceTimeOrderBook.restore(instrument, prefilled);
    }

    @Benchmark
    @OperationsPerInvocation(COMMANDS)
    public void matchCommandStream(Blackhole blackhole) {
        events.blackhole = blackhole;
        for (OrderCommand command : commands) {
            book.apply(command, events);
        }
    }

    /** Hands every event to JMH so none is optimised away; allocates nothing itself. */
    static final class BlackholeEvents implements BookEvents {

        Blackhole blackhole;

        @Override
        public void report(ExecutionReport report) {
            blackhole.consume(report);
        }

        @Override
        public void trade(Trade trade) {
            blackhole.consume(trade);
        }

        @Override
        public void levelChanged(Side side, long price, long quantity, int orders) {
            blackhole.consume(price);
            blackhole.consume(quantity);
            blackhole.consume(orders);
        }
    }
}
