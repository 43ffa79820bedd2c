package io.rtx.gateway.kafka;

import io.rtx.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

@Configuration
public class KafkaConfig {

    /** Every RTX topic, created idempotently at start-up with the configured partitions and replication. */
    @Bean
    KafkaAdmin.NewTopics gatewayTopics(TopicSettings settings) {
        return new KafkaAdmin.NewTopics(Topics.newTopics(settings.partitions(), settings.replicationFactor(),
                settings.minInsyncReplicas()).toArray(NewTopic[]::new));
    }
}
