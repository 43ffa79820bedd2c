package io.rtx.chaos;

/**
 * kill -9 of one service JVM, restarted after the configured downtime on the same state directory.
 * Recovery: fault → first committed matching report for an order placed after the fault (for the
 * ledger: fault → first such order written to PostgreSQL).
 */
record ProcessKillExperiment(Service service) implements Experiment {

    @Override
    public String name() {
        return service.id + "-kill";
    }

    @Override
    public String fault() {
        return "kill -9 " + service.id + ", restart";
    }

    @Override
    public long injectOnce(Environment env) throws Exception {
        long watermark = env.flow.watermark();
        int reportIndex = env.recorder.reportCount();
        long faultAt = System.currentTimeMillis();
        env.services.kill(service);
        Environment.log("killed " + service.id + " (SIGKILL)");
        Sleep.millis(env.options.downtimeSeconds() * 1000L);
        env.services.start(service);
        Environment.log("restarted " + service.id);
        long recovery = service == Service.LEDGER
                ? Recovery.ledgerOrders(env, watermark, faultAt)
                : Recovery.pipeline(env, watermark, reportIndex, faultAt);
        env.services.awaitReady(service);
        return recovery;
    }
}
