package io.rtx.ledger;

import io.rtx.testkafka.EmbeddedKraftBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import redis.embedded.RedisServer;

/**
 * A real KRaft broker, PostgreSQL and Redis, started once per test JVM and shared by every test class (the
 * Spring context is shared too).
 */
final class Infrastructure {

    static final EmbeddedKraftBroker KAFKA = EmbeddedKraftBroker.start(3, Map.of());
    static final EmbeddedPostgres POSTGRES;
    static final int REDIS_PORT;
    private static final RedisServer REDIS;

    static {
        try {
            POSTGRES = EmbeddedPostgres.builder().start();
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
                POSTGRES.close();
                KAFKA.destroy();
            } catch (IOException e) {
                // the JVM is exiting; nothing more to do
            }
        }));
    }

    private Infrastructure() {
    }

    static String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + POSTGRES.getPort() + "/postgres";
    }

    static String r2dbcUrl() {
        return "r2dbc:postgresql://localhost:" + POSTGRES.getPort() + "/postgres";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
