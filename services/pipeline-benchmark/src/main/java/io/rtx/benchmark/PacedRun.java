package io.rtx.benchmark;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One measurement: sends the seeded order stream to an input topic at a fixed rate (warm-up, then the
 * measured window), records when each order's first record arrives after one and two hops, then
 * waits a bounded time for the last orders to come through. Used alike for the bare floor chain and
 * for the real pipeline, so the two are measured the same way. Over the same window it reads CPU by part, the
 * committers' commits and, from a broker it started, the broker's request and record counters.
 */
final class PacedRun {

    private static final Logger log = LoggerFactory.getLogger(PacedRun.class);
    /** How long the last orders may take to come through after sending stops. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    /**
     * @param missingOneHop measured orders that never arrived after one hop (their age at the end is in the histogram)
     * @param backlogAtEnd place orders sent but not through both hops when sending stopped
     * @param drained      whether every order came through within the drain timeout, and how long it took
     * @param broker       what the broker did in the window; null when it is not the run's own (no JMX)
     */
    record Result(String name, Histogram oneHop, Histogram twoHops, long measuredOrders, long missingOneHop,
                  long missingTwoHops, double commandsPerSecond,
                  double ordersPerSecond, double ordersThroughPerSecond, long refused, long backlogAtEnd, boolean drained, Duration drainTime,
                  Map<String, Long> lagAtEnd, Map<String, Double> coresUsed, long sendErrors,
                  List<CommitWatch.Commits> commits, BrokerMetrics.Traffic broker) {
    }

    private final BenchmarkOptions options;
    private final Clients clients;
    private final CpuUsage cpu;
    private final Optional<BrokerMetrics> broker;

    PacedRun(BenchmarkOptions options, Clients clients, CpuUsage cpu, Optional<BrokerMetrics> broker) {
        this.options = options;
        this.clients = clients;
        this.cpu = cpu;
        this.broker = broker;
    }

    /**
     * @param inputTopic     where the orders go
     * @param measuredTopics where their records arrive
     * @param rule           what an arriving record means
     * @param groups         consumer groups whose lag is reported when sending stops
     * @param commits        the committers of the chain under measurement
     */
    Result run(String name, String inputTopic, List<String> measuredTopics, ArrivalListener.Rule rule,
               List<String> groups, CommitWatch commits) throws Exception {
        long total = options.totalCommands();
        long measuredFrom = (long) options.rate() * options.warmup().toSeconds();
        // Order ids unique across runs, so an external broker's processors never see one twice.
        OrderFlow flow = new OrderFlow(options.seed(), options.accounts(), options.symbols(),
                System.currentTimeMillis() * 1_000_000L);
        Arrivals arrivals = new Arrivals(Math.toIntExact(total), measuredFrom);
        Duration maxRunTime = options.warmup().plus(options.duration()).plus(DRAIN_TIMEOUT).plusMinutes(1);
        AtomicLong sendErrors = new AtomicLong();
        try (KafkaProducer<String, byte[]> producer = clients.producer();
             ArrivalListener listener = new ArrivalListener(clients.tailOf(measuredTopics), rule, arrivals,
                     flow.orderIdBase(), maxRunTime);
             Admin admin = clients.admin()) {
            log.info("{}: {} commands at {}/s ({} s warm-up, {} s measured)", name, total, options.rate(),
                    options.warmup().toSeconds(), options.duration().toSeconds());
            long start = System.nanoTime();
            long windowStart = start + options.warmup().toNanos();
            arrivals.window(windowStart, windowStart + options.duration().toNanos());
            CpuUsage.Snapshot cpuAtStart = null;
            CompletableFuture<BrokerMetrics.Counts> brokerAtStart = null;
            for (long sequence = 0; sequence < total; sequence++) {
                long intended = start + sequence * 1_000_000_000L / options.rate();
                awaitNanoTime(intended);
                if (sequence == measuredFrom) {
                    cpuAtStart = cpu.snapshot();
                    commits.windowStarts();
                    // Tens of JMX round trips: off the pacing thread, so no order of the window is sent late for it.
                    brokerAtStart = readBroker();
                    log.info("{}: warm-up done, measuring", name);
                }
                OrderFlow.Command command = flow.next(sequence, System.currentTimeMillis());
                if (command.place()) {
                    arrivals.sent((int) sequence, intended);
                }
                producer.send(new ProducerRecord<>(inputTopic, command.key(), command.value()), (metadata, error) -> {
                    if (error != null && sendErrors.getAndIncrement() == 0) {
                        log.error("{}: send failed", name, error);
                    }
                });
            }
            long sendingStopped = System.nanoTime();
            CompletableFuture<BrokerMetrics.Counts> brokerAtEnd = readBroker();   // at once, not after the lag
            Map<String, Double> cores = CpuUsage.coresUsed(cpuAtStart, cpu.snapshot());
            long backlogAtEnd = arrivals.backlog();
            double window = (sendingStopped - windowStart) / 1e9;   // longer than planned if sending fell behind
            List<CommitWatch.Commits> windowCommits = commits.windowEnds(window);
            Map<String, Long> lag = ConsumerLag.of(admin, groups);
            // Per command sent in the window: both readings run about equally late, so the records still flowing
            // after it stand in for those missed at its start.
            BrokerMetrics.Traffic brokerTraffic = brokerAtStart == null ? null
                    : BrokerMetrics.between(brokerAtStart.get(), brokerAtEnd.get(), total - measuredFrom);
            log.info("{}: sending stopped; {} orders not through yet, lag {}", name, backlogAtEnd, lag);
            boolean drained = awaitDrained(arrivals, sendingStopped + DRAIN_TIMEOUT.toNanos());
            Duration drainTime = Duration.ofNanos(System.nanoTime() - sendingStopped);
            listener.close();
            arrivals.finish(System.nanoTime());
            return new Result(name, arrivals.latencyMicros(1), arrivals.latencyMicros(2), arrivals.measuredPlaces(),
                    arrivals.missing(1), arrivals.missing(2),
                    (total - measuredFrom) / window, arrivals.measuredPlaces() / window,
                    arrivals.arrivedInWindow(2) / (double) options.duration().toSeconds(), arrivals.refused(),
                    backlogAtEnd, drained, drainTime, lag, cores, sendErrors.get(), windowCommits, brokerTraffic);
        }
    }

    /** The broker's counters, read on another thread; null without the broker's JMX. */
    private CompletableFuture<BrokerMetrics.Counts> readBroker() {
        return broker.map(metrics -> CompletableFuture.supplyAsync(metrics::read)).orElse(null);
    }

    private static void awaitNanoTime(long target) {
        for (long wait = target - System.nanoTime(); wait > 0; wait = target - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }

    private static boolean awaitDrained(Arrivals arrivals, long deadline) throws InterruptedException {
        while (arrivals.backlog() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return arrivals.backlog() == 0;
    }
}
