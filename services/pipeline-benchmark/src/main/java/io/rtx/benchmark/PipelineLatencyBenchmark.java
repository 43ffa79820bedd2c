package io.rtx.benchmark;

import io.rtx.events.BrokerFeatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures an order's latency through the real exactly-once pipeline (gateway's producer → risk →
 * matching) against the floor of a bare exactly-once chain with the same hop count, on the same broker,
 * at the same rate and commit interval. See services/pipeline-benchmark/run.sh for the options.
 *
 * <p>Order: start (or connect to) the broker and read its transaction version; measure the floor; start risk
 * and matching, fund the accounts, measure the pipeline; print and write the markdown result; stop everything
 * it started. Measured either at one paced rate ({@link PacedRun}) or, with {@code --saturation true}, at rising
 * rates until each chain saturates ({@link SaturationRun}).
 */
public final class PipelineLatencyBenchmark {

    private static final Logger log = LoggerFactory.getLogger(PipelineLatencyBenchmark.class);

    private PipelineLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkOptions options = BenchmarkOptions.parse(args);
        if (options.bootstrap() != null) {
            run(options, new Clients(options.bootstrap(), options.senderLingerMs()), OptionalLong.empty(), Optional.empty());
        } else {
            try (StandaloneKafka kafka = StandaloneKafka.start(options.partitions(), options.brokerSettings(),
                    options.transactionVersion());
                 BrokerMetrics broker = BrokerMetrics.connect(kafka.jmxPort())) {
                run(options, new Clients(kafka.bootstrap(), options.senderLingerMs()), OptionalLong.of(kafka.pid()),
                        Optional.of(broker));
            }
        }
    }

    private static void run(BenchmarkOptions options, Clients clients, OptionalLong brokerPid,
                            Optional<BrokerMetrics> broker) throws Exception {
        String loadBefore = ResultTable.loadAverage();
        short transactionVersion;
        try (Admin admin = clients.admin()) {
            transactionVersion = BrokerFeatures.finalizedTransactionVersion(admin);
        }
        String markdown = options.steps() == null
                ? paced(options, clients, brokerPid, broker, transactionVersion, loadBefore)
                : saturation(options, clients, brokerPid, broker, transactionVersion, loadBefore);
        System.out.println(markdown);
        Files.createDirectories(options.output());
        Path file = options.output().resolve(String.format("result-%scommit%dms-rate%d%s.md",
                options.steps() == null ? "" : "saturation-", options.commitIntervalMs(), options.rate(),
                options.hasExtraSettings() ? "-with-setting" : ""));
        Files.writeString(file, markdown);
        log.info("written to {}", file.toAbsolutePath());
    }

    private static String paced(BenchmarkOptions options, Clients clients, OptionalLong brokerPid,
                                Optional<BrokerMetrics> broker, short transactionVersion, String loadBefore) throws Exception {
        PacedRun run = new PacedRun(options, clients, new CpuUsage(brokerPid), broker);
        PacedRun.Result floor = null;
        if (options.runFloor()) {
            try (FloorChain chain = FloorChain.start(options, clients)) {
                floor = chain.measure(run);
            }
        }
        PacedRun.Result pipeline;
        try (Pipeline rtx = Pipeline.start(options, clients)) {
            pipeline = rtx.measure(run);
        }
        return ResultTable.markdown(options, transactionVersion, pipeline, floor, loadBefore, ResultTable.loadAverage());
    }

    /** The floor chain's saturation, then the pipeline's, on the same broker with the same steps. */
    private static String saturation(BenchmarkOptions options, Clients clients, OptionalLong brokerPid,
                                     Optional<BrokerMetrics> broker, short transactionVersion, String loadBefore)
            throws Exception {
        SaturationRun run = new SaturationRun(options, clients, new CpuUsage(brokerPid), broker);
        SaturationRun.Result floor = null;
        if (options.runFloor()) {
            try (FloorChain chain = FloorChain.start(options, clients)) {
                floor = chain.saturate(run);
            }
        }
        SaturationRun.Result pipeline;
        try (Pipeline rtx = Pipeline.start(options, clients)) {
            pipeline = rtx.saturate(run);
        }
        return SaturationTable.markdown(options, transactionVersion, floor, pipeline, loadBefore, ResultTable.loadAverage());
    }
}
