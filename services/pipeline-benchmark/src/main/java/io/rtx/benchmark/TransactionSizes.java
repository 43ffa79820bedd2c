package io.rtx.benchmark;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.coordinator.transaction.TransactionLog;
import org.apache.kafka.coordinator.transaction.TransactionMetadata;
import org.apache.kafka.coordinator.transaction.TransactionState;

/**
 * How many partitions each committer's transactions span, read from the broker's transaction log
 * ({@code __transaction_state}) on its own thread. The coordinator writes a transaction's whole partition set
 * into its PrepareCommit (or PrepareAbort) record: output topics, changelogs and the group's
 * {@code __consumer_offsets} partition alike, and each of them then gets one transaction marker. So the count is
 * exact, where the broker's request counters are not: under transactions v2 a leader's AddPartitionsToTxn to the
 * coordinator batches partitions and transactions, and a produce request carries several partitions.
 * Decoded with the broker's own reader ({@code TransactionLog.read} of kafka-transaction-coordinator).
 */
final class TransactionSizes implements AutoCloseable {

    /** A committer's transactions are those whose transactional id starts with the prefix. */
    record Committer(String name, String transactionalIdPrefix) {
    }

    /** What a committer's transactions spanned over a window. */
    record Transactions(String committer, long committed, long aborted, long partitions,
                        Map<String, Long> partitionsByTopic, double seconds) {

        double perSecond() {
            return (committed + aborted) / seconds;
        }

        double partitionsPerTransaction() {
            return partitions / (double) (committed + aborted);
        }

        double partitionsPerTransaction(String topic) {
            return partitionsByTopic.get(topic) / (double) (committed + aborted);
        }
    }

    private static final class Totals {
        long committed;
        long aborted;
        long partitions;
        final Map<String, Long> byTopic = new TreeMap<>();

        Totals copy() {
            Totals copy = new Totals();
            copy.committed = committed;
            copy.aborted = aborted;
            copy.partitions = partitions;
            copy.byTopic.putAll(byTopic);
            return copy;
        }
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<Committer> committers;
    /** Guarded by this. */
    private final Map<String, Totals> totals = new HashMap<>();
    private Map<String, Totals> atWindowStart = Map.of();
    private long windowStartNanos;
    private final Thread thread;
    private volatile boolean stopped;

    /** Reads from the log's current end; the log exists once any transactional producer has initialised. */
    TransactionSizes(Clients clients, List<Committer> committers) {
        this.consumer = clients.internalTopicConsumer();
        this.committers = committers;
        committers.forEach(committer -> totals.put(committer.name(), new Totals()));
        List<TopicPartition> partitions = consumer.partitionsFor(Topic.TRANSACTION_STATE_TOPIC_NAME).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        this.thread = new Thread(this::listen, "transaction-log-reader");
        thread.start();
    }

    private void listen() {
        try {
            while (!stopped) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    if (record.value() != null
                            && TransactionLog.read(ByteBuffer.wrap(record.key()), ByteBuffer.wrap(record.value()))
                            instanceof TransactionLog.TxnRecord transaction) {
                        count(transaction.transactionId(), transaction.metadata());
                    }
                }
            }
        } finally {
            consumer.close();
        }
    }

    private synchronized void count(String transactionalId, TransactionMetadata metadata) {
        boolean commit = metadata.state() == TransactionState.PREPARE_COMMIT;
        if (!commit && metadata.state() != TransactionState.PREPARE_ABORT) {
            return;
        }
        for (Committer committer : committers) {
            if (transactionalId.startsWith(committer.transactionalIdPrefix())) {
                Totals of = totals.get(committer.name());
                if (commit) {
                    of.committed++;
                } else {
                    of.aborted++;
                }
                of.partitions += metadata.topicPartitions().size();
                metadata.topicPartitions().forEach(partition -> of.byTopic.merge(partition.topic(), 1L, Long::sum));
                return;
            }
        }
    }

    synchronized void windowStarts() {
        Map<String, Totals> copy = new HashMap<>();
        totals.forEach((name, of) -> copy.put(name, of.copy()));
        atWindowStart = copy;
        windowStartNanos = System.nanoTime();
    }

    /** Per committer, in the order given, what its transactions spanned since {@link #windowStarts()}. */
    synchronized List<Transactions> windowEnds() {
        double seconds = (System.nanoTime() - windowStartNanos) / 1e9;
        List<Transactions> window = new ArrayList<>();
        for (Committer committer : committers) {
            Totals end = totals.get(committer.name());
            Totals start = atWindowStart.getOrDefault(committer.name(), new Totals());
            Map<String, Long> byTopic = new TreeMap<>();
            end.byTopic.forEach((topic, count) -> byTopic.put(topic, count - start.byTopic.getOrDefault(topic, 0L)));
            byTopic.values().removeIf(count -> count == 0);
            window.add(new Transactions(committer.name(), end.committed - start.committed, end.aborted - start.aborted,
                    end.partitions - start.partitions, byTopic, seconds));
        }
        return window;
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join();
    }
}
