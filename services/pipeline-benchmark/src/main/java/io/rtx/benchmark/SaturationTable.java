package io.rtx.benchmark;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A saturation run as markdown: each chain's saturation rate and the pipeline's share of the bare chain's, every
 * step, then at each chain's saturation step what it cost: CPU by part, commits, partitions per transaction and the
 * broker's requests and records per order command.
 */
final class SaturationTable {

    private SaturationTable() {
    }

    /** @param floor null when the run had no floor chain */
    static String markdown(BenchmarkOptions options, short transactionVersion, SaturationRun.Result floor,
                           SaturationRun.Result pipeline, String loadBefore, String loadAfter) {
        BenchmarkOptions.Steps plan = options.steps();
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "## Saturation run: commit interval %d ms, from %,d commands/s ×%.2f per "
                        + "step, %d s warm-up, each step %d s settle + %d s measured%n%n", options.commitIntervalMs(),
                options.rate(), plan.factor(), options.warmup().toSeconds(), plan.settle().toSeconds(),
                plan.hold().toSeconds()));
        ResultTable.setup(md, options, transactionVersion, loadBefore, loadAfter);
        md.append("| chain | saturation: order commands/s carried through | at offered | highest offered rate followed |\n"
                + "|---|---|---|---|\n");
        if (floor != null) {
            summaryRows(md, "floor chain", floor);
        }
        summaryRows(md, "pipeline", pipeline);
        if (floor != null) {
            md.append(String.format(Locale.ROOT, "%n**pipeline ÷ floor chain, through every stage: %.2f×** (%,.0f ÷ %,.0f "
                            + "commands/s)%n", pipeline.saturationRate(lastStage(pipeline)) / floor.saturationRate(lastStage(floor)),
                    pipeline.saturationRate(lastStage(pipeline)), floor.saturationRate(lastStage(floor))));
        }
        md.append(String.format(Locale.ROOT, "%nA step is followed when the sender kept its rate and every stage carried at "
                + "least %.0f %% of the records appended to its input over the measured time (its lag grew by less than "
                + "the rest). Carried through a stage: commands sent per second times the share each stage up to it "
                + "carried (at most 1). Saturation: the most carried over all steps, normally at the first step not "
                + "followed.%n%n", 100 * SaturationRun.FOLLOWED_SHARE));
        if (floor != null) {
            details(md, floor);
        }
        details(md, pipeline);
        return md.toString();
    }

    private static int lastStage(SaturationRun.Result result) {
        return result.steps().get(0).stages().size() - 1;
    }

    private static void summaryRows(StringBuilder md, String chain, SaturationRun.Result result) {
        SaturationRun.Step saturation = result.saturation();
        String followed = result.followedEveryStep()
                ? String.format(Locale.ROOT, "%,.0f (every step: not saturated)", result.highestFollowedRate())
                : String.format(Locale.ROOT, "%,.0f", result.highestFollowedRate());
        for (int i = 0; i < saturation.stages().size(); i++) {
            md.append(String.format(Locale.ROOT, "| %s, %s | %,.0f | %,.0f | %s |%n", chain,
                    saturation.stages().get(i).name(), result.saturationRate(i), saturation.rate(), followed));
        }
    }

    private static void details(StringBuilder md, SaturationRun.Result result) {
        md.append("### ").append(result.name()).append(": steps\n\n| step | offered cmd/s | sent cmd/s |");
        List<SaturationRun.StageStep> names = result.steps().get(0).stages();
        names.forEach(stage -> md.append(' ').append(stage.name()).append(": carried records/s (share), lag at end |"));
        md.append(" through every stage cmd/s | followed |\n|---|---|---|");
        names.forEach(stage -> md.append("---|"));
        md.append("---|---|\n");
        for (SaturationRun.Step step : result.steps()) {
            md.append(String.format(Locale.ROOT, "| %d | %,.0f | %,.0f |", step.number(), step.rate(), step.sentPerSecond()));
            for (SaturationRun.StageStep stage : step.stages()) {
                md.append(String.format(Locale.ROOT, " %,.0f (%.1f %%), %,d |", stage.carriedPerSecond(),
                        100 * stage.share(), stage.lagAtEnd()));
            }
            md.append(String.format(Locale.ROOT, " %,.0f | %s |%n", step.commandsThroughAll(),
                    step.followed() ? "yes" : step.senderKeptUp() ? "no" : "no: the sender fell behind"));
        }
        SaturationRun.Step at = result.saturation();
        md.append(String.format(Locale.ROOT, "%n### %s at its saturation (step %d, %,.0f commands/s offered, %,.0f "
                + "through every stage)%n%n", result.name(), at.number(), at.rate(), at.commandsThroughAll()));
        ResultTable.cpuTable(md, at.coresUsed());
        md.append('\n');
        ResultTable.commitsTable(md, at.commits());
        md.append('\n');
        transactionsTable(md, at.transactions());
        if (at.broker() != null) {
            ResultTable.brokerTables(md, at.broker(), String.format(Locale.ROOT, "Per order command: per command the "
                    + "first stage carried in the measured time (%,d); at saturation fewer commands than were sent get "
                    + "through, so the input topic reads above 1.", at.broker().commands()));
        } else {
            md.append("Broker requests and records not reported: the broker is external, its JMX is not the run's.\n\n");
        }
    }

    private static void transactionsTable(StringBuilder md, List<TransactionSizes.Transactions> transactions) {
        md.append("| producer | transactions/s | aborted | partitions per transaction | of which, by topic |\n"
                + "|---|---|---|---|---|\n");
        for (TransactionSizes.Transactions of : transactions) {
            String byTopic = of.partitionsByTopic().entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .map(topic -> String.format(Locale.ROOT, "%s %.2f", topic.getKey(), of.partitionsPerTransaction(topic.getKey())))
                    .collect(Collectors.joining(", "));
            md.append(String.format(Locale.ROOT, "| %s | %,.1f | %d | %.2f | %s |%n", of.committer(), of.perSecond(),
                    of.aborted(), of.partitionsPerTransaction(), byTopic));
        }
        md.append("\nPartitions per transaction: from the broker's transaction log, the partition set the coordinator "
                + "wrote into each PrepareCommit (or PrepareAbort) record of the producer's transactional id over the "
                + "measured time. Each of these partitions gets one transaction marker at the commit. Under "
                + "exactly_once_v2 one producer per stream thread commits all its tasks in one transaction.\n\n");
    }
}
