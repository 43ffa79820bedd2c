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
 * report can do; the pipeline is judged against these, not against an absolute number. Its saturation
 * rate is likewise the most any two-hop exactly-once chain carries on this broker and machine.
 */
final class FloorChain implements AutoCloseable {

    private final Clients clients;
    private final String runId = Long.toString(System.currentTimeMillis());
    private final String in = "rtx.benchmark.floor-in." + runId;
    private final String mid = "rtx.benchmark.floor-mid." + runId;
    private final String out = "rtx.benchmark.floor-out." + runId;
    private final TransactionalHop first;
    private final TransactionalHop second;

    private FloorChain(BenchmarkOptions options, Clients clients) throws Exception {
        this.clients = clients;
        clients.createTopics(topics().stream().map(t -> new NewTopic(t, options.partitions(), (short) 1)).toList());
        Duration commitInterval = Duration.ofMillis(options.commitIntervalMs());
        Duration maxRunTime = options.sendingTime().plusMinutes(3);
        TransactionalHop hop = null;
        try {
            hop = new TransactionalHop(clients, "floor-hop-1", runId, in, mid, commitInterval, maxRunTime);
            this.second = new TransactionalHop(clients, "floor-hop-2", runId, mid, out, commitInterval, maxRunTime);
            this.first = hop;
        } catch (Exception | Error e) {
            if (hop != null) {
                hop.close();
            }
            deleteTopics();
            throw e;
        }
    }

    static FloorChain start(BenchmarkOptions options, Clients clients) throws Exception {
        return new FloorChain(options, clients);
    }

    PacedRun.Result measure(PacedRun run) throws Exception {
        return run.run("floor", in, List.of(mid, out),
                (topic, record) -> topic.equals(mid) ? Arrival.FIRST_HOP : Arrival.SECOND_HOP,
                List.of(group(first), group(second)), commits());
    }

    /** Every command is carried by both hops, so each hop's input has exactly one record per command. */
    SaturationRun.Result saturate(SaturationRun run) throws Exception {
        return run.run("floor", in, List.of(new SaturationRun.Stage("hop 1", group(first), in),
                        new SaturationRun.Stage("both hops", group(second), mid)), commits(),
                List.of(new TransactionSizes.Committer("floor-hop-1", group(first)),
                        new TransactionSizes.Committer("floor-hop-2", group(second))));
    }

    /** A hop's consumer group and transactional id. */
    private String group(TransactionalHop hop) {
        return hop.role() + "-" + runId;
    }

    private CommitWatch commits() {
        return CommitWatch.all(List.of(first, second));
    }

    private List<String> topics() {
        return List.of(in, mid, out);
    }

    @Override
    public void close() throws Exception {
        try {
            second.close();
            first.close();
        } finally {
            deleteTopics();
        }
    }

    private void deleteTopics() throws Exception {
        try (Admin admin = clients.admin()) {
            admin.deleteTopics(topics()).all().get();
        }
    }
}
