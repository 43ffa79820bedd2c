package io.rtx.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rtx.events.TopicProvisioning;
import io.rtx.events.TopicSettings;
import io.rtx.events.TopicSpec;
import io.rtx.events.Topics;
import io.rtx.testkafka.BrokerPerTestClass;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The provisioning every service runs, against a real one-broker cluster. Each test uses its own topic
 * names. One broker holds replication factor 1 only, so the replication and min.insync.replicas refusals are
 * proven on topics that already exist at 1 while the settings ask for 3 and 2.
 */
class TopicProvisioningTest {

    private static final TopicSettings ONE_BROKER = new TopicSettings(3, 1, 1);

    @RegisterExtension
    static final BrokerPerTestClass kafka = new BrokerPerTestClass(1);
    private static Admin admin;

    @BeforeAll
    static void connect() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.broker().getBrokersAsString()));
    }

    @AfterAll
    static void disconnect() {
        admin.close();
    }

    @Test
    void createsEveryRtxTopicAsSpecifiedAndAcceptsThemOnTheNextStart() throws Exception {
        TopicProvisioning.Provisioned first = new TopicProvisioning(Topics.specs(ONE_BROKER)).provision(admin);
        assertThat(first.created()).containsExactlyInAnyOrderElementsOf(Topics.ALL);

        TopicDescription orders = describe(Topics.ORDER_COMMANDS);
        assertThat(orders.partitions()).hasSize(3);
        assertThat(config(Topics.ORDER_COMMANDS).get(TopicConfig.RETENTION_MS_CONFIG).value())
                .isEqualTo(Long.toString(Topics.RETENTION.toMillis()));
        assertThat(config(Topics.INSTRUMENTS).get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact");
        assertThat(config(Topics.INSTRUMENTS).get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).source())
                .as("written on the topic, not inherited from the broker")
                .isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);

        TopicProvisioning.Provisioned second = new TopicProvisioning(Topics.specs(ONE_BROKER)).provision(admin);
        assertThat(second.created()).isEmpty();
        assertThat(second.notes()).isEmpty();
    }

    @Test
    void refusesATopicWithFewerPartitionsAndLeavesItAsItIs() throws Exception {
        TopicSpec spec = Topics.spec("provisioning-test.too-few.v1", ONE_BROKER);
        create(new NewTopic(spec.name(), 2, (short) 1).configs(spec.configs()));

        assertThatThrownBy(() -> new TopicProvisioning(List.of(spec)).provision(admin))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refusing to start")
                .hasMessageContaining("topic provisioning-test.too-few.v1 has 2 partitions, fewer than the configured 3 "
                        + "(rtx.kafka.partitions)");
        assertThat(describe(spec.name()).partitions()).as("never altered").hasSize(2);
    }

    @Test
    void keepsATopicWithMorePartitionsAndSaysSo() throws Exception {
        TopicSpec spec = Topics.spec("provisioning-test.more.v1", ONE_BROKER);
        create(new NewTopic(spec.name(), 5, (short) 1).configs(spec.configs()));

        TopicProvisioning.Provisioned provisioned = new TopicProvisioning(List.of(spec)).provision(admin);
        assertThat(provisioned.notes()).containsExactly("topic provisioning-test.more.v1 has 5 partitions, more than "
                + "the configured 3 (rtx.kafka.partitions): kept");
    }

    @Test
    void refusesTopicsLessReplicatedThanConfigured() throws Exception {
        TopicSettings production = new TopicSettings(3, 3, 2);
        TopicSpec spec = Topics.spec("provisioning-test.under-replicated.v1", production);
        create(Topics.spec(spec.name(), ONE_BROKER).newTopic());

        assertThatThrownBy(() -> new TopicProvisioning(List.of(spec)).provision(admin))
                .hasMessageContaining("2 RTX topic setting(s) do not match")
                .hasMessageContaining("topic provisioning-test.under-replicated.v1 has replication factor 1, below the "
                        + "configured 3 (rtx.kafka.replication-factor)")
                .hasMessageContaining("topic provisioning-test.under-replicated.v1 has min.insync.replicas 1, below the "
                        + "configured 2 (rtx.kafka.min-insync-replicas)");
    }

    @Test
    void aTopicTheClusterCannotReplicateAsConfiguredFailsTheStartByName() {
        TopicSpec spec = Topics.spec("provisioning-test.unplaceable.v1", new TopicSettings(3, 3, 2));

        assertThatThrownBy(() -> new TopicProvisioning(List.of(spec)).provision(admin))
                .hasMessageContaining("cannot create topic provisioning-test.unplaceable.v1 with 3 partitions, "
                        + "replication factor 3");
    }

    private static void create(NewTopic topic) throws Exception {
        admin.createTopics(Set.of(topic)).all().get(30, TimeUnit.SECONDS);
    }

    private static TopicDescription describe(String topic) throws Exception {
        return admin.describeTopics(Set.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
    }

    private static Config config(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(Set.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
    }
}
