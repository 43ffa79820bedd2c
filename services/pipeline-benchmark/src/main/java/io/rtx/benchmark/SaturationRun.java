package io.rtx.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises the offered rate step by step until the chain stops following it. The seeded order stream is sent
 * without a pause: a warm-up at the first rate, then per step a settle time and a held (measured) time at
 * {@code factor} times the previous step's rate. Over each held time every stage's consumer group is read twice
 * (committed offsets and committed end of its input): the end moved by what was offered to the stage, the
 * committed offsets by what it carried.
 *
 * <p>A step is followed when the sender kept its schedule and every stage carried at least
 * {@link #FOLLOWED_SHARE} of what was offered to it (equivalently: its lag grew by less than the rest). The run
 * stops at the first step not followed, or after the last step. Over each held time it also reads what
 * {@link PacedRun} reads (CPU by part, commits, the broker's counters) and the partitions per transaction.
 */
final class SaturationRun {

    private static final Logger log = LoggerFactory.getLogger(SaturationRun.class);
    static final double FOLLOWED_SHARE = 0.95;

    /** A hop of the chain: a consumer group and the input topic whose records it carries. */
    record Stage(String name, String group, String topic) {
    }

    /**
     * One stage over a held time.
     *
     * @param offered  records appended to its input (committed end)
     * @param carried  records it processed and committed
     * @param lagAtEnd records behind when the held time ended
     */
    record StageStep(String name, long offered, long carried, long lagAtEnd, double seconds) {

        double share() {
            return offered == 0 ? 1 : carried / (double) offered;
        }

        double carriedPerSecond() {
            return carried / seconds;
        }
    }

    /**
     * One step.
     *
     * @param rate        the commands per second the sender was asked for
     * @param sentPerSecond what it sent over the held time
     * @param senderKeptUp whether it sent at least {@link #FOLLOWED_SHARE} of the rate (it falls behind when the
     *                     machine's cores are all busy)
     * @param broker      what the broker did over the held time; null when it is not the run's own
     */
    record Step(int number, double rate, double sentPerSecond, boolean senderKeptUp, List<StageStep> stages,
                Map<String, Double> coresUsed, List<CommitWatch.Commits> commits,
                List<TransactionSizes.Transactions> transactions, BrokerMetrics.Traffic broker) {

        boolean followed() {
            return senderKeptUp && stages.stream().allMatch(stage -> stage.share() >= FOLLOWED_SHARE);
        }

        /**
         * Commands per second carried through stage {@code index} and every stage before it: what was sent, times
         * the share each stage carried of what reached it (at most all of it: a stage catching up on an earlier
         * backlog carries no more of this step's commands).
         */
        double commandsThrough(int index) {
            double through = sentPerSecond;
            for (int i = 0; i <= index; i++) {
                through *= Math.min(1, stages.get(i).share());
            }
            return through;
        }

        double commandsThroughAll() {
            return commandsThrough(stages.size() - 1);
        }
    }

    /** Every step run; the last one is the first not followed unless the chain followed them all. */
    record Result(String name, List<Step> steps) {

        /** The step that carried the most commands through every stage: where the run saturated. */
        Step saturation() {
            Step best = steps.get(0);
            for (Step step : steps) {
                if (step.commandsThroughAll() > best.commandsThroughAll()) {
                    best = step;
                }
            }
            return best;
        }

        /** The most commands per second through stage {@code index} and those before it, over all steps. */
        double saturationRate(int index) {
            return steps.stream().mapToDouble(step -> step.commandsThrough(index)).max().orElse(0);
        }

        /** The highest offered rate every stage followed; 0 if not even the first. */
        double highestFollowedRate() {
            return steps.stream().filter(Step::followed).mapToDouble(Step::rate).max().orElse(0);
        }

        boolean followedEveryStep() {
            return steps.stream().allMatch(Step::followed);
        }
    }

    private final BenchmarkOptions options;
    private final Clients clients;
    private final CpuUsage cpu;
    private final Optional<BrokerMetrics> broker;

    SaturationRun(BenchmarkOptions options, Clients clients, CpuUsage cpu, Optional<BrokerMetrics> broker) {
        this.options = options;
        this.clients = clients;
        this.cpu = cpu;
        this.broker = broker;
    }

    /**
     * @param stages     the chain's hops in order; the first reads {@code inputTopic}
     * @param commits    the committers of the chain
     * @param committers the chain's transactional producers, for the partitions per transaction
     */
    Result run(String name, String inputTopic, List<Stage> stages, CommitWatch commits,
               List<TransactionSizes.Committer> committers) throws Exception {
        BenchmarkOptions.Steps plan = options.steps();
        OrderFlow flow = new OrderFlow(options.seed(), options.accounts(), options.symbols(),
                System.currentTimeMillis() * 1_000_000L);
        List<List<TopicPartition>> inputs = stages.stream().map(stage -> IntStream.range(0, options.partitions())
                .mapToObj(partition -> new TopicPartition(stage.topic(), partition)).toList()).toList();
        AtomicLong sendErrors = new AtomicLong();
        List<Step> steps = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = clients.producer();
             Admin admin = clients.admin();
             TransactionSizes transactions = new TransactionSizes(clients, committers)) {
            Sender sender = new Sender(name, producer, inputTopic, flow, sendErrors);
            log.info("{}: warm-up at {} commands/s for {} s", name, options.rate(), options.warmup().toSeconds());
            sender.send(options.rate(), options.warmup());
            double rate = options.rate();
            for (int number = 1; number <= plan.maxSteps(); number++, rate *= plan.factor()) {
                sender.send(rate, plan.settle());
                CompletableFuture<List<ConsumerLag.Progress>> progressAtStart = progress(admin, stages, inputs);
                CompletableFuture<BrokerMetrics.Counts> brokerAtStart = readBroker();
                CpuUsage.Snapshot cpuAtStart = cpu.snapshot();
                commits.windowStarts();
                transactions.windowStarts();
                long sentAtStart = sender.sent;
                long start = System.nanoTime();
                sender.send(rate, plan.hold());
                double seconds = (System.nanoTime() - start) / 1e9;
                long sentInHold = sender.sent - sentAtStart;
                CompletableFuture<List<ConsumerLag.Progress>> progressAtEnd = progress(admin, stages, inputs);
                CompletableFuture<BrokerMetrics.Counts> brokerAtEnd = readBroker();
                Map<String, Double> cores = CpuUsage.coresUsed(cpuAtStart, cpu.snapshot());
                List<CommitWatch.Commits> stepCommits = commits.windowEnds(seconds);
                List<TransactionSizes.Transactions> stepTransactions = transactions.windowEnds();
                List<StageStep> stageSteps = stageSteps(stages, progressAtStart.get(), progressAtEnd.get());
                // Per command the first stage carried: at saturation fewer than were sent reach the chain's outputs.
                BrokerMetrics.Traffic traffic = brokerAtStart == null ? null
                        : BrokerMetrics.between(brokerAtStart.get(), brokerAtEnd.get(), stageSteps.get(0).carried());
                double sentPerSecond = sentInHold / seconds;
                Step step = new Step(number, rate, sentPerSecond, sentPerSecond >= FOLLOWED_SHARE * rate, stageSteps,
                        cores, stepCommits, stepTransactions, traffic);
                steps.add(step);
                log.info("{}: step {} at {} commands/s: sent {}/s, through every stage {}/s, shares {}, {}", name,
                        number, Math.round(rate), Math.round(step.sentPerSecond()), Math.round(step.commandsThroughAll()),
                        stageSteps.stream().map(s -> s.name() + " " + Math.round(100 * s.share()) + " %").toList(),
                        step.followed() ? "followed" : "NOT followed");
                if (!step.followed()) {
                    break;
                }
            }
        }
        if (sendErrors.get() > 0) {
            throw new IllegalStateException(name + ": " + sendErrors.get() + " commands could not be sent");
        }
        return new Result(name, steps);
    }

    private static List<StageStep> stageSteps(List<Stage> stages, List<ConsumerLag.Progress> start,
                                              List<ConsumerLag.Progress> end) {
        List<StageStep> result = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            ConsumerLag.Progress from = start.get(i);
            ConsumerLag.Progress to = end.get(i);
            result.add(new StageStep(stages.get(i).name(), to.end() - from.end(), to.committed() - from.committed(),
                    Math.max(0, to.end() - to.committed()), (to.nanoTime() - from.nanoTime()) / 1e9));
        }
        return result;
    }

    /** Every stage's progress, read off the pacing thread so no command is sent late for it. */
    private static CompletableFuture<List<ConsumerLag.Progress>> progress(Admin admin, List<Stage> stages,
                                                                          List<List<TopicPartition>> inputs) {
        return CompletableFuture.supplyAsync(() -> {
            List<ConsumerLag.Progress> progress = new ArrayList<>();
            try {
                for (int i = 0; i < stages.size(); i++) {
                    progress.add(ConsumerLag.progress(admin, stages.get(i).group(), inputs.get(i)));
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException("consumer group offsets unreadable", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted reading consumer group offsets", e);
            }
            return progress;
        });
    }

    private CompletableFuture<BrokerMetrics.Counts> readBroker() {
        return broker.map(metrics -> CompletableFuture.supplyAsync(metrics::read)).orElse(null);
    }

    /** Sends the order stream on the calling thread, one rate at a time, numbering commands across rates. */
    private static final class Sender {

        private final String name;
        private final KafkaProducer<String, byte[]> producer;
        private final String topic;
        private final OrderFlow flow;
        private final AtomicLong sendErrors;
        long sent;

        Sender(String name, KafkaProducer<String, byte[]> producer, String topic, OrderFlow flow, AtomicLong sendErrors) {
            this.name = name;
            this.producer = producer;
            this.topic = topic;
            this.flow = flow;
            this.sendErrors = sendErrors;
        }

        /**
         * Sends at {@code rate} every command due in {@code time} from now, open loop: one due while the sender was
         * busy goes at once, so a sender that falls behind takes longer than {@code time}.
         */
        void send(double rate, Duration time) {
            long start = System.nanoTime();
            long end = start + time.toNanos();
            double interval = 1e9 / rate;
            long due = start;
            for (long i = 0; due < end; due = start + (long) (++i * interval)) {
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                OrderFlow.Command command = flow.next(sent++, System.currentTimeMillis());
                producer.send(new ProducerRecord<>(topic, command.key(), command.value()), (metadata, error) -> {
                    if (error != null && sendErrors.getAndIncrement() == 0) {
                        log.error("{}: send failed", name, error);
                    }
                });
            }
        }
    }
}
