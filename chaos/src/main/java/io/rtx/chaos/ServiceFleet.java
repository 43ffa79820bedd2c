package io.rtx.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Risk, matching and ledger, each a {@code java -jar} of its exec jar configured only through the
 * standard properties the chart sets. State directories persist across kills (as the chart's
 * persistent volumes do), so a restart exercises the real recovery path: Kafka Streams finds no
 * clean-shutdown checkpoint under exactly-once, wipes the store and restores it from the changelog.
 */
final class ServiceFleet implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(300);

    private final Map<Service, ManagedProcess> processes = new EnumMap<>(Service.class);
    private final Ports ports;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ServiceFleet(SuiteOptions options, Ports ports, KafkaCluster kafka, Path workDir) throws IOException {
        this.ports = ports;
        for (Service service : Service.values()) {
            Path jar = service.execJar(options.repositoryRoot());
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: build it with mvn -pl chaos -am package -DskipTests");
            }
            List<String> args = new ArrayList<>(List.of("-jar", jar.toString(),
                    "--spring.kafka.bootstrap-servers=" + kafka.bootstrap(),
                    "--server.port=" + ports.service(service),
                    "--rtx.kafka.partitions=" + options.partitions(),
                    "--rtx.kafka.replication-factor=" + kafka.replicationFactor(),
                    "--rtx.kafka.min-insync-replicas=" + kafka.minInSyncReplicas()));
            if (service.isStreamsProcessor()) {
                String streams = "--spring.cloud.stream.kafka.streams.binder.configuration.";
                args.add("--rtx.streams.state-dir=" + Files.createDirectories(workDir.resolve("state-" + service.id)));
                if (options.sessionTimeoutMs() > 0) {
                    args.add(streams + "session.timeout.ms=" + options.sessionTimeoutMs());
                }
            } else {
                String jdbc = "//127.0.0.1:" + ports.postgres() + "/" + PostgresServer.DATABASE;
                args.addAll(List.of("--spring.r2dbc.url=r2dbc:postgresql:" + jdbc,
                        "--spring.r2dbc.username=" + PostgresServer.USER, "--spring.r2dbc.password=",
                        "--spring.flyway.url=jdbc:postgresql:" + jdbc,
                        "--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + ports.redis()));
                if (options.sessionTimeoutMs() > 0) {
                    args.add("--spring.kafka.consumer.properties.session.timeout.ms=" + options.sessionTimeoutMs());
                }
            }
            processes.put(service, new ManagedProcess(service.id, JavaLauncher.command(options.serviceHeap(), args),
                    workDir.resolve(service.id + ".log")));
        }
    }

    /** Starts all three and waits for each to be ready (risk first: it owns the order path's entry). */
    ServiceFleet startAll() throws IOException {
        for (Service service : Service.values()) {
            processes.get(service).start();
        }
        for (Service service : Service.values()) {
            awaitReady(service);
        }
        return this;
    }

    void kill(Service service) {
        processes.get(service).kill();
    }

    void start(Service service) throws IOException {
        processes.get(service).start();
    }

    boolean isAlive(Service service) {
        return processes.get(service).isAlive();
    }

    /** Readiness as the chart's probe sees it ({@code /actuator/health/readiness} answering 200). */
    void awaitReady(Service service) {
        URI uri = URI.create("http://127.0.0.1:" + ports.service(service) + "/actuator/health/readiness");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!processes.get(service).isAlive()) {
                throw new IllegalStateException(service.id + " exited during start-up; see " + processes.get(service).log());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            Sleep.millis(500);
        }
        throw new IllegalStateException(service.id + " not ready after " + READY_TIMEOUT + "; see "
                + processes.get(service).log());
    }

    @Override
    public void close() {
        for (Service service : Service.values()) {
            processes.get(service).stop(30);
        }
    }
}
