package io.rtx.matching;

import io.rtx.events.MessageSerdes;
import io.rtx.events.Routed;
import io.rtx.events.Topics;
import io.rtx.matching.books.BookStore;
import io.rtx.streams.InstrumentsInForce;
import io.rtx.streams.Outputs;
import io.rtx.streams.ProcessorTopology;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The matching topology: accepted orders (keyed by symbol) → one processor with the book stores and the
 * instruments in force → routed sink.
 */
public final class MatchingTopology {

    public static final String INSTRUMENTS_STORE = "matching-instruments";
    public static final String APPLICATION_ID = "rtx-matching";

    /** What the binder binds and the tests build: the bean {@code matching} of {@link MatchingApplication}. */
    public static final ProcessorTopology DEFINITION = new ProcessorTopology("matching", APPLICATION_ID,
            Topics.MATCHING_INPUTS, List.of(new ProcessorTopology.GlobalTable(Topics.INSTRUMENTS,
                    MessageSerdes.InstrumentSerde.class, INSTRUMENTS_STORE)));

    private MatchingTopology() {
    }

    public static void wire(KStream<String, byte[]> acceptedOrders, MatchingMetrics metrics, Duration expiryInterval) {
        Outputs.sink(acceptedOrders.process(supplier(metrics, expiryInterval)));
    }

    /** The processor and its stores, as {@link #wire} plugs them in (also driven directly by the benchmarks). */
    public static ProcessorSupplier<String, byte[], String, Routed> supplier(MatchingMetrics metrics,
                                                                            Duration expiryInterval) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, byte[], String, Routed> get() {
                return new MatchingProcessor(metrics, expiryInterval);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                Set<StoreBuilder<?>> stores = new HashSet<>(BookStore.builders());
                stores.add(InstrumentsInForce.builder());
                return stores;
            }
        };
    }
}
