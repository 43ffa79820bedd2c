package io.rtx.streams;

import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.instrument.Redefinition;
import io.rtx.engine.order.ReasonCode;
import io.rtx.events.InstrumentMessage;
import io.rtx.events.JsonSerde;
import io.rtx.events.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The instrument definitions a task trades under, one per symbol, in front of the global table of the
 * latest definitions. Resting orders, holds and last prices are stored as longs in the definition in
 * force, so the latest one is put in force only if it is valid and the core allows the change
 * ({@link Instrument#redefinitionTo}). A refused definition is never applied: it goes to
 * {@code rtx.instruments.v1.dlq} with the reason, once per task, and the task trades on under the old
 * one until an allowed definition is published. The definitions in force are kept in a
 * changelog-backed store, so a restart never falls back to a refused one the table still holds.
 */
public final class InstrumentsInForce {

    public static final String NAME = "instruments-in-force";

    /** A definition and the core instrument it builds. */
    public record Entry(InstrumentMessage message, Instrument instrument) {
    }

    /** A symbol's state in the store: the definition in force (null while none was valid) and the last refused. */
    public record Slot(InstrumentMessage inForce, InstrumentMessage refused) {
    }

    /** What the task knows of a symbol, parsed: the definition in force and the last one refused. */
    private record Known(Entry inForce, InstrumentMessage refused) {
    }

    private final GlobalTables<InstrumentMessage> latest;
    private final KeyValueStore<String, Slot> store;
    private final Outputs outputs;
    private final Consumer<ReasonCode> onRefusal;
    /** In front of the store, so a command costs no store read; rebuilt whenever the task is. */
    private final Map<String, Known> known = new HashMap<>();

    /**
     * @param globalStore the processor's global table of instrument definitions
     * @param onRefusal   counts a refused definition in the processor's metrics
     */
    public InstrumentsInForce(ProcessorContext<?, ?> context, String globalStore, Outputs outputs,
                              Consumer<ReasonCode> onRefusal) {
        this.latest = new GlobalTables<>(context, globalStore);
        this.store = context.getStateStore(NAME);
        this.outputs = outputs;
        this.onRefusal = onRefusal;
    }

    public static StoreBuilder<KeyValueStore<String, Slot>> builder() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NAME), Serdes.String(),
                StoreSerde.of(Slot.class));
    }

    /**
     * The definition to trade {@code symbol} under, after deciding on the latest one if it is new;
     * null if the symbol is not (or no longer) defined, or no valid definition of it was ever seen.
     * {@code timestamp} is that of a refusal's dead letter.
     */
    public Entry find(String symbol, long timestamp) {
        InstrumentMessage next = latest.get(symbol);
        if (next == null) {
            return null;
        }
        Known known = known(symbol);
        Entry inForce = known == null ? null : known.inForce();
        if (inForce != null && next.equals(inForce.message())) {
            // Republished after a refusal: the refused definition, if it comes again, is reported again.
            return known.refused() == null ? inForce : remember(symbol, inForce, null);
        }
        if (known != null && next.equals(known.refused())) {
            return inForce;
        }
        Instrument instrument;
        try {
            instrument = valid(symbol, next);
        } catch (RuntimeException e) {
            return refuse(symbol, inForce, next, ReasonCode.INVALID_INSTRUMENT, String.valueOf(e.getMessage()), timestamp);
        }
        Redefinition change = inForce == null ? null : inForce.instrument().redefinitionTo(instrument);
        if (change != null && !change.allowed()) {
            return refuse(symbol, inForce, next, change.refusal(), change.detail(), timestamp);
        }
        return remember(symbol, new Entry(next, instrument), null);
    }

    /**
     * The definition in force without deciding on a newer one, for where no output may be written (task
     * start): the one in force, else the latest if it is valid (which the first {@link #find} adopts).
     */
    public Entry current(String symbol) {
        Known known = known(symbol);
        if (known != null && known.inForce() != null) {
            return known.inForce();
        }
        InstrumentMessage next = latest.get(symbol);
        try {
            return next == null ? null : new Entry(next, valid(symbol, next));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Every symbol the global table defines. */
    public List<String> symbols() {
        List<String> symbols = new ArrayList<>();
        latest.values().forEach(definition -> symbols.add(definition.symbol()));
        return symbols;
    }

    private Known known(String symbol) {
        return known.computeIfAbsent(symbol, s -> {
            Slot slot = store.get(s);
            return slot == null ? null : new Known(slot.inForce() == null ? null
                    : new Entry(slot.inForce(), slot.inForce().toInstrument()), slot.refused());
        });
    }

    private Entry refuse(String symbol, Entry inForce, InstrumentMessage next, ReasonCode reason, String detail,
                         long timestamp) {
        outputs.deadLetter(symbol, JsonSerde.write(next), timestamp, Topics.INSTRUMENTS, reason.name() + ": " + detail);
        onRefusal.accept(reason);
        return remember(symbol, inForce, next);
    }

    private Entry remember(String symbol, Entry inForce, InstrumentMessage refused) {
        store.put(symbol, new Slot(inForce == null ? null : inForce.message(), refused));
        known.put(symbol, new Known(inForce, refused));
        return inForce;
    }

    /** The core instrument of a definition keyed by {@code symbol}; throws if it is invalid. */
    private static Instrument valid(String symbol, InstrumentMessage definition) {
        if (!symbol.equals(definition.symbol())) {
            throw new IllegalArgumentException("keyed " + symbol + " but defines " + definition.symbol());
        }
        return definition.toInstrument();
    }
}
