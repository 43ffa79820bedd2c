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
 * it started.
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
        PacedRun run = new PacedRun(options, clients, new CpuUsage(brokerPid), broker);
        PacedRun.Result floor = options.runFloor() ? FloorChain.measure(options, clients, run) : null;
        PacedRun.Result pipeline;
        try (Pipeline rtx = Pipeline.start(options, clients)) {
            pipeline = rtx.measure(run);
        }
        String markdown = ResultTable.markdown(options, transactionVersion, pipeline, floor, loadBefore,
                ResultTable.loadAverage());
        System.out.println(markdown);
        Files.createDirectories(options.output());
        Path file = options.output().resolve(String.format("result-commit%dms-rate%d%s.md", options.commitIntervalMs(),
                options.rate(), options.hasExtraSettings() ? "-with-setting" : ""));
        Files.writeString(file, markdown);
        log.info("written to {}", file.toAbsolutePath());
    }
}
