package io.rtx.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.rtx.engine.testing.Instruments;
import io.rtx.events.AccountCommandMessage;
import io.rtx.events.AccountStateMessage;
import io.rtx.events.InstrumentMessage;
import io.rtx.events.JsonSerde;
import io.rtx.events.Message;
import io.rtx.events.OrderCommandMessage;
import io.rtx.events.Topics;
import io.rtx.ledger.LedgerApplication;
import io.rtx.matching.MatchingApplication;
import io.rtx.risk.RiskApplication;
import io.rtx.testkafka.BrokerPerTestClass;
import io.rtx.testkafka.OwnNettyResources;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import redis.embedded.RedisServer;

/**
 * The disaster-recovery drill of docs/disaster-recovery.md, on real servers: a KRaft broker, PostgreSQL 15,
 * Redis, and the real risk, matching and ledger applications.
 *
 * <ol>
 *   <li>Orders flow steadily; while the ledger keeps writing, {@code docker/dr/backup.sh} takes a pg_dump.</li>
 *   <li>The flow goes on; then the disaster: the ledger stops and the database is dropped.</li>
 *   <li>Recovery as the runbook says: the {@code rtx-ledger} group is rewound to the earliest offsets (what
 *       {@code restore.sh} does with kafka-consumer-groups; no Kafka CLI here, so the same AdminClient call),
 *       {@code docker/dr/restore.sh} restores the dump, the ledger starts again and catches up from Kafka.</li>
 *   <li>A clean replay: the operator's rebuild command ({@code rtx-ledger-exec.jar --rtx.ledger.rebuild=true})
 *       into a second, empty database with its own group; every projection table of the restored database
 *       must equal it row for row, every column.</li>
 * </ol>
 * Prints backup duration and size, restore duration, catch-up and total recovery time.
 */
class DisasterRecoveryTest {

    @RegisterExtension
    static final BrokerPerTestClass KAFKA = new BrokerPerTestClass(3);

    private static final String SYMBOL = "BTC-USD";
    private static final int ACCOUNTS = 8;
    private static final String DATABASE = "rtx";
    private static final String REPLAY_DATABASE = "rtx_replay";
    private static final String GROUP = "rtx-ledger";
    private static final String REPLAY_GROUP = "rtx-ledger-replay";
    private static final Path SCRIPTS = Path.of("../../docker/dr").toAbsolutePath().normalize();
    private static final Path LEDGER_EXEC_JAR = Path.of("../ledger/target/rtx-ledger-exec.jar").toAbsolutePath()
            .normalize();

    @TempDir
    Path work;

    private final AtomicLong clock = new AtomicLong();
    private final AtomicLong nextOrderId = new AtomicLong(1_000);
    private final Random random = new Random(7);
    private EmbeddedPostgres postgres;
    private int redisPort;
    private String brokers;
    private KafkaProducer<String, byte[]> producer;

    @Test
    void backupUnderLoadRestoreAndCatchUpEqualsACleanReplayFromKafka() throws Exception {
        brokers = KAFKA.broker().getBrokersAsString();
        postgres = EmbeddedPostgres.builder().start();
        redisPort = freePort();
        RedisServer redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1")
                .setting("save \"\"").setting("appendonly no").build();
        redis.start();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new ByteArraySerializer());
        ScheduledExecutorService flow = Executors.newSingleThreadScheduledExecutor();
        List<AutoCloseable> apps = new ArrayList<>();
        DrLedgerProgress progress = new DrLedgerProgress(brokers);
        DrTables db = new DrTables(postgres);
        try {
            db.execute("postgres", "CREATE DATABASE " + DATABASE);
            ConfigurableApplicationContext risk = start(RiskApplication.builder(),
                    "--rtx.streams.state-dir=" + stateDir("risk"));
            apps.add(risk);
            apps.add(start(MatchingApplication.builder(), "--rtx.streams.state-dir=" + stateDir("matching")));
            ConfigurableApplicationContext ledger = start(LedgerApplication.builder(), ledgerArgs(DATABASE, GROUP, 0, false));

            // Seed: the instrument and funded accounts, then a steady flow of orders (10 a second).
            send(Topics.INSTRUMENTS, SYMBOL, InstrumentMessage.of(Instruments.BTC_USD));
            for (long account = 1; account <= ACCOUNTS; account++) {
                account(AccountCommandMessage.Kind.OPEN, account, null, null);
                account(AccountCommandMessage.Kind.DEPOSIT, account, "USD", "10000000");
                account(AccountCommandMessage.Kind.DEPOSIT, account, "BTC", "1000");
            }
            producer.flush();
            await(Duration.ofSeconds(90), "accounts to be projected",
                    () -> db.count(DATABASE, "SELECT count(*) FROM balances") >= 2L * ACCOUNTS);
            flow.scheduleAtFixedRate(() -> sendOrders(1), 0, 100, TimeUnit.MILLISECONDS);
            await(Duration.ofSeconds(180), "trades to be projected",
                    () -> db.count(DATABASE, "SELECT count(*) FROM trades") >= 50);
            insertGatewayRows(db, "before-backup", 9_000_001);

            // 1. Backup under load: the ledger keeps writing while pg_dump reads its snapshot.
            long eventsBeforeBackup = db.count(DATABASE, "SELECT count(*) FROM order_events");
            Path dump = work.resolve("backups/rtx-drill.dump");
            long backupStart = System.nanoTime();
            String backupOutput = script(Map.of(), "backup.sh", "-o", dump.toString());
            double backupSeconds = secondsSince(backupStart);
            long eventsAfterBackup = db.count(DATABASE, "SELECT count(*) FROM order_events");
            assertThat(backupOutput).contains("backup written: " + dump);
            assertThat(eventsAfterBackup).as("the ledger kept writing during the backup").isGreaterThan(eventsBeforeBackup);

            // 2. The flow goes on past the dump: these events exist only in Kafka and in the doomed database.
            // Risk restarts meanwhile on an empty state directory: its accounts come back from the changelog,
            // and their versions go on from there, so the ledger keeps taking them.
            long versionAtRestart = db.count(DATABASE, "SELECT max(version) FROM accounts");
            apps.remove(risk);
            risk.close();
            risk = start(RiskApplication.builder(), "--rtx.streams.state-dir=" + stateDir("risk-restarted"));
            apps.add(risk);
            await(Duration.ofSeconds(120), "the restarted risk's account states to be projected",
                    () -> db.count(DATABASE, "SELECT max(version) FROM accounts") > versionAtRestart);
            insertGatewayRows(db, "after-backup", 9_000_002);
            await(Duration.ofSeconds(120), "the ledger to project past the dump",
                    () -> db.count(DATABASE, "SELECT count(*) FROM order_events") > eventsAfterBackup + 100);

            // 3. Disaster: the ledger stops, the database is lost. Orders keep flowing into Kafka meanwhile.
            long disasterStart = System.nanoTime();
            ledger.close();
            Map<String, Long> atDisaster = db.counts(DATABASE);
            db.execute("postgres", "DROP DATABASE " + DATABASE + " WITH (FORCE)");

            // 4. Recovery, as restore.sh does it: group to earliest first, then the database from the dump.
            long restoreStart = System.nanoTime();
            progress.rewindToEarliest(GROUP);
            String restoreOutput = script(Map.of(), "restore.sh", "--skip-kafka", dump.toString());
            double restoreSeconds = secondsSince(restoreStart);
            assertThat(restoreOutput).contains("restore done: " + DATABASE);
            Map<String, Long> restored = db.counts(DATABASE);
            long catchUpStart = System.nanoTime();
            ledger = start(LedgerApplication.builder(), ledgerArgs(DATABASE, GROUP, 0, false));
            apps.add(ledger);

            // The dump is older than the committed offsets: without the rewind these rows would be lost.
            assertThat(restored.get("order_events")).isLessThan(atDisaster.get("order_events"));
            assertThat(restored.get("trades")).isLessThan(atDisaster.get("trades"));

            Thread.sleep(2_000); // live orders while the ledger catches up, then the flow stops
            flow.shutdown();
            assertThat(flow.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            producer.flush();
            DrLedgerProgress.Replay caughtUp = progress.awaitCaughtUp(GROUP, Duration.ofSeconds(300), () -> { });
            double catchUpSeconds = secondsSince(catchUpStart);
            double rtoSeconds = secondsSince(disasterStart);

            // 5. Clean replay: the operator's rebuild command into an empty database with its own group.
            db.execute("postgres", "CREATE DATABASE " + REPLAY_DATABASE);
            long rebuildStart = System.nanoTime();
            String how;
            try (AutoCloseable rebuild = startRebuild(ledgerArgs(REPLAY_DATABASE, REPLAY_GROUP, 1, true))) {
                how = rebuild instanceof DrExecJarProcess ? "java -jar " + LEDGER_EXEC_JAR : "in-process LedgerApplication";
                progress.awaitCaughtUp(REPLAY_GROUP, Duration.ofSeconds(300), () -> {
                    if (rebuild instanceof DrExecJarProcess process) {
                        process.assertAlive();
                    }
                });
            }
            double rebuildSeconds = secondsSince(rebuildStart);

            // 6. Balances are risk's, in the recovered database and in the clean replay, and are conserved.
            List<String> risksBalances = risksBalances(brokers);
            assertThat(db.balances(DATABASE)).as("recovered balances vs risk's").isEqualTo(risksBalances);
            assertThat(db.balances(REPLAY_DATABASE)).as("replayed balances vs risk's").isEqualTo(risksBalances);
            assertThat(db.count(DATABASE, "SELECT count(*) FROM balances WHERE asset = 'USD' AND "
                    + "account_id = 0")).as("fees reached the fee account").isEqualTo(1);
            for (String[] deposit : List.of(new String[] {"USD", "10000000"}, new String[] {"BTC", "1000"})) {
                assertThat(db.count(DATABASE, "SELECT (sum(available + reserved) = " + deposit[1] + " * " + ACCOUNTS
                        + ")::int FROM balances WHERE asset = '" + deposit[0] + "'"))
                        .as("%s over every account, the fee account included, equals the deposits", deposit[0])
                        .isEqualTo(1);
            }

            // 7. Every projection of the restored database equals the clean replay, every column.
            Map<String, Long> recovered = db.counts(DATABASE);
            for (String table : DrTables.PROJECTIONS.keySet()) {
                assertThat(db.dump(DATABASE, table)).as("restored %s vs a clean replay", table)
                        .isEqualTo(db.dump(REPLAY_DATABASE, table));
            }
            assertThat(recovered.get("orders")).isGreaterThan(atDisaster.get("orders"));
            assertRedisViewsEqual();
            // Not derivable from Kafka: the gateway's rows are as of the dump; later ones are lost (RPO = dump age).
            assertThat(db.count(DATABASE, "SELECT count(*) FROM api_keys WHERE key_id = 'dr-before-backup'")).isEqualTo(1);
            assertThat(db.count(DATABASE, "SELECT count(*) FROM client_orders WHERE client_order_id = 'dr-before-backup'"))
                    .isEqualTo(1);
            assertThat(db.count(DATABASE, "SELECT count(*) FROM api_keys WHERE key_id = 'dr-after-backup'")).isZero();
            assertThat(db.count(REPLAY_DATABASE, "SELECT count(*) FROM api_keys")).isZero();
            assertThat(db.count(REPLAY_DATABASE, "SELECT count(*) FROM client_orders")).isZero();
            // The runbook's last step: idempotency claims made after the dump come back from the re-projected orders.
            long claimsBefore = db.count(DATABASE, "SELECT count(*) FROM client_orders");
            db.execute(DATABASE, Files.readString(SCRIPTS.resolve("reclaim-client-orders.sql")));
            db.execute(DATABASE, Files.readString(SCRIPTS.resolve("reclaim-client-orders.sql"))); // idempotent
            assertThat(db.count(DATABASE, "SELECT count(*) FROM orders o WHERE client_order_id IS NOT NULL AND NOT "
                    + "EXISTS (SELECT 1 FROM client_orders c WHERE c.account_id = o.account_id "
                    + "AND c.client_order_id = o.client_order_id)")).isZero();
            long claimsAfter = db.count(DATABASE, "SELECT count(*) FROM client_orders");

            System.out.printf("""

                    ===== RTX disaster-recovery drill (PostgreSQL %s, pg_dump -Fc) =====
                    backup under load : %.2f s, %,d bytes (order_events rows %d -> %d while it ran)
                    rows at the dump  : %s
                    rows at disaster  : %s
                    restore           : %.2f s (group rewind + drop/create + pg_restore)
                    catch-up          : %.2f s (restore end -> ledger committed every record; %,d records replayed \
                    from earliest, flow ran 2 s of it)
                    RTO (projections) : %.2f s (ledger stopped -> caught up)   target 900 s
                    RPO (projections) : 0 (re-projected from Kafka); gateway tables: age of the dump   target 3600 s
                    clean rebuild     : %.2f s via %s (%,d records)
                    rows recovered    : %s
                    wall-clock columns excluded from the comparison: %s
                    client_orders     : %d after the restore, %d after reclaim-client-orders.sql
                    ====================================================================
                    %n""", db.serverVersion(), backupSeconds, Files.size(dump), eventsBeforeBackup, eventsAfterBackup,
                    restored, atDisaster, restoreSeconds, catchUpSeconds, caughtUp.records(), rtoSeconds,
                    rebuildSeconds, how, caughtUp.records(), recovered, DrTables.WALL_CLOCK_COLUMNS, claimsBefore, claimsAfter);
        } finally {
            flow.shutdownNow();
            for (int i = apps.size() - 1; i >= 0; i--) {
                closeQuietly(apps.get(i));
            }
            closeQuietly(progress);
            closeQuietly(producer);
            redis.stop();
            postgres.close();
        }
    }

    private ConfigurableApplicationContext start(SpringApplicationBuilder app, String... args) {
        List<String> all = new ArrayList<>(List.of("--spring.kafka.bootstrap-servers=" + brokers, "--server.port=0",
                "--rtx.kafka.partitions=3",
                "--logging.level.org.apache.kafka=WARN", "--logging.level.kafka=WARN",
                "--logging.level.org.apache.kafka.streams.kstream.internals.KTableSource=ERROR"));
        all.addAll(List.of(args));
        return app.initializers(new OwnNettyResources()).run(all.toArray(String[]::new));
    }

    private String stateDir(String name) throws IOException {
        return Files.createDirectories(work.resolve("state").resolve(name)).toString();
    }

    /** The ledger's connection properties, exactly as an operator passes them on the command line. */
    private String[] ledgerArgs(String database, String group, int redisDatabase, boolean rebuild) {
        return new String[] {
                "--spring.r2dbc.url=r2dbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database,
                "--spring.r2dbc.username=postgres", "--spring.r2dbc.password=postgres",
                "--spring.flyway.url=jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database,
                "--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redisPort,
                "--spring.data.redis.database=" + redisDatabase,
                "--spring.kafka.consumer.group-id=" + group,
                "--rtx.ledger.rebuild=" + rebuild};
    }

    /** The packaged ledger when it has been built (the real operator command), else the same app in-process. */
    private AutoCloseable startRebuild(String[] ledgerArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("--spring.kafka.bootstrap-servers=" + brokers,
                "--server.port=" + freePort(), "--rtx.kafka.partitions=3"));
        args.addAll(List.of(ledgerArgs));
        if (Files.isRegularFile(LEDGER_EXEC_JAR)) {
            return DrExecJarProcess.start(LEDGER_EXEC_JAR, args, work.resolve("rebuild.log"));
        }
        System.out.println("DR drill: " + LEDGER_EXEC_JAR + " not built; rebuilding with the in-process ledger");
        return LedgerApplication.builder().initializers(new OwnNettyResources()).run(args.toArray(String[]::new));
    }

    private String script(Map<String, String> env, String name, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", SCRIPTS.resolve(name).toString()));
        command.addAll(List.of(args));
        ProcessBuilder process = new ProcessBuilder(command).redirectErrorStream(true);
        process.environment().putAll(Map.of("PGHOST", "127.0.0.1", "PGPORT", Integer.toString(postgres.getPort()),
                "PGUSER", "postgres", "PGDATABASE", DATABASE));
        process.environment().putAll(env);
        Process running = process.start();
        String output = new String(running.getInputStream().readAllBytes());
        assertThat(running.waitFor(120, TimeUnit.SECONDS)).isTrue();
        System.out.print(output.lines().map(line -> "[" + name + "] " + line + "\n").reduce("", String::concat));
        assertThat(running.exitValue()).as("%s exit status; output:%n%s", name, output).isZero();
        return output;
    }

    /** What only the gateway writes (an API key, an idempotency claim): not on any Kafka topic. */
    private void insertGatewayRows(DrTables db, String tag, long orderId) throws Exception {
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tag.getBytes(UTF_8)));
        db.execute(DATABASE, "INSERT INTO api_keys (key_id, account_id, key_hash, role) VALUES ('dr-" + tag
                + "', 1, '" + hash + "', 'TRADER')");
        db.execute(DATABASE, "INSERT INTO client_orders (account_id, client_order_id, order_id) VALUES (1, 'dr-" + tag
                + "', " + orderId + ")");
    }

    private void assertRedisViewsEqual() {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + redisPort);
        try (StatefulRedisConnection<String, String> live = client.connect();
             StatefulRedisConnection<String, String> replay = client.connect()) {
            replay.sync().select(1);
            for (String key : List.of("rtx:book:{" + SYMBOL + "}", "rtx:last-trade:{" + SYMBOL + "}")) {
                assertThat(live.sync().get(key)).as("Redis %s", key).isNotNull().isEqualTo(replay.sync().get(key));
            }
        } finally {
            client.shutdown();
        }
    }

    /** Each account's latest state on risk's changelog (read_committed), as {@link DrTables#balances} lists it. */
    private static List<String> risksBalances(String brokers) {
        Map<Long, AccountStateMessage> latest = new TreeMap<>();
        try (KafkaConsumer<String, byte[]> changelog = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = changelog.partitionsFor(Topics.ACCOUNTS_CHANGELOG).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            changelog.assign(partitions);
            changelog.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = changelog.endOffsets(partitions);
            JsonSerde<AccountStateMessage> states = JsonSerde.of(AccountStateMessage.class);
            while (ends.entrySet().stream().anyMatch(e -> changelog.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<String, byte[]> r : changelog.poll(Duration.ofMillis(200))) {
                    AccountStateMessage state = states.deserializer().deserialize(r.topic(), r.value());
                    latest.merge(state.id(), state, (a, b) -> b.version() > a.version() ? b : a);
                }
            }
        }
        List<String> balances = new ArrayList<>();
        latest.values().forEach(state -> state.balances().stream()
                .sorted(java.util.Comparator.comparing(AccountStateMessage.BalanceState::asset))
                .forEach(b -> balances.add(state.id() + "/" + b.asset() + " "
                        + DrTables.plain(BigDecimal.valueOf(b.available(), b.scale())) + " "
                        + DrTables.plain(BigDecimal.valueOf(b.reserved(), b.scale())))));
        return balances;
    }

    private long now() {
        return clock.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis()));
    }

    private void account(AccountCommandMessage.Kind kind, long account, String asset, String amount) {
        send(Topics.ACCOUNT_COMMANDS, Long.toString(account), new AccountCommandMessage(kind,
                "dr:" + kind + ":" + account + ":" + asset, account, asset, amount, now()));
    }

    /** Limits around 10,000.00, about half crossing, some IOC. */
    private void sendOrders(int count) {
        for (int i = 0; i < count; i++) {
            long orderId = nextOrderId.getAndIncrement();
            long owner = orderId % ACCOUNTS + 1;
            boolean buy = random.nextBoolean();
            long cents = 1_000_000 + (buy ? 1 : -1) * (random.nextInt(400) - 300);
            String tif = random.nextInt(10) < 2 ? "IOC" : "GTC";
            String quantity = "0." + (1 + random.nextInt(9));
            send(Topics.ORDER_COMMANDS, Long.toString(owner), new OrderCommandMessage(OrderCommandMessage.Kind.PLACE,
                    orderId, "c" + orderId, owner, SYMBOL, buy ? "BUY" : "SELL",
                    "LIMIT", tif, 0, false, BigDecimal.valueOf(cents, 2).toPlainString(), quantity, now()));
        }
    }

    private void send(String topic, String key, Message message) {
        producer.send(new ProducerRecord<>(topic, key, JsonSerde.write(message)));
    }

    private static void await(Duration timeout, String what, DrCheckedCondition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    @FunctionalInterface
    interface DrCheckedCondition {
        boolean holds() throws Exception;
    }

    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("DR drill: close failed: " + e);
        }
    }
}
