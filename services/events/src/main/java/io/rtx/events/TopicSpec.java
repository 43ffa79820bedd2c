package io.rtx.events;

import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * One topic as RTX needs it: partitions, replication factor and the topic configs it is created with
 * ({@link Topics#specs} writes them down for every topic).
 */
public record TopicSpec(String name, int partitions, int replicationFactor, Map<String, String> configs) {

    public TopicSpec {
        configs = Map.copyOf(configs);
    }

    public NewTopic newTopic() {
        return new NewTopic(name, partitions, (short) replicationFactor).configs(configs);
    }
}
