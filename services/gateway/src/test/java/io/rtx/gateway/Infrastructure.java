package io.rtx.gateway;

import io.rtx.ledger.schema.V2__TimescaleHypertables;
import io.rtx.testkafka.EmbeddedKraftBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.r2dbc.core.DatabaseClient;
import redis.embedded.RedisServer;

/**
 * Real PostgreSQL (with the ledger's Flyway schema) and Redis, started once per test JVM and shared by
 * every test class (the Spring context is shared too), and the KRaft broker.
 * PostgreSQL can be stopped and started again on the same port and data, like a real outage.
 */
final class Infrastructure {

    /** The ledger's migrations, from its jar (the SQL ones; the Java one is added below), as the ledger runs them. */
    static final String MIGRATIONS = "classpath:db/migration";
    static final String DATABASE_USER = "postgres";

    static final EmbeddedKraftBroker KAFKA = EmbeddedKraftBroker.start(3, Map.of());
    static final Postgres POSTGRES;
    static final int REDIS_PORT;
    private static final RedisServer REDIS;

    static {
        try {
            POSTGRES = Postgres.start();
            REDIS_PORT = freePort();
            REDIS = RedisServer.newRedisServer().port(REDIS_PORT).bind("127.0.0.1")
                    .setting("save \"\"") // no dump.rdb left behind
                    .setting("appendonly no")
                    .build();
            REDIS.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                REDIS.stop();
            } catch (IOException e) {
                // the JVM is exiting
            }
            POSTGRES.destroy();
            KAFKA.destroy();
        }));
    }

    private Infrastructure() {
    }

    static String r2dbcUrl() {
        return POSTGRES.r2dbcUrl();
    }

    static void stopRedis() throws IOException {
        REDIS.stop();
    }

    static void startRedis() throws IOException {
        REDIS.start();
    }

    static void stopPostgres() throws IOException {
        POSTGRES.stop();
    }

    static void startPostgres() throws IOException {
        POSTGRES.restart();
    }

    /**
     * Command-line arguments that point another RTX service in this JVM at the test broker (they outrank
     * the service's own yml, e.g. its fixed server.port).
     */
    static List<String> serviceArgs(EmbeddedKafkaBroker broker) {
        return List.of("--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(), "--server.port=0",
                "--rtx.kafka.partitions=3");
    }

    /** ... and at the test PostgreSQL (R2DBC) and Redis. */
    static List<String> storeArgs() {
        return List.of("--spring.r2dbc.url=" + POSTGRES.r2dbcUrl(), "--spring.r2dbc.username=" + DATABASE_USER,
                "--spring.r2dbc.password=" + DATABASE_USER, "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=" + REDIS_PORT);
    }

    /** ... and Flyway at the same database (the ledger migrates at start-up; here it finds nothing to do). */
    static List<String> flywayArgs() {
        return List.of("--spring.flyway.url=" + POSTGRES.jdbcUrl(), "--spring.flyway.user=" + DATABASE_USER,
                "--spring.flyway.password=" + DATABASE_USER);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A real PostgreSQL server with the ledger's schema; stop() and restart() keep its port and its data. */
    static final class Postgres {

        private final Path dataDirectory;
        private final int port;
        private EmbeddedPostgres server;

        private Postgres(Path dataDirectory, int port) {
            this.dataDirectory = dataDirectory;
            this.port = port;
        }

        /** A new server, migrated. */
        static Postgres start() throws IOException {
            Postgres postgres = new Postgres(Files.createTempDirectory("rtx-gateway-test-pg"), freePort());
            postgres.restart();
            // Exactly the ledger's migrations, so a ledger started in a test finds its schema history complete.
            Flyway.configure().dataSource(postgres.server.getPostgresDatabase()).locations(MIGRATIONS)
                    .javaMigrations(new V2__TimescaleHypertables()).load().migrate();
            return postgres;
        }

        synchronized void stop() throws IOException {
            if (server != null) {
                server.close();
                server = null;
            }
        }

        synchronized void restart() throws IOException {
            if (server == null) {
                server = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDirectory)
                        .setCleanDataDirectory(false).start();
            }
        }

        int port() {
            return port;
        }

        String r2dbcUrl() {
            return "r2dbc:postgresql://localhost:" + port + "/postgres";
        }

        String jdbcUrl() {
            return "jdbc:postgresql://localhost:" + port + "/postgres";
        }

        /** A client without a pool: every statement connects anew, so it sees an outage and a recovery at once. */
        DatabaseClient client() {
            return DatabaseClient.create(io.r2dbc.spi.ConnectionFactories.get(
                    "r2dbc:postgresql://" + DATABASE_USER + ":" + DATABASE_USER + "@localhost:" + port + "/postgres"));
        }

        /** Stops the server and deletes its data. */
        void destroy() {
            try {
                stop();
                try (Stream<Path> paths = Files.walk(dataDirectory)) {
                    paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            } catch (IOException e) {
                // best effort: a temporary directory
            }
        }
    }
}
