package io.rtx.benchmark;

import io.rtx.benchmark.ArrivalListener.Arrival;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The latency floor: the same orders at the same rate through two bare exactly-once hops
 * (in → hop 1 → mid → hop 2 → out) with the processors' commit interval. Its one-hop latency is the
 * best risk's acknowledgement can do on this broker, its two-hop latency the best matching's first
 * report can do; the pipeline is judged against these, not against an absolute number.
 */
final class FloorChain {

    private FloorChain() {
    }

    static PacedRun.Result measure(BenchmarkOptions options, Clients clients, PacedRun run) throws Exception {
        String runId = Long.toString(System.currentTimeMillis());
        String in = "rtx.benchmark.floor-in." + runId;
        String mid = "rtx.benchmark.floor-mid." + runId;
        String out = "rtx.benchmark.floor-out." + runId;
        List<String> topics = List.of(in, mid, out);
        clients.createTopics(topics.stream().map(t -> new NewTopic(t, options.partitions(), (short) 1)).toList());
        Duration commitInterval = Duration.ofMillis(options.commitIntervalMs());
        Duration maxRunTime = options.warmup().plus(options.duration()).plusMinutes(3);
        try (TransactionalHop first = new TransactionalHop(clients, "floor-hop-1", runId, in, mid, commitInterval, maxRunTime);
             TransactionalHop second = new TransactionalHop(clients, "floor-hop-2", runId, mid, out, commitInterval, maxRunTime)) {
            return run.run("floor", in, List.of(mid, out),
                    (topic, record) -> topic.equals(mid) ? Arrival.FIRST_HOP : Arrival.SECOND_HOP,
                    List.of("floor-hop-1-" + runId, "floor-hop-2-" + runId), CommitWatch.all(List.of(first, second)));
        } finally {
            try (Admin admin = clients.admin()) {
                admin.deleteTopics(topics).all().get();
            }
        }
    }
}
