package io.rtx.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtx.events.Topics;
import io.rtx.ledger.kafka.LedgerTopics;
import io.rtx.ledger.schema.V2__TimescaleHypertables;
import io.sentry.Sentry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

class LedgerApplicationTest extends LedgerIntegrationTest {

    @Autowired
    private WebTestClient web;

    @Test
    void exposesHealthProbesAndBusinessMetrics() {
        web.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        metrics.projected("warm-up"); // make sure every ledger metric family has a sample
        metrics.sequenceGap("warm-up");
        metrics.deadLetter("warm-up");
        // Per-partition consumer metrics of seven input topics: past the client's default 256 KB buffer.
        String prometheus = web.mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(4 << 20)).build()
                .get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(prometheus).contains("rtx_ledger_events_projected_total{", "rtx_ledger_sequence_gaps_total{",
                "rtx_dead_letters_total{", "kafka_consumer_fetch_manager_records_lag_max");
    }

    @Test
    void sentryStaysSilentWithoutADsn() {
        assertThat(Sentry.isEnabled()).isFalse();
    }

    @Test
    void createsEveryTopicAndTheDeadLetterTopicOfEachInput() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            Set<String> topics = admin.listTopics().names().get();
            assertThat(topics).containsAll(Topics.ALL);
            LedgerTopics.INPUTS.forEach(input -> assertThat(topics).contains(Topics.deadLetter(input)));
        }
    }

    @Test
    void onPlainPostgresqlTheTimescaleMigrationKeepsPlainTablesWithTimeIndexes() throws Exception {
        assertThat(count("SELECT count(*) FROM flyway_schema_history WHERE success AND version IN ('1', '2')"))
                .isEqualTo(2);
        assertThat(count("SELECT count(*) FROM pg_extension WHERE extname = 'timescaledb'")).isZero();
        assertThat(count("SELECT count(*) FROM pg_indexes WHERE tablename = 'trades' "
                + "AND indexname = 'trades_symbol_time_idx'")).isEqualTo(1);
        try (Connection connection = DriverManager.getConnection(Infrastructure.jdbcUrl(), "postgres", "postgres")) {
            // The branch taken on a server without the extension: nothing to do, and no failure.
            assertThat(V2__TimescaleHypertables.apply(connection)).isFalse();
        }
    }
}
