package io.rtx.engine.properties;

import static io.rtx.engine.properties.SameOutputs.assertSameOutputs;
import static org.assertj.core.api.Assertions.assertThat;

import io.rtx.engine.order.OrderCommand;
import io.rtx.engine.orderbook.BookSnapshot;
import io.rtx.engine.orderbook.PriceTimeOrderBook;
import io.rtx.engine.risk.Account;
import io.rtx.engine.risk.Balance;
import io.rtx.engine.testing.SimulatedExchange;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/** The core's outputs are a function of its commands: replays, and restarts from a snapshot, change nothing. */
class ReplayProperties {

    private static final int TRIES = 250;
    private static final int DEPTH = 1_000;

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Scenario.arbitrary();
    }

    @Property(tries = TRIES)
    void replayingACommandStreamGivesIdenticalOutputs(@ForAll("scenarios") Scenario scenario) {
        List<OrderCommand> commands = scenario.commands();
        SimulatedExchange first = play(scenario.newExchange(), commands);
        SimulatedExchange second = play(scenario.newExchange(), commands);

        assertSameOutputs(second.outputs, first.outputs, "replay");
        assertThat(second.book.snapshot()).isEqualTo(first.book.snapshot());
        assertThat(balances(second)).isEqualTo(balances(first));
    }

    /**
     * Taking a snapshot at any point and continuing on a book restored from it gives exactly the outputs,
     * depth and final snapshot of the book that was never interrupted.
     */
    @Property(tries = TRIES)
    void restoringASnapshotContinuesIdentically(@ForAll("scenarios") Scenario scenario,
                                                @ForAll @DoubleRange(min = 0, max = 1) double splitAt) {
        List<OrderCommand> commands = scenario.commands();
        int split = (int) Math.round(splitAt * commands.size());
        SimulatedExchange uninterrupted = play(scenario.newExchange(), commands);

        SimulatedExchange restarted = play(scenario.newExchange(), commands.subList(0, split));
        BookSnapshot snapshot = restarted.book.snapshot();
        restarted.book = PriceTimeOrderBook.restore(scenario.instrument(), snapshot);
        assertThat(restarted.book.snapshot()).as("snapshot of the restored book").isEqualTo(snapshot);
        play(restarted, commands.subList(split, commands.size()));

        assertSameOutputs(restarted.outputs, uninterrupted.outputs, "restored after command " + split);
        assertThat(restarted.book.depth(DEPTH)).isEqualTo(uninterrupted.book.depth(DEPTH));
        assertThat(restarted.book.bestBidOffer()).isEqualTo(uninterrupted.book.bestBidOffer());
        assertThat(restarted.book.snapshot()).isEqualTo(uninterrupted.book.snapshot());
    }

    private static SimulatedExchange play(SimulatedExchange exchange, List<OrderCommand> commands) {
        commands.forEach(exchange::submit);
        return exchange;
    }

    private static Map<Long, Map<String, Balance>> balances(SimulatedExchange exchange) {
        Map<Long, Map<String, Balance>> balances = new TreeMap<>();
        for (Account account : exchange.accounts.values()) {
            balances.put(account.id(), Map.copyOf(account.balances()));
        }
        return balances;
    }
}
