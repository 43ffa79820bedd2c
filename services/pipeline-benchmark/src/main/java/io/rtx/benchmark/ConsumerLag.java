package io.rtx.benchmark;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * How far each processor's committed input offsets trail the committed end of its input topics,
 * per input topic: the records a processor has not yet processed and committed. The one that lags
 * is the one that cannot keep up.
 */
final class ConsumerLag {

    /**
     * A group's committed offsets and the committed end of the partitions it reads, summed, at one instant.
     * Between two readings the end moves by what was offered to the group, the committed offsets by what it carried.
     */
    record Progress(long nanoTime, long committed, long end) {
    }

    private ConsumerLag() {
    }

    /** The progress of {@code group} over {@code partitions}; a partition it never committed counts from 0. */
    static Progress progress(Admin admin, String group, Collection<TopicPartition> partitions)
            throws ExecutionException, InterruptedException {
        long now = System.nanoTime();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())),
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
        long committedSum = 0;
        long endSum = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            committedSum += offset == null ? 0 : offset.offset();
            endSum += ends.get(partition).offset();
        }
        return new Progress(now, committedSum, endSum);
    }

    /** "group ← topic" → records behind, for every group. */
    static Map<String, Long> of(Admin admin, Iterable<String> groups) throws ExecutionException, InterruptedException {
        Map<String, Long> lag = new TreeMap<>();
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                    committed.keySet().stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())),
                    new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
            committed.forEach((partition, offset) -> lag.merge(group + " ← " + partition.topic(),
                    Math.max(0, ends.get(partition).offset() - (offset == null ? 0 : offset.offset())), Long::sum));
        }
        return lag;
    }
}
