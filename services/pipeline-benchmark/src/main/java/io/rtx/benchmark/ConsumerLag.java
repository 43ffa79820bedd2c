package io.rtx.benchmark;

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

    private ConsumerLag() {
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
