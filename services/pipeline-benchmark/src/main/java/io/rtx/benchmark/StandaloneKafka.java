package io.rtx.benchmark;

import io.rtx.events.BrokerFeatures;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft broker (broker and controller in one process) in its own JVM, started from
 * the {@code kafka_2.13} jars on this JVM's classpath, listening only on 127.0.0.1. A separate process
 * keeps the broker's threads and garbage collector out of the measured JVM, as in production.
 *
 * <p>Its storage is formatted with a chosen {@code transaction.version}, checked once it is up. It exposes its
 * own JMX on a local port, unauthenticated, so {@link BrokerMetrics} can read its request and record counters.
 *
 * <p>{@link #close()} stops the process and deletes its directory; a shutdown hook does the same if
 * the benchmark is interrupted (Ctrl-C), so no broker or temp dir outlives a run.
 */
final class StandaloneKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StandaloneKafka.class);
    /** The options Kafka's own start script gives a broker (kafka-run-class.sh), with a fixed 1 GiB heap. */
    private static final List<String> BROKER_JVM_OPTIONS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC",
            "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent",
            "-Djava.awt.headless=true");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path directory;
    private final String bootstrap;
    private final int jmxPort;
    private final Thread shutdownHook;
    private Process process;

    private StandaloneKafka(Path directory, String bootstrap, int jmxPort) {
        this.directory = directory;
        this.bootstrap = bootstrap;
        this.jmxPort = jmxPort;
        this.shutdownHook = new Thread(this::stop, "stop-kafka");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * @param extraSettings      more {@code server.properties} lines ({@code name=value}); they win over the defaults
     * @param transactionVersion the {@code transaction.version} to format the storage with
     */
    static StandaloneKafka start(int partitions, List<String> extraSettings, short transactionVersion) throws Exception {
        Path directory = Files.createTempDirectory("rtx-benchmark-kafka-");
        int port = freePort();
        int controllerPort = freePort();
        StandaloneKafka kafka = new StandaloneKafka(directory, "127.0.0.1:" + port, freePort());
        try {
            Path config = kafka.writeConfig(port, controllerPort, partitions, extraSettings);
            kafka.format(config, transactionVersion);
            kafka.launch(config);
            kafka.awaitReady(port, transactionVersion);
            return kafka;
        } catch (Exception e) {
            kafka.close();
            throw e;
        }
    }

    String bootstrap() {
        return bootstrap;
    }

    long pid() {
        return process.pid();
    }

    int jmxPort() {
        return jmxPort;
    }

    private Path writeConfig(int port, int controllerPort, int partitions, List<String> extraSettings) throws IOException {
        String properties = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + directory.resolve("data"),
                "num.partitions=" + partitions,
                // One broker: every internal topic has one replica and needs only itself in sync.
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                // No reason to wait for more members: each group here has exactly one.
                "group.initial.rebalance.delay.ms=0",
                // Later lines win: Properties keeps the last value of a repeated key.
                String.join("\n", extraSettings),
                "");
        Path config = directory.resolve("server.properties");
        Files.writeString(config, properties);
        return config;
    }

    /** {@code kafka-storage.sh format}: StorageTool ends with System.exit, hence its own short-lived JVM. */
    private void format(Path config, short transactionVersion) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()));
        // By default exactly the features RTX formats its own storage with; another version only to compare.
        args.addAll(transactionVersion == BrokerFeatures.REQUIRED_TRANSACTION_VERSION ? BrokerFeatures.formatArguments()
                : List.of("--feature", BrokerFeatures.TRANSACTION_VERSION + "=" + transactionVersion));
        Process format = java(List.of(), "kafka.tools.StorageTool", args.toArray(String[]::new))
                .redirectOutput(directory.resolve("format.log").toFile()).start();
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IllegalStateException("kafka storage format failed: " + tail(directory.resolve("format.log")));
        }
    }

    private void launch(Path config) throws IOException {
        List<String> jvmOptions = new ArrayList<>(BROKER_JVM_OPTIONS);
        // JMX on 127.0.0.1 only, registry and objects on one port, so only this machine can read (or change) it.
        jvmOptions.addAll(List.of("-Dcom.sun.management.jmxremote.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.local.only=true",
                "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dcom.sun.management.jmxremote.authenticate=false",
                "-Dcom.sun.management.jmxremote.ssl=false"));
        process = java(jvmOptions, "kafka.Kafka", config.toString())
                .redirectOutput(directory.resolve("broker.log").toFile()).start();
        log.info("kafka broker pid {} on {}, JMX on 127.0.0.1:{} (log {})", process.pid(), bootstrap, jmxPort,
                directory.resolve("broker.log"));
    }

    /**
     * Waits for the port to accept connections (silently), then for the broker to answer a metadata request, then
     * checks that the storage was formatted as asked: a run on another transaction version would measure another protocol.
     */
    private void awaitReady(int port, short transactionVersion) throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!accepts(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("kafka broker did not start: " + tail(directory.resolve("broker.log")));
            }
            Thread.sleep(200);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.describeCluster().nodes().get();
            short finalized = BrokerFeatures.finalizedTransactionVersion(admin);
            if (finalized != transactionVersion) {
                throw new IllegalStateException(BrokerFeatures.TRANSACTION_VERSION + " is finalized at " + finalized
                        + ", the run asked for " + transactionVersion);
            }
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private ProcessBuilder java(List<String> jvmOptions, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run: nothing left to remove
        }
    }

    /** Asks the broker to stop (SIGTERM: a clean shutdown), kills it after 20 s, then deletes its files. */
    private synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        TempDirectory.deleteRecursively(directory);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
