package io.rtx.benchmark;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * The run's result as markdown: one summary row (to collect runs into one table), one row of what the
 * pipeline's exactly-once costs the broker and the committers, then the details that explain them (every
 * percentile, backlog, lag, CPU by part, commits, broker requests and records).
 */
final class ResultTable {

    static final String SUMMARY_HEADER = """
            | commit interval | offered | measured | orders through matching | ack (1 hop) p50 / p99 / p99.9 | NEW (2 hops) p50 / p99 / p99.9 | floor 1 hop p50 / p99 / p99.9 | floor 2 hops p50 / p99 / p99.9 | ack p99 ÷ floor 1 hop | NEW p99 ÷ floor 2 hops |
            |---|---|---|---|---|---|---|---|---|---|""";
    static final String TRANSACTIONS_SUMMARY_HEADER = """
            | transaction.version | AddPartitionsToTxn/s from producers | broker records per order command | commit latency avg / max |
            |---|---|---|---|""";

    private static final String PER_COMMAND_SENT = "Per order command: per command sent in the window. Each reading "
            + "is tens of JMX round trips and starts as the window opens or closes, so the input topic, which stops "
            + "with the sender, reads a little under 1.";

    private ResultTable() {
    }

    /** @param transactionVersion the broker's finalized {@code transaction.version} */
    static String markdown(BenchmarkOptions options, short transactionVersion, PacedRun.Result pipeline,
                           PacedRun.Result floor, String loadBefore, String loadAfter) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "## Pipeline run: commit interval %d ms, %,d commands/s, %d s warm-up, %d s measured%n%n",
                options.commitIntervalMs(), options.rate(), options.warmup().toSeconds(), options.duration().toSeconds()));
        setup(md, options, transactionVersion, loadBefore, loadAfter);
        md.append(SUMMARY_HEADER).append('\n').append(summaryRow(options, pipeline, floor)).append("\n\n");
        md.append(TRANSACTIONS_SUMMARY_HEADER).append('\n').append(transactionsRow(transactionVersion, pipeline))
                .append("\n\n");
        if (pipeline.broker() == null) {
            md.append("Broker requests and records not reported: the broker is external, its JMX is not the run's.\n\n");
        }
        md.append("| measurement | orders | never arrived | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        md.append(detailRow("ack: risk's accepted order (1 hop)", pipeline.measuredOrders(), pipeline.missingOneHop(), pipeline.oneHop()));
        md.append(detailRow("first matching report (2 hops)", pipeline.measuredOrders(), pipeline.missingTwoHops(), pipeline.twoHops()));
        if (floor != null) {
            md.append(detailRow("floor: bare EOS chain, 1 hop", floor.measuredOrders(), floor.missingOneHop(), floor.oneHop()));
            md.append(detailRow("floor: bare EOS chain, 2 hops", floor.measuredOrders(), floor.missingTwoHops(), floor.twoHops()));
        }
        md.append("\nOrders that never arrived are counted with their age when the run ended, a lower bound: "
                + "if any did, the percentiles they reach are lower bounds too.\n\n");
        details(md, pipeline);
        if (floor != null) {
            details(md, floor);
        }
        return md.toString();
    }

    /** The machine, the load, the stream and every setting the run changed. */
    static void setup(StringBuilder md, BenchmarkOptions options, short transactionVersion, String loadBefore,
                      String loadAfter) {
        md.append(String.format(Locale.ROOT, "%d cores, %s %s, %d partitions, %d accounts, %d symbols, seed %d; "
                        + "broker transaction.version %d; load average before: %s, after: %s%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), options.partitions(), options.accounts(), options.symbols(),
                options.seed(), transactionVersion, loadBefore, loadAfter));
        if (options.processorSetting() != null) {
            md.append("Processors run with the extra setting `").append(options.processorSetting()).append("`.\n\n");
        }
        if (options.senderLingerMs() > 0) {
            md.append("Order commands sent with `linger.ms=").append(options.senderLingerMs()).append("`.\n\n");
        }
        if (options.brokerSetting() != null) {
            md.append("Broker started with the extra setting `").append(options.brokerSetting()).append("`.\n\n");
        }
    }

    static String summaryRow(BenchmarkOptions options, PacedRun.Result pipeline, PacedRun.Result floor) {
        return String.format(Locale.ROOT, "| %d ms | %,.0f cmd/s (%,.0f orders/s) | %d s | %,.0f orders/s | %s | %s | %s | %s | %s | %s |",
                options.commitIntervalMs(), pipeline.commandsPerSecond(), pipeline.ordersPerSecond(),
                options.duration().toSeconds(), pipeline.ordersThroughPerSecond(),
                percentiles(pipeline.oneHop()), percentiles(pipeline.twoHops()),
                floor == null ? "–" : percentiles(floor.oneHop()), floor == null ? "–" : percentiles(floor.twoHops()),
                floor == null ? "–" : ratio(pipeline.oneHop(), floor.oneHop()),
                floor == null ? "–" : ratio(pipeline.twoHops(), floor.twoHops()));
    }

    /** The pipeline window: producers' AddPartitionsToTxn (none under transactions v2), records, commit latency. */
    static String transactionsRow(short transactionVersion, PacedRun.Result pipeline) {
        BrokerMetrics.Traffic broker = pipeline.broker();
        String commits = pipeline.commits().stream()
                .map(c -> c.committer() + " " + millis(c.avgMs()) + " / " + millis(c.maxMs()) + " ms")
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "| %d | %s | %s | %s |", transactionVersion,
                broker == null ? "–"
                        : String.format(Locale.ROOT, "%,.1f", broker.perSecond(broker.requests().get("AddPartitionsToTxn"))),
                broker == null ? "–" : String.format(Locale.ROOT, "%.2f", broker.perCommand(broker.records())),
                commits);
    }

    private static void details(StringBuilder md, PacedRun.Result result) {
        md.append(String.format(Locale.ROOT, "**%s**: offered %,.0f commands/s (%,.0f place orders/s), %,.0f orders/s "
                        + "through both hops in the window; refused after 1 hop: %d; not through when sending stopped: %,d; "
                        + "%s after %.1f s; send errors: %d%n%n", result.name(), result.commandsPerSecond(),
                result.ordersPerSecond(), result.ordersThroughPerSecond(), result.refused(), result.backlogAtEnd(),
                result.drained() ? "all through" : "NOT all through", result.drainTime().toMillis() / 1000.0,
                result.sendErrors()));
        md.append("| consumer group ← input | lag when sending stopped (records) |\n|---|---|\n");
        result.lagAtEnd().forEach((group, lag) -> md.append(String.format(Locale.ROOT, "| %s | %,d |%n", group, lag)));
        md.append('\n');
        cpuTable(md, result.coresUsed());
        md.append('\n');
        commitsTable(md, result.commits());
        md.append("\nA floor hop's commit is timed around sendOffsetsToTransaction and commitTransaction, over the window. "
                + "A processor's commits/s are over the window; its average, max and share are Kafka Streams' "
                + "commit-latency-avg, commit-latency-max and commit-ratio when sending stopped, sampled over the "
                + "last 30 to 60 s.\n\n");
        if (result.broker() != null) {
            brokerTables(md, result.broker(), PER_COMMAND_SENT);
        }
    }

    /** CPU by part over a window, in cores. */
    static void cpuTable(StringBuilder md, Map<String, Double> coresUsed) {
        md.append("| CPU during the window | cores |\n|---|---|\n");
        for (Map.Entry<String, Double> part : coresUsed.entrySet()) {
            md.append(String.format(Locale.ROOT, "| %s | %.2f |%n", part.getKey(), part.getValue()));
        }
    }

    static void commitsTable(StringBuilder md, List<CommitWatch.Commits> commits) {
        md.append("| committer | commits/s | commit avg ms | commit max ms | share of its time committing |\n"
                + "|---|---|---|---|---|\n");
        for (CommitWatch.Commits of : commits) {
            md.append(String.format(Locale.ROOT, "| %s | %,.1f | %s | %s | %.1f %% |%n", of.committer(),
                    of.perSecond(), millis(of.avgMs()), millis(of.maxMs()), 100 * of.timeShare()));
        }
    }

    /**
     * The broker's requests and records by topic over a window.
     *
     * @param perCommand what "per order command" divides by, said after the table
     */
    static void brokerTables(StringBuilder md, BrokerMetrics.Traffic broker, String perCommand) {
        md.append("| broker requests | per second | per order command |\n|---|---|---|\n");
        broker.requests().forEach((type, count) -> md.append(String.format(Locale.ROOT, "| %s | %,.1f | %.3f |%n",
                type, broker.perSecond(count), broker.perCommand(count))));
        md.append("\n(broker): a request the broker sends itself, between its roles: AddPartitionsToTxn (v4+) and "
                + "AddPartitionsToTxnVerification from a partition leader to the transaction coordinator, WriteTxnMarkers "
                + "from the coordinator to the leaders. AddPartitionsToTxn alone is the producers' (v0-3, transactions "
                + "v1 only).\n\n");
        md.append("| broker records appended per order command, by topic | per order command | per second |\n|---|---|---|\n");
        broker.recordsByTopic().entrySet().stream().filter(topic -> topic.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(topic -> md.append(String.format(Locale.ROOT, "| %s | %.3f | %,.1f |%n", topic.getKey(),
                        broker.perCommand(topic.getValue()), broker.perSecond(topic.getValue()))));
        md.append(String.format(Locale.ROOT, "| **all topics** | **%.3f** | **%,.1f** |%n", broker.perCommand(broker.records()),
                broker.perSecond(broker.records())));
        md.append("\nRecords appended to partition leaders' logs (MessagesInPerSec): data, changelog, offset-commit and "
                + "transaction-state records and the transaction markers (control records, one per partition a "
                + "transaction wrote, appended on WriteTxnMarkers). Not included: records fetched, and replica "
                + "copies (one broker: there are none). Topics with no record in the window are left out. "
                + perCommand + "\n\n");
    }

    private static String detailRow(String name, long orders, long missing, Histogram micros) {
        return String.format(Locale.ROOT, "| %s | %,d | %,d | %s | %s | %s | %s | %s |%n", name, orders, missing,
                ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(90)),
                ms(micros.getValueAtPercentile(99)), ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()));
    }

    private static String percentiles(Histogram micros) {
        return ms(micros.getValueAtPercentile(50)) + " / " + ms(micros.getValueAtPercentile(99)) + " / "
                + ms(micros.getValueAtPercentile(99.9)) + " ms";
    }

    private static String ratio(Histogram measured, Histogram floor) {
        return String.format(Locale.ROOT, "%.2f×", measured.getValueAtPercentile(99) / (double) floor.getValueAtPercentile(99));
    }

    private static String ms(long micros) {
        return millis(micros / 1000.0);
    }

    /** NaN: not measured, or nothing to average. */
    static String millis(double ms) {
        return Double.isNaN(ms) ? "–" : String.format(Locale.ROOT, "%.1f", ms);
    }

    /** The JVM's view of the machine, for the record: the load average says whether others were busy. */
    static String loadAverage() {
        return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
