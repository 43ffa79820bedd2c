package io.rtx.benchmarks;

import io.rtx.events.Routed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * One task of a processor without a stream thread: the processor from its supplier on a
 * {@link MockProcessorContext}, its stores built from the supplier's own builders (RocksDB, caching as in
 * production, logging off: there is no changelog without a broker), the global tables as in-memory stores under
 * their names. Each record goes through the processor, and each output through the sink's serializer, as the
 * routed sink writes it; every {@link #RECORDS_PER_COMMIT} records the stores are committed (caches flushed into
 * RocksDB), as a stream thread does at each commit interval.
 */
final class DirectTask implements AutoCloseable {

    /** About what a 20 ms commit interval holds at a few thousand records a second per task. */
    static final int RECORDS_PER_COMMIT = 100;

    /** Receives each output with its serialized value, after the sink's serialization. */
    interface Sink {
        void accept(String topic, Record<String, Routed> output, byte[] value);
    }

    private final MockProcessorContext<String, Routed> context;
    private final TaskStoreContext storeContext;
    private final Processor<String, byte[], String, Routed> processor;
    private final List<StateStore> stores = new ArrayList<>();
    private final Serializer<String> keys = Serdes.String().serializer();
    private final Serializer<Routed> values = Routed.serde().serializer();
    private long offset;

    /** @param globalTables the processor's global tables, from {@link #globalTable} */
    DirectTask(String applicationId, ProcessorSupplier<String, byte[], String, Routed> supplier,
               StateDirectory directory, List<TimestampedKeyValueStore<String, ?>> globalTables) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        context = new MockProcessorContext<>(config, new TaskId(0, 0), directory.path().toFile());
        storeContext = new TaskStoreContext(context);
        // Restoring a task reads the stores before any record comes.
        storeContext.setRecordContext(new ProcessorRecordContext(0, 0, 0, "", new RecordHeaders()));
        for (StoreBuilder<?> builder : supplier.stores()) {
            StateStore store = builder.withLoggingDisabled().build();
            store.init(storeContext, store);
            context.addStateStore(store);
            stores.add(store);
        }
        for (TimestampedKeyValueStore<String, ?> table : globalTables) {
            table.init(context.getStateStoreContext(), table);
            context.addStateStore(table);
        }
        processor = supplier.get();
        processor.init(context);
    }

    /** A global table's store as the processor reads it: values through the table's serde. */
    static <V> TimestampedKeyValueStore<String, V> globalTable(String name, Serde<V> serde) {
        return Stores.timestampedKeyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), serde)
                .withLoggingDisabled().withCachingDisabled().build();
    }

    static <V> void put(KeyValueStore<String, ValueAndTimestamp<V>> table, String key, V value, long timestamp) {
        table.put(key, ValueAndTimestamp.make(value, timestamp));
    }

    /** Processes one record read from {@code topic}, serializes its outputs into {@code sink} and clears them. */
    void process(String topic, Record<String, byte[]> record, Sink sink) {
        context.setRecordMetadata(topic, 0, offset);
        storeContext.setRecordContext(new ProcessorRecordContext(record.timestamp(), offset, 0, topic, record.headers()));
        offset++;
        processor.process(record);
        for (MockProcessorContext.CapturedForward<? extends String, ? extends Routed> forward : context.forwarded()) {
            @SuppressWarnings("unchecked")
            Record<String, Routed> output = (Record<String, Routed>) forward.record();
            String outputTopic = output.value().topic();
            keys.serialize(outputTopic, output.key());
            sink.accept(outputTopic, output, values.serialize(outputTopic, output.value()));
        }
        context.resetForwards();
        if (offset % RECORDS_PER_COMMIT == 0) {
            commit();
        }
    }

    /** What the task's commit does to the stores: caches flushed into RocksDB, RocksDB committed. */
    void commit() {
        stores.forEach(store -> store.commit(Map.of()));
    }

    @Override
    public void close() {
        processor.close();
        stores.forEach(StateStore::close);
    }
}
