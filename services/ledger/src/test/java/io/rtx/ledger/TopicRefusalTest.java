package io.rtx.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rtx.events.TopicSettings;
import io.rtx.events.Topics;
import io.rtx.testkafka.BrokerPerTestClass;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.NestedExceptionUtils;

/**
 * The ledger, started as an operator starts it, against a cluster whose execution-reports topic was created
 * with fewer partitions than configured: it refuses to start and says which topic and which values. Its own
 * broker, so the shared one of the other tests keeps its topics.
 */
class TopicRefusalTest {

    @RegisterExtension
    static final BrokerPerTestClass kafka = new BrokerPerTestClass(1);

    @Test
    void refusesToStartOnATopicWithFewerPartitionsThanConfigured() throws Exception {
        String brokers = kafka.broker().getBrokersAsString();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            NewTopic reports = Topics.spec(Topics.EXECUTION_REPORTS, new TopicSettings(2, 1, 1)).newTopic();
            admin.createTopics(Set.of(reports)).all().get(30, TimeUnit.SECONDS);
        }

        assertThatThrownBy(() -> LedgerApplication.builder().run(
                "--spring.kafka.bootstrap-servers=" + brokers,
                "--server.port=0",
                "--rtx.kafka.partitions=3",
                "--spring.r2dbc.url=" + Infrastructure.r2dbcUrl(),
                "--spring.r2dbc.username=postgres", "--spring.r2dbc.password=postgres",
                "--spring.flyway.url=" + Infrastructure.jdbcUrl(),
                "--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + Infrastructure.REDIS_PORT))
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e).getMessage())
                        .contains("refusing to start")
                        .contains("topic rtx.execution-reports.v1 has 2 partitions, fewer than the configured 3 "
                                + "(rtx.kafka.partitions)"));
    }
}
