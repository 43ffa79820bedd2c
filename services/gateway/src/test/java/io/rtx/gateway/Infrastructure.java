package io.rtx.gateway;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.flywaydb.core.Flyway;
import redis.embedded.RedisServer;

/**
 * Real PostgreSQL (with the ledger's Flyway schema) and Redis, started once per test JVM and shared by
 * every test class (the Spring context is shared too). Kafka is the @EmbeddedKafka KRaft broker.
 */
final class Infrastructure {

    /** The ledger's migrations, read from its sources until rtx-ledger ships a plain jar (see the report). */
    static final String MIGRATIONS = "filesystem:../ledger/src/main/resources/db/migration";

    static final EmbeddedPostgres POSTGRES;
    static final int REDIS_PORT;
    private static final RedisServer REDIS;
    private static volatile boolean postgresRunning = true;

    static {
        try {
            POSTGRES = EmbeddedPostgres.builder().start();
            Flyway.configure().dataSource(POSTGRES.getPostgresDatabase()).locations(MIGRATIONS).load().migrate();
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
                stopPostgres();
            } catch (IOException e) {
                // the JVM is exiting
            }
        }));
    }

    private Infrastructure() {
    }

    static String r2dbcUrl() {
        return "r2dbc:postgresql://localhost:" + POSTGRES.getPort() + "/postgres";
    }

    static void stopRedis() throws IOException {
        REDIS.stop();
    }

    static void startRedis() throws IOException {
        REDIS.start();
    }

    static synchronized void stopPostgres() throws IOException {
        if (postgresRunning) {
            postgresRunning = false;
            POSTGRES.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
