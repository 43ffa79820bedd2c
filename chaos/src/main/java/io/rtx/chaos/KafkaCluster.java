package io.rtx.chaos;

import io.rtx.events.BrokerFeatures;
import io.rtx.events.TopicProvisioning;
import io.rtx.events.TopicSettings;
import io.rtx.events.Topics;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * Real KRaft brokers, each its own JVM running {@code kafka.Kafka} from the kafka_2.13 jars.
 * Every node is a combined broker+controller and all of them are voters: with three nodes the
 * controller quorum survives one loss, and killing the active controller also kills a broker, the
 * harder of the two cases. Data directories persist across kills, as a pod's volume would.
 */
final class KafkaCluster implements AutoCloseable {

    private final int size;
    private final Ports ports;
    private final Path root;
    private final String classpath;
    private final List<ManagedProcess> nodes = new ArrayList<>();

    KafkaCluster(int size, Ports ports, Path root, String classpath) {
        this.size = size;
        this.ports = ports;
        this.root = root;
        this.classpath = classpath;
    }

    int size() {
        return size;
    }

    int replicationFactor() {
        return Math.min(size, 3);
    }

    int minInSyncReplicas() {
        return size >= 3 ? 2 : 1;
    }

    String bootstrap() {
        return IntStream.rangeClosed(1, size).mapToObj(n -> "127.0.0.1:" + ports.broker(n)).collect(Collectors.joining(","));
    }

    KafkaCluster start() throws IOException, InterruptedException {
        String clusterId = Uuid.randomUuid().toString();
        for (int node = 1; node <= size; node++) {
            Path config = writeConfig(node);
            Path log = root.resolve("broker-" + node + ".log");
            List<String> formatCommand = new ArrayList<>(List.of(
                    "-cp", classpath, "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString()));
            formatCommand.addAll(BrokerFeatures.formatArguments());
            ManagedProcess format = new ManagedProcess("format-" + node, JavaLauncher.command("256m", formatCommand), log);
            format.start();
            awaitExit(format, "formatting broker " + node);
            nodes.add(new ManagedProcess("broker-" + node, JavaLauncher.command("512m", List.of(
                    "-cp", classpath, "kafka.Kafka", config.toString())), log));
        }
        for (ManagedProcess node : nodes) {
            node.start();
        }
        for (int node = 1; node <= size; node++) {
            awaitPort(ports.broker(node), Duration.ofSeconds(60));
        }
        try (Admin admin = admin()) {
            BrokerFeatures.requireTransactionsV2(admin);
        }
        return this;
    }

    void kill(int node) {
        nodes.get(node - 1).kill();
    }

    void restart(int node) throws IOException {
        nodes.get(node - 1).start();
        awaitPort(ports.broker(node), Duration.ofSeconds(60));
    }

    /** The node id of the active controller, asked from the quorum itself. */
    int activeController() throws ExecutionException, InterruptedException {
        try (Admin admin = admin()) {
            return admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS).leaderId();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("no controller answered within 30 s", e);
        }
    }

    /** Waits until every partition of every topic has its full replica set in sync again. */
    void awaitFullyReplicated(Duration timeout) {
        try (Admin admin = admin()) {
            Await.until(timeout, "every partition fully in sync", () -> {
                try {
                    var names = admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true))
                            .names().get(30, TimeUnit.SECONDS);
                    return admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                            .flatMap(t -> t.partitions().stream())
                            .allMatch(p -> p.isr().size() == p.replicas().size());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                } catch (ExecutionException | java.util.concurrent.TimeoutException notYet) {
                    return false;
                }
            });
        }
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000));
    }

    /** RTX's topics up front, the way the services provision them, so no service races another to create them. */
    void provisionTopics(int partitions) {
        try (Admin admin = admin()) {
            new TopicProvisioning(Topics.specs(new TopicSettings(partitions, replicationFactor(), minInSyncReplicas())))
                    .provision(admin);
        }
    }

    private Path writeConfig(int node) throws IOException {
        Path dir = Files.createDirectories(root.resolve("broker-" + node));
        String voters = IntStream.rangeClosed(1, size).mapToObj(n -> n + "@127.0.0.1:" + ports.controller(n))
                .collect(Collectors.joining(","));
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(node));
        p.setProperty("controller.quorum.voters", voters);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + ports.broker(node) + ",CONTROLLER://127.0.0.1:" + ports.controller(node));
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + ports.broker(node));
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dir.resolve("data").toString());
        p.setProperty("num.partitions", "3");
        p.setProperty("default.replication.factor", Integer.toString(replicationFactor()));
        p.setProperty("min.insync.replicas", Integer.toString(minInSyncReplicas()));
        p.setProperty("offsets.topic.replication.factor", Integer.toString(replicationFactor()));
        p.setProperty("offsets.topic.num.partitions", "6");
        p.setProperty("transaction.state.log.replication.factor", Integer.toString(replicationFactor()));
        p.setProperty("transaction.state.log.min.isr", Integer.toString(minInSyncReplicas()));
        p.setProperty("transaction.state.log.num.partitions", "6");
        p.setProperty("unclean.leader.election.enable", "false");
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "2");
        p.setProperty("background.threads", "2");
        Path file = dir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(file)) {
            p.store(out, "RTX chaos broker " + node);
        }
        return file;
    }

    private static void awaitExit(ManagedProcess process, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (process.isAlive()) {
            if (System.nanoTime() > deadline) {
                process.kill();
                throw new IllegalStateException(what + " did not finish in 60 s; see " + process.log());
            }
            Thread.sleep(100);
        }
    }

    static void awaitPort(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("nothing listens on port " + port + " after " + timeout);
                }
                Sleep.millis(200);
            }
        }
    }

    @Override
    public void close() {
        // Graceful first so the next run's format finds clean logs; a stuck broker is killed.
        nodes.forEach(n -> n.stop(20));
    }
}
