package io.rtx.local;

import io.rtx.events.Topics;
import io.rtx.ledger.kafka.LedgerTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Where a ledger consumer group stands against the topics, for the disaster-recovery drill.
 *
 * <p>Caught up means: for every partition of the ledger's five input topics, the group has committed past the
 * last committed (read_committed) data record. The ledger commits a record's offset only after its writes
 * succeeded (once per poll, {@code ack-mode: batch}), so that is exact. Offset lag alone is not: transactional producers leave
 * commit markers after the last record, which a commit of the last record's offset never passes.
 */
final class DrLedgerProgress implements AutoCloseable {

    /** Every topic of the pipeline: the drill waits for all of them to stop growing before it declares caught up. */
    private static final List<String> PIPELINE = List.of(Topics.ORDER_COMMANDS, Topics.ACCOUNT_COMMANDS,
            Topics.ACCEPTED_ORDERS, Topics.EXECUTION_REPORTS, Topics.TRADES, Topics.BOOK_UPDATES,
            Topics.ACCOUNT_EVENTS, Topics.INSTRUMENTS, Topics.ACCOUNTS_CHANGELOG);

    record Replay(long records) {
    }

    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> reader;
    /** Per partition: the offset after the last committed data record read so far. */
    private final Map<TopicPartition, Long> recordsEnd = new HashMap<>();
    private long records;

    DrLedgerProgress(String brokers) {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers));
        reader = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "dr-drill-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * What {@code restore.sh} does with {@code kafka-consumer-groups --reset-offsets --to-earliest}: the group's
     * offsets on every input partition go to the partition's earliest offset. Kafka refuses while the group has
     * members, so it is retried while a stopped ledger's membership expires.
     */
    void rewindToEarliest(String group) throws Exception {
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        partitions().forEach(tp -> earliest.put(tp, OffsetSpec.earliest()));
        Map<TopicPartition, OffsetAndMetadata> rewound = new HashMap<>();
        admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS)
                .forEach((tp, info) -> rewound.put(tp, new OffsetAndMetadata(info.offset())));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                admin.alterConsumerGroupOffsets(group, rewound).all().get(30, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    /** A check run on every round of {@link #awaitCaughtUp} (e.g. that a ledger process is still alive). */
    @FunctionalInterface
    interface Check {
        void run() throws Exception;
    }

    /** Waits until the pipeline has stopped producing and {@code group} has committed every record. */
    Replay awaitCaughtUp(String group, Duration timeout, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> previousEnds = Map.of();
        int quietRounds = 0;
        while (true) {
            check.run();
            Map<TopicPartition, Long> ends = latestOffsets();
            readToEnd();
            quietRounds = ends.equals(previousEnds) ? quietRounds + 1 : 0;
            previousEnds = ends;
            if (quietRounds >= 2 && committedEverything(group)) {
                return new Replay(records);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("group " + group + " did not catch up: committed "
                        + admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get() + ", records end at "
                        + recordsEnd);
            }
            Thread.sleep(500);
        }
    }

    private boolean committedEverything(String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        for (Map.Entry<TopicPartition, Long> end : recordsEnd.entrySet()) {
            OffsetAndMetadata offset = committed.get(end.getKey());
            if (offset == null || offset.offset() < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Reads the ledger's inputs (read_committed) up to their current ends, noting each partition's last record. */
    private void readToEnd() {
        if (reader.assignment().isEmpty()) {
            List<TopicPartition> partitions = partitions();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
        }
        Map<TopicPartition, Long> ends = reader.endOffsets(reader.assignment()); // the last stable offsets
        while (ends.entrySet().stream().anyMatch(e -> reader.position(e.getKey()) < e.getValue())) {
            for (ConsumerRecord<byte[], byte[]> r : reader.poll(Duration.ofMillis(200))) {
                recordsEnd.merge(new TopicPartition(r.topic(), r.partition()), r.offset() + 1, Math::max);
                records++;
            }
        }
    }

    private Map<TopicPartition, Long> latestOffsets() throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(PIPELINE).allTopicNames().get(30, TimeUnit.SECONDS).values().forEach(topic ->
                topic.partitions().forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()),
                        OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    private List<TopicPartition> partitions() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            admin.describeTopics(LedgerTopics.INPUTS).allTopicNames().get(30, TimeUnit.SECONDS).values().forEach(topic ->
                    topic.partitions().forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition()))));
            return partitions;
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe the ledger's input topics", e);
        }
    }

    @Override
    public void close() {
        reader.close();
        admin.close();
    }
}
