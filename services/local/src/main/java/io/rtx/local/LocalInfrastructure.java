package io.rtx.local;

import io.rtx.events.BrokerFeatures;
import io.rtx.testkafka.EmbeddedKraftBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import redis.embedded.RedisServer;

/**
 * The real servers the services need, in this process: a KRaft Kafka broker from the Kafka jars, a
 * PostgreSQL server and a Redis server from binaries shipped in Maven artifacts. Nothing is mocked
 * and nothing has to be installed. {@link #close()} stops all three.
 */
final class LocalInfrastructure implements AutoCloseable {

    static final String DATABASE = "rtx";
    static final String DATABASE_USER = "rtx";

    final int kafkaPort;
    final int postgresPort;
    final int redisPort;
    private EmbeddedKraftBroker kafka;
    private EmbeddedPostgres postgres;
    private RedisServer redis;

    /** Ports 0 are replaced by free ones, so every URL handed to the services names the real port. */
    LocalInfrastructure(int kafkaPort, int postgresPort, int redisPort) throws IOException {
        this.kafkaPort = freeIfZero(kafkaPort);
        this.postgresPort = freeIfZero(postgresPort);
        this.redisPort = freeIfZero(redisPort);
    }

    private static int freeIfZero(int port) throws IOException {
        if (port != 0) {
            return port;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    LocalInfrastructure start(int partitions) throws IOException, SQLException {
        // No topics: the services provision them (the first one creates them), and nothing else may.
        kafka = new EmbeddedKraftBroker(partitions);
        kafka.kafkaPorts(kafkaPort);
        kafka.brokerProperties(Map.of("auto.create.topics.enable", "false"));
        kafka.afterPropertiesSet();
        // The embedded broker formats its storage itself and takes no feature flags: check what it finalized.
        kafka.doWithAdmin(BrokerFeatures::requireTransactionsV2);
        postgres = EmbeddedPostgres.builder().setPort(postgresPort).start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + DATABASE_USER + " LOGIN");
            s.execute("CREATE DATABASE " + DATABASE + " OWNER " + DATABASE_USER);
        }
        // "save ''" and no AOF: a local Redis must leave no dump.rdb behind.
        redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1")
                .setting("save \"\"").setting("appendonly no").build();
        redis.start();
        return this;
    }

    String kafkaBootstrap() {
        return kafka.getBrokersAsString();
    }

    String r2dbcUrl() {
        return "r2dbc:postgresql://127.0.0.1:" + postgresPort + "/" + DATABASE;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + DATABASE;
    }

    @Override
    public void close() throws IOException {
        if (redis != null) {
            redis.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (kafka != null) {
            kafka.destroy();
        }
    }
}
