package io.rtx.chaos;

import java.util.List;

/**
 * A broker that nobody can reach (nftables drops every packet to and from its client and controller
 * ports for the outage time) while its own outgoing connections still work: the gray failure where
 * the node keeps its controller lease and leadership but clients and followers time out on it.
 * Needs a private network namespace ({@code chaos/run.sh --netns}) and three brokers; not in the
 * default list. Recovery: heal → first committed matching report for an order placed after the heal.
 */
record NetworkPartitionExperiment() implements Experiment {

    @Override
    public String name() {
        return "broker-unreachable";
    }

    @Override
    public String fault() {
        return "nft drop to/from one broker's ports, heal";
    }

    @Override
    public long injectOnce(Environment env) throws Exception {
        int active = env.kafka.activeController();
        int node = (active % env.kafka.size()) + 1;
        Nftables.dropPorts(List.of(env.ports.broker(node), env.ports.controller(node)));
        Environment.log("broker " + node + " unreachable for " + env.options.outageSeconds() + " s");
        try {
            Sleep.millis(env.options.outageSeconds() * 1000L);
        } finally {
            Nftables.heal();
        }
        long watermark = env.flow.watermark();
        int reportIndex = env.recorder.reportCount();
        long healedAt = System.currentTimeMillis();
        Environment.log("broker " + node + " reachable again");
        long recovery = Recovery.pipeline(env, watermark, reportIndex, healedAt);
        env.kafka.awaitFullyReplicated(Recovery.TIMEOUT);
        return recovery;
    }
}
