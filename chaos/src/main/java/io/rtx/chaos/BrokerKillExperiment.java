package io.rtx.chaos;

/**
 * kill -9 of one KRaft node (broker+controller), restarted after the downtime on its data
 * directory. {@code controller} picks the active controller (asked from the quorum at the moment of
 * the fault), otherwise a node that is not the controller. The next fault waits until every
 * partition is fully replicated again, or a second loss would be a different experiment.
 * Recovery: fault → first committed matching report for an order placed after the fault.
 */
record BrokerKillExperiment(boolean controller) implements Experiment {

    @Override
    public String name() {
        return controller ? "controller-kill" : "broker-kill";
    }

    @Override
    public String fault() {
        return "kill -9 " + (controller ? "active controller node" : "non-controller broker") + ", restart";
    }

    @Override
    public long injectOnce(Environment env) throws Exception {
        int active = env.kafka.activeController();
        int node = controller ? active : (active % env.kafka.size()) + 1;
        long watermark = env.flow.watermark();
        int reportIndex = env.recorder.reportCount();
        long faultAt = System.currentTimeMillis();
        env.kafka.kill(node);
        Environment.log("killed broker " + node + (node == active ? " (active controller)" : ""));
        Sleep.millis(env.options.downtimeSeconds() * 1000L);
        env.kafka.restart(node);
        Environment.log("restarted broker " + node);
        long recovery = Recovery.pipeline(env, watermark, reportIndex, faultAt);
        env.kafka.awaitFullyReplicated(Recovery.TIMEOUT);
        return recovery;
    }
}
