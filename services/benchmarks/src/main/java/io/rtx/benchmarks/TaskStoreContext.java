package io.rtx.benchmarks;

import java.io.File;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.common.utils.LogContext;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.CommitCallback;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.StateRestoreCallback;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.To;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.AbstractProcessorContext;
import org.apache.kafka.streams.processor.internals.RecordCollector;
import org.apache.kafka.streams.processor.internals.StateManager;
import org.apache.kafka.streams.processor.internals.StreamTask;
import org.apache.kafka.streams.processor.internals.metrics.StreamsMetricsImpl;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.internals.ThreadCache;

/**
 * What a task's stores are initialised against: the mock's configuration, task, state directory and metrics, with
 * a record cache of the production size whose flushes reach the stores below it. The mock's own store context has
 * a zero-byte cache and drops what it evicts, so a caching store would lose every write. There is no changelog:
 * stores register nothing and log nothing. The caller sets the record context of each record, as the task does.
 */
final class TaskStoreContext extends AbstractProcessorContext<Object, Object> {

    /** Kafka Streams' default {@code statestore.cache.max.bytes}, which RTX does not change. */
    private static final long CACHE_BYTES = 10L * 1024 * 1024;

    private final File stateDir;

    TaskStoreContext(MockProcessorContext<?, ?> mock) {
        super(mock.taskId(), new StreamsConfig(mock.appConfigs()), (StreamsMetricsImpl) mock.metrics(),
                new ThreadCache(new LogContext(), CACHE_BYTES, (StreamsMetricsImpl) mock.metrics()));
        this.stateDir = mock.stateDir();
    }

    @Override
    public File stateDir() {
        return stateDir;
    }

    @Override
    public void register(StateStore store, StateRestoreCallback restore) {
    }

    @Override
    public void register(StateStore store, StateRestoreCallback restore, CommitCallback commit) {
    }

    @Override
    public void registerCacheFlushListener(String namespace, ThreadCache.DirtyEntryFlushListener listener) {
        cache.addDirtyEntryFlushListener(namespace, listener);
    }

    @Override
    public void logChange(String storeName, Bytes key, byte[] value, long timestamp, Headers headers,
                          Position position) {
    }

    @Override
    public String changelogFor(String storeName) {
        return null;
    }

    @Override
    protected StateManager stateManager() {
        throw unsupported();
    }

    @Override
    public long currentStreamTimeMs() {
        return recordContext.timestamp();
    }

    @Override
    public <S extends StateStore> S getStateStore(String name) {
        throw unsupported();
    }

    @Override
    public <K, V> void forward(Record<K, V> record) {
        throw unsupported();
    }

    @Override
    public <K, V> void forward(Record<K, V> record, String childName) {
        throw unsupported();
    }

    @Override
    public <K, V> void forward(FixedKeyRecord<K, V> record) {
        throw unsupported();
    }

    @Override
    public <K, V> void forward(FixedKeyRecord<K, V> record, String childName) {
        throw unsupported();
    }

    @Override
    public <K, V> void forward(K key, V value) {
        throw unsupported();
    }

    @Override
    public <K, V> void forward(K key, V value, To to) {
        throw unsupported();
    }

    @Override
    public Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback) {
        throw unsupported();
    }

    @Override
    public Cancellable schedule(Instant startTime, Duration interval, PunctuationType type, Punctuator callback) {
        throw unsupported();
    }

    @Override
    public void commit() {
        throw unsupported();
    }

    @Override
    public void transitionToActive(StreamTask task, RecordCollector collector, ThreadCache newCache) {
        throw unsupported();
    }

    @Override
    public void transitionToStandby(ThreadCache newCache) {
        throw unsupported();
    }

    /** The stores only read configuration and the record context, and write through the cache. */
    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("a store context only");
    }
}
