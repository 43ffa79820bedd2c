package io.rtx.ledger.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns trades (on executed_at) and candles (on bucket_start) into TimescaleDB hypertables where the
 * server offers the extension; elsewhere the plain tables of V1 (with their time indexes) stay as they
 * are. V1's keys already contain the time column, which hypertables require, so the ledger's SQL is
 * the same on both. If the extension is offered but cannot be created (typically it is missing from
 * shared_preload_libraries) the migration fails loudly rather than quietly settling for plain tables.
 * A Spring bean, so Boot hands it to Flyway.
 */
@Component
public class V2__TimescaleHypertables extends BaseJavaMigration {

    private static final Logger log = LoggerFactory.getLogger(V2__TimescaleHypertables.class);

    @Override
    public void migrate(Context context) throws SQLException {
        apply(context.getConnection());
    }

    /** Returns true if hypertables were created (or already existed), false on a plain PostgreSQL. */
    public static boolean apply(Connection connection) throws SQLException {
        if (!available(connection)) {
            log.info("TimescaleDB is not available on this server: trades and candles stay plain tables");
            return false;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
            statement.execute("SELECT create_hypertable('trades', 'executed_at', if_not_exists => true, "
                    + "migrate_data => true)");
            statement.execute("SELECT create_hypertable('candles', 'bucket_start', if_not_exists => true, "
                    + "migrate_data => true)");
        }
        log.info("TimescaleDB found: trades and candles are hypertables");
        return true;
    }

    static boolean available(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'");
             ResultSet rows = query.executeQuery()) {
            return rows.next();
        }
    }
}
