package io.rtx.engine.properties;

import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.instrument.SelfTradePolicy;
import io.rtx.engine.order.OrderCommand;
import io.rtx.engine.orderbook.PriceTimeOrderBook;
import io.rtx.engine.testing.CommandStreams;
import io.rtx.engine.testing.Instruments;
import io.rtx.engine.testing.SimulatedExchange;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * One random trading session: everything needed to rebuild its command stream. A failing property
 * prints it; shrinking {@code length} keeps a prefix of the same stream, so the shrunk scenario is the
 * shortest prefix that still fails.
 */
record Scenario(long seed, int accounts, SelfTradePolicy policy, int length) {

    static final int MAX_LENGTH = 400;

    static Arbitrary<Scenario> arbitrary() {
        return Combinators.combine(
                Arbitraries.longs(),
                Arbitraries.integers().between(3, 8),
                Arbitraries.of(SelfTradePolicy.class),
                Arbitraries.integers().between(1, MAX_LENGTH)).as(Scenario::new)
                .withoutEdgeCases(); // a seed's edge values are no more interesting than any other
    }

    Instrument instrument() {
        return Instruments.btcUsd(policy);
    }

    /** A fresh exchange with the scenario's funded accounts, before any command. */
    SimulatedExchange newExchange() {
        return CommandStreams.fundedExchange(instrument(), accounts);
    }

    /** The scenario's commands for a bare book (no risk in front), generated against a scratch book. */
    List<OrderCommand> bookCommands() {
        return CommandStreams.onBook(new PriceTimeOrderBook(instrument()), instrument(), accounts,
                CommandStreams.EVERYTHING, seed).next(length);
    }

    /** The scenario's commands, generated against a scratch exchange. */
    List<OrderCommand> commands() {
        return CommandStreams.onExchange(newExchange(), accounts, CommandStreams.EVERYTHING, seed).next(length);
    }
}
