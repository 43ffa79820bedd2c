package io.rtx.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a run can be told: which experiments, how many faults each, the order rate and the
 * timings. Parsed from {@code --name=value} arguments; see {@link #USAGE}.
 */
record SuiteOptions(List<String> experiments, int faults, int rate, int warmupSeconds, int intervalSeconds,
                    int downtimeSeconds, int outageSeconds, int brokers, int partitions, int accounts, long seed,
                    int basePort, Path workDir, Path moduleDir, int sessionTimeoutMs, String serviceHeap,
                    int settleTimeoutSeconds) {

    static final String USAGE = """
            usage: chaos/run.sh [--all | --experiments=a,b,...] [options]
              experiments: %s
                (name:N gives one experiment its own fault count, e.g. matching-kill:2)
              --faults=N               faults per experiment (default 3)
              --rate=N                 order commands per second (default 200)
              --warmup-seconds=N       flow before the first fault (default 10)
              --interval-seconds=N     flow after each recovery before the next fault (default 15)
              --downtime-seconds=N     kill -9 -> restart delay for services and brokers (default 5)
              --outage-seconds=N       PostgreSQL / Redis down time (default 60)
              --brokers=N              1 or 3 (default: 3 if a broker experiment is selected, else 1)
              --partitions=N           partitions per topic (default 3)
              --accounts=N             trading accounts (default 6)
              --seed=N                 order-flow seed (default 42)
              --base-port=N            first loopback port used (default 29000)
              --work-dir=PATH          logs, state, data (default chaos/target/chaos-run-<time>)
              --session-timeout-ms=N   consumer session timeout of the services; 0 = their default (default 10000)
              --service-heap=SIZE      -Xmx of each service JVM (default 384m)
              --settle-timeout-seconds=N  how long the checks wait once nothing moves any more (default 120)
            """.formatted(String.join(",", Experiments.ALL));

    static SuiteOptions parse(String... args) {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg + "\n" + USAGE);
            }
            int eq = arg.indexOf('=');
            a.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
        }
        List<String> experiments = a.containsKey("experiments")
                ? Arrays.stream(a.remove("experiments").split(",")).map(String::trim).toList()
                : Experiments.DEFAULT;
        a.remove("all");
        experiments.forEach(Experiments::check);
        boolean needsCluster = experiments.stream().anyMatch(Experiments::needsCluster);
        Path moduleDir = locateModuleDir();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        SuiteOptions o = new SuiteOptions(experiments,
                integer(a, "faults", 3), integer(a, "rate", 200), integer(a, "warmup-seconds", 10),
                integer(a, "interval-seconds", 15), integer(a, "downtime-seconds", 5), integer(a, "outage-seconds", 60),
                integer(a, "brokers", needsCluster ? 3 : 1), integer(a, "partitions", 3), integer(a, "accounts", 6),
                Long.parseLong(a.getOrDefault("seed", "42")), integer(a, "base-port", 29000),
                Path.of(a.getOrDefault("work-dir", moduleDir.resolve("target/chaos-run-" + stamp).toString())).toAbsolutePath(),
                moduleDir, integer(a, "session-timeout-ms", 10_000), a.getOrDefault("service-heap", "384m"),
                integer(a, "settle-timeout-seconds", 120));
        List.of("faults", "rate", "warmup-seconds", "interval-seconds", "downtime-seconds", "outage-seconds", "brokers",
                "partitions", "accounts", "seed", "base-port", "work-dir", "session-timeout-ms", "service-heap",
                "settle-timeout-seconds").forEach(a::remove);
        if (!a.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + a.keySet() + "\n" + USAGE);
        }
        if (needsCluster && o.brokers < 3) {
            throw new IllegalArgumentException("broker experiments need --brokers=3");
        }
        if (o.brokers != 1 && o.brokers != 3) {
            throw new IllegalArgumentException("--brokers must be 1 or 3");
        }
        return o;
    }

    private static int integer(Map<String, String> a, String name, int fallback) {
        return a.containsKey(name) ? Integer.parseInt(a.get(name)) : fallback;
    }

    /** The chaos module directory: given by surefire, or found from the working directory. */
    static Path locateModuleDir() {
        String given = System.getProperty("rtx.chaos.module-dir");
        if (given != null) {
            return Path.of(given).toAbsolutePath();
        }
        Path cwd = Path.of("").toAbsolutePath();
        if (Files.exists(cwd.resolve("chaos/pom.xml"))) {
            return cwd.resolve("chaos");
        }
        if (cwd.getFileName().toString().equals("chaos") && Files.exists(cwd.resolve("pom.xml"))) {
            return cwd;
        }
        throw new IllegalStateException("run from the repository root or chaos/ (or set -Drtx.chaos.module-dir)");
    }

    Path repositoryRoot() {
        return moduleDir.getParent();
    }
}
