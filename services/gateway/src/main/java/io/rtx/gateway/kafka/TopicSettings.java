package io.rtx.gateway.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How RTX's topics are created: {@code rtx.kafka.partitions}, {@code .replication-factor},
 * {@code .min-insync-replicas}. The same properties as the stream processors' (rtx-streams), repeated
 * here because the gateway is not a Kafka Streams application.
 */
@ConfigurationProperties("rtx.kafka")
public record TopicSettings(
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("1") int minInsyncReplicas) {
}
