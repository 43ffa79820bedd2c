package io.rtx.local;

import io.rtx.gateway.GatewayApplication;
import io.rtx.ledger.LedgerApplication;
import io.rtx.matching.MatchingApplication;
import io.rtx.risk.RiskApplication;
import io.rtx.testkafka.OwnNettyResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole pipeline on this machine with nothing installed: a KRaft broker, PostgreSQL and Redis
 * (real servers, embedded), then the ledger, risk, matching and gateway services against them, each
 * configured exactly as in production (standard Spring properties). Seeds demo data, prints how to
 * use it, and stops everything on Ctrl-C.
 *
 * <p>Ports: gateway 7999, risk 8081, matching 8082, ledger 8083, Kafka 9092, PostgreSQL 5432,
 * Redis 6379; override with -Drtx.local.&lt;name&gt;-port=N (N = 0 picks a free port).
 */
public final class LocalStack implements AutoCloseable {

    private final LocalInfrastructure infrastructure;
    private final Path stateDir;
    private final List<ConfigurableApplicationContext> services = new ArrayList<>();
    private final String bootstrapKey = "local-bootstrap." + HexFormat.of().formatHex(new SecureRandom().generateSeed(24));

    LocalStack(LocalInfrastructure infrastructure, Path stateDir) {
        this.infrastructure = infrastructure;
        this.stateDir = stateDir;
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        LocalStack stack = start(port("kafka", 9092), port("postgres", 5432), port("redis", 6379),
                port("gateway", 7999));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "rtx-local-shutdown"));
        DemoData.Seeded seeded;
        try {
            seeded = new DemoData(stack.gatewayUrl(), stack.bootstrapKey())
                    .seed(Integer.getInteger("rtx.local.load-traders", 20));
        } catch (Exception e) {
            // A stack that runs but was never seeded would mislead: stop everything and say why.
            System.err.println("rtx-local: seeding failed, stopping: " + e);
            System.exit(1);
            return;
        }
        Path accounts = stack.writeAccounts(seeded);
        System.out.println(LocalStackBanner.render(stack, seeded, accounts, (System.nanoTime() - started) / 1_000_000));
        stopped.await();
    }

    /** Starts infrastructure and services; the caller closes the stack. */
    public static LocalStack start(int kafkaPort, int postgresPort, int redisPort, int gatewayPort) throws Exception {
        Path stateDir = Files.createTempDirectory("rtx-local-");
        LocalStack stack = new LocalStack(new LocalInfrastructure(kafkaPort, postgresPort, redisPort), stateDir);
        try {
            stack.infrastructure.start(6);
            stack.run(LedgerApplication.builder(), port("ledger", 8083));
            stack.run(RiskApplication.builder(), port("risk", 8081));
            stack.run(MatchingApplication.builder(), port("matching", 8082));
            stack.run(GatewayApplication.builder(), gatewayPort,
                    "rtx.admin.bootstrap-key=" + stack.bootstrapKey, "rtx.gateway.node-id=1");
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    private void run(SpringApplicationBuilder service, int port, String... extra) throws Exception {
        // Command-line arguments, so they override each service's own configuration file.
        List<String> properties = new ArrayList<>(List.of(
                "server.port=" + port,
                "spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrap(),
                "rtx.kafka.partitions=6",
                "rtx.streams.state-dir=" + Files.createDirectories(stateDir.resolve(Integer.toString(port))),
                "spring.r2dbc.url=" + infrastructure.r2dbcUrl(),
                "spring.r2dbc.username=" + LocalInfrastructure.DATABASE_USER,
                "spring.flyway.url=" + infrastructure.jdbcUrl(),
                "spring.flyway.user=" + LocalInfrastructure.DATABASE_USER,
                "spring.data.redis.host=127.0.0.1",
                "spring.data.redis.port=" + infrastructure.redisPort,
                "logging.level.org.apache.kafka=WARN",
                "logging.level.kafka=WARN",
                "logging.level.org.apache.kafka.streams.kstream.internals.KTableSource=ERROR"));
        properties.addAll(List.of(extra));
        services.add(service.initializers(new OwnNettyResources()).run(properties.stream().map(p -> "--" + p).toArray(String[]::new)));
    }

    /**
     * Every seeded trader as CSV (accountId,apiKey) for load tests, next to the admin key; replaced at
     * each start. Kept in the working directory's {@code target/} so it is never committed.
     */
    Path writeAccounts(DemoData.Seeded seeded) throws java.io.IOException {
        Path file = Path.of(System.getProperty("rtx.local.accounts-file", "target/rtx-local-accounts.csv"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        List<String> lines = new ArrayList<>(List.of("accountId,apiKey"));
        java.util.stream.Stream.concat(seeded.traders().stream(), seeded.loadTraders().stream())
                .forEach(t -> lines.add(t.accountId() + "," + t.apiKey()));
        Files.write(file, lines);
        Files.writeString(file.resolveSibling("rtx-local-admin.key"), seeded.adminKey() + "\n");
        return file.toAbsolutePath();
    }

    public String gatewayUrl() {
        return url(service("rtx-gateway"));
    }

    /** The bootstrap ADMIN key this stack's gateway accepts, made anew at each start. */
    public String bootstrapKey() {
        return bootstrapKey;
    }

    /** A running service by its {@code spring.application.name} (rtx-ledger, rtx-risk, rtx-matching, rtx-gateway). */
    ConfigurableApplicationContext service(String application) {
        return services.stream()
                .filter(s -> application.equals(s.getEnvironment().getProperty("spring.application.name")))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no service " + application));
    }

    static String url(ConfigurableApplicationContext service) {
        return "http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port");
    }

    LocalInfrastructure infrastructure() {
        return infrastructure;
    }

    private static int port(String name, int fallback) {
        return Integer.getInteger("rtx.local." + name + "-port", fallback);
    }

    /** Services first (newest first), then the servers, then the state directory. */
    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        services.clear();
        try {
            infrastructure.close();
            try (var paths = Files.walk(stateDir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (Exception e) {
            System.err.println("rtx-local: cleanup failed: " + e);
        }
    }
}
