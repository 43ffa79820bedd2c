package io.rtx.benchmark;

import io.rtx.events.BrokerFeatures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one benchmark run does. Every option is {@code --name value}; unknown names are refused so a
 * typo never silently runs the defaults.
 *
 * @param rate             order commands per second offered to the pipeline (and to the floor chain)
 * @param warmup           time at full rate before measuring (JIT, RocksDB, producer batches settle)
 * @param duration         measured time at full rate
 * @param commitIntervalMs {@code commit.interval.ms} of both processors and of the floor chain's hops
 * @param partitions       partitions of every topic
 * @param accounts         funded accounts the orders are spread over
 * @param symbols          instruments the orders are spread over (each its own book)
 * @param seed             seed of the order stream, so two runs offer the same orders
 * @param bootstrap        an external broker to use instead of starting one (null: start one)
 * @param runFloor         whether to measure the bare exactly-once chain first
 * @param output           where the markdown result is written
 * @param processorSetting extra Spring properties for both processors ({@code name=value}, several separated
 *                         by {@code ;}, e.g. a Kafka Streams setting under
 *                         {@code spring.cloud.stream.kafka.streams.binder.configuration.}), to measure a
 *                         proposed change without editing the services; null for none
 * @param senderLingerMs   {@code linger.ms} of the producer that sends the order commands; 0 is what one
 *                         gateway does, a few ms is what many gateways at a high rate add up to
 * @param brokerSetting    extra {@code server.properties} lines for the broker the run starts ({@code name=value},
 *                         several separated by {@code ;}); null for none
 * @param transactionVersion the {@code transaction.version} the started broker's storage is formatted with: 2
 *                         (RTX's, see {@code BrokerFeatures}) or 1 to compare with the old protocol; an external
 *                         broker's is only read and reported
 * @param steps            with {@code --saturation true}, how the offered rate is raised from {@link #rate} until the
 *                         chain stops following it (see {@link SaturationRun}); null for one paced run at {@link #rate}
 */
record BenchmarkOptions(int rate, Duration warmup, Duration duration, int commitIntervalMs, int partitions,
                        int accounts, int symbols, long seed, String bootstrap, boolean runFloor, Path output,
                        String processorSetting, int senderLingerMs, String brokerSetting, short transactionVersion,
                        Steps steps) {

    /**
     * The saturation mode's steps. Its options are read only with {@code --saturation true}, so given without it
     * they are refused like any unknown option.
     *
     * @param factor   each step offers this many times the previous step's rate
     * @param settle   time at a step's rate before it is measured, for the lag of the rate change to settle
     * @param hold     measured time of a step
     * @param maxSteps the last step run if the chain still follows
     */
    record Steps(double factor, Duration settle, Duration hold, int maxSteps) {
    }

    static BenchmarkOptions parse(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got: " + String.join(" ", args));
            }
            given.put(args[i].substring(2), args[i + 1]);
        }
        BenchmarkOptions options = new BenchmarkOptions(
                Integer.parseInt(take(given, "rate", "10000")),
                Duration.ofSeconds(Long.parseLong(take(given, "warmup-seconds", "60"))),
                Duration.ofSeconds(Long.parseLong(take(given, "duration-seconds", "60"))),
                Integer.parseInt(take(given, "commit-interval-ms", "20")),
                Integer.parseInt(take(given, "partitions", "6")),
                Integer.parseInt(take(given, "accounts", "1000")),
                Integer.parseInt(take(given, "symbols", "3")),
                Long.parseLong(take(given, "seed", "42")),
                take(given, "bootstrap", null),
                Boolean.parseBoolean(take(given, "floor", "true")),
                Path.of(take(given, "output", "target/pipeline-benchmark")),
                take(given, "processor-setting", null),
                Integer.parseInt(take(given, "sender-linger-ms", "0")),
                take(given, "broker-setting", null),
                Short.parseShort(take(given, "transaction-version",
                        Short.toString(BrokerFeatures.REQUIRED_TRANSACTION_VERSION))),
                Boolean.parseBoolean(take(given, "saturation", "false")) ? new Steps(
                        Double.parseDouble(take(given, "step-factor", "1.25")),
                        Duration.ofSeconds(Long.parseLong(take(given, "settle-seconds", "3"))),
                        Duration.ofSeconds(Long.parseLong(take(given, "step-seconds", "10"))),
                        Integer.parseInt(take(given, "max-steps", "20"))) : null);
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown options: " + given.keySet());
        }
        if (options.rate <= 0 || options.accounts <= 0 || options.symbols <= 0 || options.symbols > OrderFlow.MAX_SYMBOLS) {
            throw new IllegalArgumentException("rate and accounts must be positive, symbols 1.." + OrderFlow.MAX_SYMBOLS);
        }
        if (options.steps != null && (options.steps.factor <= 1 || options.steps.hold.isZero() || options.steps.maxSteps <= 0)) {
            throw new IllegalArgumentException("step-factor must be above 1, step-seconds and max-steps positive");
        }
        return options;
    }

    private static String take(Map<String, String> given, String name, String fallback) {
        String value = given.remove(name);
        return value == null ? fallback : value;
    }

    /** The {@code name=value} pairs of {@link #processorSetting}, in order; empty for none. */
    List<String> processorSettings() {
        return settings(processorSetting);
    }

    /** The {@code name=value} pairs of {@link #brokerSetting}, in order; empty for none. */
    List<String> brokerSettings() {
        return settings(brokerSetting);
    }

    /** Whether the services or the broker run with anything the caller changed, so results are kept apart. */
    boolean hasExtraSettings() {
        return processorSetting != null || brokerSetting != null
                || transactionVersion != BrokerFeatures.REQUIRED_TRANSACTION_VERSION;
    }

    private static List<String> settings(String joined) {
        return joined == null ? List.of()
                : Arrays.stream(joined.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The longest the sender runs: warm-up and measurement, or warm-up and every step. */
    Duration sendingTime() {
        return steps == null ? warmup.plus(duration)
                : warmup.plus(steps.settle.plus(steps.hold).multipliedBy(steps.maxSteps));
    }

    /** Commands sent in warm-up plus measurement: sizes the per-order bookkeeping. */
    long totalCommands() {
        return (long) rate * (warmup.toSeconds() + duration.toSeconds());
    }
}
