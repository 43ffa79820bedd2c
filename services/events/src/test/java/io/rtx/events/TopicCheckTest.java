package io.rtx.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/** The check of an existing topic is a pure function of its description: every rule, without a broker. */
class TopicCheckTest {

    private static final TopicSettings PRODUCTION = new TopicSettings(12, 3, 2);
    private static final TopicSpec ORDERS = Topics.spec(Topics.ORDER_COMMANDS, PRODUCTION);
    private static final TopicSpec INSTRUMENTS = Topics.spec(Topics.INSTRUMENTS, PRODUCTION);

    @Test
    void aTopicAsSpecifiedPassesSilently() {
        TopicCheck check = TopicCheck.of(ORDERS, described(12, 3), configs(ORDERS.configs()));
        assertThat(check.refusals()).isEmpty();
        assertThat(check.notes()).isEmpty();
    }

    @Test
    void aReplicationFactorBelowTheConfiguredOneIsRefusedNamingTopicAndBothValues() {
        TopicCheck check = TopicCheck.of(ORDERS, described(12, 1), configs(ORDERS.configs()));
        assertThat(check.refusals()).containsExactly("topic rtx.order-commands.v1 has replication factor 1, "
                + "below the configured 3 (rtx.kafka.replication-factor)");
    }

    @Test
    void oneUnderReplicatedPartitionIsEnoughForARefusal() {
        List<TopicPartitionInfo> partitions = IntStream.range(0, 12)
                .mapToObj(p -> partition(p, p == 5 ? 2 : 3)).toList();
        TopicCheck check = TopicCheck.of(ORDERS, new TopicDescription(ORDERS.name(), false, partitions),
                configs(ORDERS.configs()));
        assertThat(check.refusals()).singleElement().asString().contains("replication factor 2, below the configured 3");
    }

    @Test
    void fewerPartitionsAreRefusedAndMoreAreKeptWithANote() {
        assertThat(TopicCheck.of(ORDERS, described(6, 3), configs(ORDERS.configs())).refusals())
                .containsExactly("topic rtx.order-commands.v1 has 6 partitions, fewer than the configured 12 "
                        + "(rtx.kafka.partitions)");
        TopicCheck more = TopicCheck.of(ORDERS, described(24, 3), configs(ORDERS.configs()));
        assertThat(more.refusals()).isEmpty();
        assertThat(more.notes()).containsExactly("topic rtx.order-commands.v1 has 24 partitions, more than the "
                + "configured 12 (rtx.kafka.partitions): kept");
    }

    @Test
    void aLowerMinInsyncReplicasIsRefusedAndAHigherOneKept() {
        TopicCheck lower = TopicCheck.of(ORDERS, described(12, 3),
                configs(ORDERS.configs(), TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "1"));
        assertThat(lower.refusals()).containsExactly("topic rtx.order-commands.v1 has min.insync.replicas 1, "
                + "below the configured 2 (rtx.kafka.min-insync-replicas)");
        TopicCheck higher = TopicCheck.of(ORDERS, described(12, 3),
                configs(ORDERS.configs(), TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "3"));
        assertThat(higher.refusals()).isEmpty();
        assertThat(higher.notes()).singleElement().asString().contains("min.insync.replicas 3, above the configured 2");
    }

    @Test
    void instrumentsThatAreNotCompactedAreRefused() {
        TopicCheck check = TopicCheck.of(INSTRUMENTS, described(12, 3),
                configs(INSTRUMENTS.configs(), TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE));
        assertThat(check.refusals()).containsExactly("topic rtx.instruments.v1 has cleanup.policy delete, RTX needs compact");
    }

    @Test
    void anotherRetentionIsTheOperatorsChoiceAndOnlyNoted() {
        TopicCheck check = TopicCheck.of(ORDERS, described(12, 3),
                configs(ORDERS.configs(), TopicConfig.RETENTION_MS_CONFIG, "-1"));
        assertThat(check.refusals()).isEmpty();
        assertThat(check.notes()).containsExactly("topic rtx.order-commands.v1 has retention.ms -1, "
                + "RTX creates it with 604800000: kept");
    }

    @Test
    void everyTopicIsSpecifiedWithTheClusterSettingsAndItsOwnCleanup() {
        List<TopicSpec> specs = Topics.specs(PRODUCTION);
        assertThat(specs).extracting(TopicSpec::name).containsExactlyElementsOf(Topics.ALL);
        assertThat(specs).allSatisfy(spec -> {
            assertThat(spec.partitions()).isEqualTo(12);
            assertThat(spec.replicationFactor()).isEqualTo(3);
            assertThat(spec.configs()).containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
        });
        assertThat(INSTRUMENTS.configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact")
                .doesNotContainKey(TopicConfig.RETENTION_MS_CONFIG);
        assertThat(ORDERS.configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "delete")
                .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "604800000");
        assertThat(ORDERS.newTopic().replicationFactor()).isEqualTo((short) 3);
    }

    @Test
    void settingsThatNoWriteCouldSatisfyAreRejected() {
        assertThatThrownBy(() -> new TopicSettings(6, 1, 2))
                .hasMessage("rtx.kafka.min-insync-replicas must be between 1 and rtx.kafka.replication-factor (1), is 2");
        assertThatThrownBy(() -> new TopicSettings(0, 1, 1)).hasMessageContaining("rtx.kafka.partitions");
        assertThatThrownBy(() -> new TopicSettings(6, 0, 1)).hasMessageContaining("rtx.kafka.replication-factor");
    }

    private static TopicDescription described(int partitions, int replicas) {
        return new TopicDescription(ORDERS.name(), false,
                IntStream.range(0, partitions).mapToObj(p -> partition(p, replicas)).toList());
    }

    private static TopicPartitionInfo partition(int partition, int replicas) {
        List<Node> nodes = IntStream.range(0, replicas).mapToObj(id -> new Node(id, "broker-" + id, 9092)).toList();
        return new TopicPartitionInfo(partition, nodes.get(0), nodes, nodes);
    }

    private static Config configs(Map<String, String> values) {
        return new Config(values.entrySet().stream().map(e -> new ConfigEntry(e.getKey(), e.getValue())).toList());
    }

    private static Config configs(Map<String, String> values, String key, String value) {
        Map<String, String> changed = new HashMap<>(values);
        changed.put(key, value);
        return configs(changed);
    }
}
