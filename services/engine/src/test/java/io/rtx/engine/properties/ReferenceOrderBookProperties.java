package io.rtx.engine.properties;

import static io.rtx.engine.properties.SameOutputs.assertSameOutputs;
import static org.assertj.core.api.Assertions.assertThat;

import io.rtx.engine.order.OrderCommand;
import io.rtx.engine.orderbook.OrderBook;
import io.rtx.engine.orderbook.PriceTimeOrderBook;
import io.rtx.engine.testing.RecordingEvents;
import io.rtx.engine.testing.ReferenceOrderBook;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Differential test: the optimised book and a naive, obviously correct one must emit the same events
 * (reports, trades and level changes) and hold the same orders after every command of a random stream.
 */
class ReferenceOrderBookProperties {

    private static final int DEPTH = 1_000;

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Scenario.arbitrary();
    }

    @Property(tries = 500)
    void priceTimeBookBehavesLikeTheReferenceBook(@ForAll("scenarios") Scenario scenario) {
        OrderBook book = new PriceTimeOrderBook(scenario.instrument());
        OrderBook reference = new ReferenceOrderBook(scenario.instrument());
        RecordingEvents bookEvents = new RecordingEvents();
        RecordingEvents referenceEvents = new RecordingEvents();
        List<OrderCommand> commands = scenario.bookCommands();
        for (int i = 0; i < commands.size(); i++) {
            OrderCommand command = commands.get(i);
            book.apply(command, bookEvents);
            reference.apply(command, referenceEvents);

            String after = "after command " + i + " " + command;
            assertSameOutputs(bookEvents.all, referenceEvents.all, after);
            assertThat(book.snapshot()).as(after).isEqualTo(reference.snapshot());
            assertThat(book.depth(DEPTH)).as(after).isEqualTo(reference.depth(DEPTH));
            assertThat(book.bestBidOffer()).as(after).isEqualTo(reference.bestBidOffer());
            assertThat(book.nextExpiry()).as(after).isEqualTo(reference.nextExpiry());
        }
    }
}
