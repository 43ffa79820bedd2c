package io.rtx.streams;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/** Read access to a GlobalKTable's store (instruments, reference prices) from inside a processor. */
public final class GlobalTables<V> {

    private final TimestampedKeyValueStore<String, V> store;

    public GlobalTables(ProcessorContext<?, ?> context, String storeName) {
        this.store = context.getStateStore(storeName);
    }

    public V get(String key) {
        ValueAndTimestamp<V> value = key == null ? null : store.get(key);
        return value == null ? null : value.value();
    }

    public Iterable<V> values() {
        java.util.List<V> all = new java.util.ArrayList<>();
        try (var iterator = store.all()) {
            iterator.forEachRemaining(kv -> all.add(kv.value.value()));
        }
        return all;
    }
}
