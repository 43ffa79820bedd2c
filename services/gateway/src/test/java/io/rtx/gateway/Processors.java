package io.rtx.gateway;

import io.rtx.matching.MatchingApplication;
import io.rtx.risk.RiskApplication;
import io.rtx.testkafka.OwnNettyResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

/** The real risk and matching processors, in this JVM, on the test broker; closed with the test context. */
final class Processors implements AutoCloseable {

    private final EmbeddedKafkaBroker broker;
    private final Path state;
    private ConfigurableApplicationContext risk;
    private final ConfigurableApplicationContext matching;

    Processors(EmbeddedKafkaBroker broker) throws IOException {
        this.broker = broker;
        this.state = Files.createTempDirectory("rtx-gateway-test-state");
        this.risk = start(RiskApplication.builder(), broker, state.resolve("risk"));
        this.matching = start(MatchingApplication.builder(), broker, state.resolve("matching"));
        awaitRunning(risk);
        awaitRunning(matching);
    }

    /**
     * Risk stops processing (it stays in its consumer group, so nothing rebalances) until
     * {@link #resumeRisk()}: orders and account commands get no decision meanwhile, as when risk is down.
     */
    void pauseRisk() {
        streamsOf(risk).forEach(KafkaStreams::pause);
    }

    void resumeRisk() {
        streamsOf(risk).forEach(KafkaStreams::resume);
    }

    /**
     * Stops risk and starts it again on an empty state directory, as on a new node: its stores come back
     * from their changelogs only.
     */
    void restartRiskWithoutLocalState() throws IOException {
        risk.close();
        risk = start(RiskApplication.builder(), broker, Files.createTempDirectory(state, "risk-restarted"));
        awaitRunning(risk);
    }

    /** True while both processors' Streams instances run: a record that stops a global thread stops its instance. */
    boolean running() {
        return Stream.of(risk, matching).flatMap(app -> streamsOf(app).stream())
                .allMatch(streams -> streams.state() == KafkaStreams.State.RUNNING);
    }

    private static List<KafkaStreams> streamsOf(ConfigurableApplicationContext app) {
        return app.getBeansOfType(StreamsBuilderFactoryBean.class).values().stream()
                .map(StreamsBuilderFactoryBean::getKafkaStreams).toList();
    }

    /** Commands sent before the Streams instance runs would only be answered after the tests' timeouts. */
    private static void awaitRunning(ConfigurableApplicationContext app) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            var factories = app.getBeansOfType(StreamsBuilderFactoryBean.class).values();
            if (!factories.isEmpty() && factories.stream().allMatch(f -> f.getKafkaStreams() != null
                    && f.getKafkaStreams().state() == KafkaStreams.State.RUNNING)) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException(app.getId() + " did not reach RUNNING");
    }

    private static ConfigurableApplicationContext start(SpringApplicationBuilder app, EmbeddedKafkaBroker broker,
                                                        Path stateDir) throws IOException {
        List<String> args = new ArrayList<>(Infrastructure.serviceArgs(broker));
        args.add("--rtx.streams.state-dir=" + Files.createDirectories(stateDir));
        return app.initializers(new OwnNettyResources()).run(args.toArray(String[]::new));
    }

    @Override
    public void close() {
        matching.close();
        risk.close();
    }
}
