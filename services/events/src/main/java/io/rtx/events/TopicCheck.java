package io.rtx.events;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;

/**
 * An existing topic held against its spec. Less than configured (partitions, replicas, min.insync.replicas)
 * or another cleanup policy is refused: the service would run with less durability or other semantics than
 * its operator chose. More than configured, or another retention, is kept and only noted.
 */
public record TopicCheck(List<String> refusals, List<String> notes) {

    public TopicCheck {
        refusals = List.copyOf(refusals);
        notes = List.copyOf(notes);
    }

    public static TopicCheck of(TopicSpec spec, TopicDescription topic, Config config) {
        List<String> refusals = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String name = "topic " + spec.name() + " has ";
        int partitions = topic.partitions().size();
        if (partitions < spec.partitions()) {
            refusals.add(name + partitions + " partitions, fewer than the configured " + spec.partitions()
                    + " (" + TopicSettings.PARTITIONS + ")");
        } else if (partitions > spec.partitions()) {
            notes.add(name + partitions + " partitions, more than the configured " + spec.partitions()
                    + " (" + TopicSettings.PARTITIONS + "): kept");
        }
        // The smallest replica set of any partition is what one broker loss is measured against.
        int replicationFactor = topic.partitions().stream().mapToInt(p -> p.replicas().size()).min().orElse(0);
        if (replicationFactor < spec.replicationFactor()) {
            refusals.add(name + "replication factor " + replicationFactor + ", below the configured "
                    + spec.replicationFactor() + " (" + TopicSettings.REPLICATION_FACTOR + ")");
        }
        spec.configs().forEach((key, wanted) -> {
            ConfigEntry entry = config.get(key);
            String actual = entry == null ? "unset" : entry.value();
            if (wanted.equals(actual)) {
                return;
            }
            String found = name + key + " " + actual;
            switch (key) {
                case TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG -> {
                    String against = " the configured " + wanted + " (" + TopicSettings.MIN_INSYNC_REPLICAS + ")";
                    if (entry == null || Integer.parseInt(actual) < Integer.parseInt(wanted)) {
                        refusals.add(found + ", below" + against);
                    } else {
                        notes.add(found + ", above" + against + ": kept");
                    }
                }
                case TopicConfig.CLEANUP_POLICY_CONFIG -> refusals.add(found + ", RTX needs " + wanted);
                default -> notes.add(found + ", RTX creates it with " + wanted + ": kept");
            }
        });
        return new TopicCheck(refusals, notes);
    }
}
