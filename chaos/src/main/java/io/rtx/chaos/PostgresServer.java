package io.rtx.chaos;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL server (zonky binaries) on a fixed port with a fixed data directory, so it can
 * be stopped and started again with its data, as a database pod restarting on its volume. The
 * ledger connects over TCP like to any PostgreSQL.
 */
final class PostgresServer implements AutoCloseable {

    static final String DATABASE = "rtx";
    static final String USER = "rtx";

    private final int port;
    private final Path dataDirectory;
    private EmbeddedPostgres server;

    PostgresServer(int port, Path dataDirectory) {
        this.port = port;
        this.dataDirectory = dataDirectory;
    }

    PostgresServer start() throws IOException, SQLException {
        boolean fresh = !Files.exists(dataDirectory.resolve("postgresql.conf"));
        server = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false).setPGStartupWait(Duration.ofSeconds(60)).start();
        if (fresh) {
            try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + USER + " LOGIN");
                s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
            }
        }
        return this;
    }

    /** Fast shutdown (pg_ctl -m fast): open connections are cut at once, as when the pod is killed. */
    void stop() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    boolean isRunning() {
        return server != null;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE, USER, "");
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
