package io.rtx.chaos;

import io.rtx.events.AccountCommandMessage;
import io.rtx.events.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything one run needs, started in dependency order and stopped in reverse: brokers, PostgreSQL,
 * Redis, the three services, the checker's reader and the order flow. Accounts and instruments are
 * seeded once; the experiments then run one after another on the same system, and each check covers
 * the whole history so far (a later experiment cannot hide damage done by an earlier one).
 */
final class Environment implements AutoCloseable {

    final SuiteOptions options;
    final Ports ports;
    final Market market;
    KafkaCluster kafka;
    PostgresServer postgres;
    RedisControl redis;
    ServiceFleet services;
    TopicRecorder recorder;
    OrderFlow flow;

    Environment(SuiteOptions options) {
        this.options = options;
        this.ports = new Ports(options.basePort());
        this.market = new Market(options.accounts());
    }

    Environment start() throws Exception {
        // A run starts from nothing: data kept from an earlier run (an older schema) would not be this one's.
        deleteRecursively(options.workDir());
        Path work = Files.createDirectories(options.workDir());
        log("work directory " + work);
        kafka = new KafkaCluster(options.brokers(), ports, work, JavaLauncher.moduleClasspath(options.moduleDir()));
        kafka.start();
        kafka.provisionTopics(options.partitions());
        log(options.brokers() + " broker(s) up at " + kafka.bootstrap());
        postgres = new PostgresServer(ports.postgres(), work.resolve("postgres-data")).start();
        ProcessReaper.closeOnExit(postgres);
        redis = new RedisControl(ports.redis()).start();
        ProcessReaper.closeOnExit(redis);
        log("PostgreSQL on " + ports.postgres() + ", Redis on " + ports.redis());
        services = new ServiceFleet(options, ports, kafka, work).startAll();
        log("risk, matching and ledger ready");
        recorder = new TopicRecorder(kafka.bootstrap());
        flow = new OrderFlow(kafka.bootstrap(), market, options.seed());
        seed();
        return this;
    }

    /** Instruments, then OPEN and DEPOSIT per account; waits until risk has applied every one. */
    private void seed() {
        market.instruments.forEach((symbol, instrument) -> flow.send(Topics.INSTRUMENTS, symbol, instrument));
        var funding = market.fundingCommands(System.currentTimeMillis());
        for (AccountCommandMessage command : funding) {
            flow.send(Topics.ACCOUNT_COMMANDS, Long.toString(command.accountId()), command);
        }
        flow.flush();
        Await.until(Duration.ofSeconds(120), "accounts funded", () -> recorder.snapshot().accountEvents().stream()
                .filter(e -> e.accepted() && e.accountId() != Market.FEE_ACCOUNT).count() >= funding.size());
        log("seeded " + market.instruments.size() + " instruments and " + market.accounts + " funded accounts");
    }

    static void log(String message) {
        System.out.printf("[chaos %tT] %s%n", System.currentTimeMillis(), message);
    }

    @Override
    public void close() throws Exception {
        if (flow != null) {
            flow.close();
        }
        if (recorder != null) {
            recorder.close();
        }
        if (services != null) {
            services.close();
        }
        if (redis != null) {
            redis.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
