package io.rtx.streams;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How RTX's topics are created: {@code rtx.kafka.partitions}, {@code .replication-factor}, {@code .min-insync-replicas}. */
@ConfigurationProperties("rtx.kafka")
public record TopicSettings(
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("1") int minInsyncReplicas) {
}
