package io.rtx.streams;

import io.rtx.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Creates every RTX topic at start-up (idempotently) with the configured partitions and replication.
 * Imported by each processor application explicitly, not auto-configured, so it never leaks into
 * another service that shares the classpath (the local stack).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TopicSettings.class)
public class ProcessorSupportConfiguration {

    @Bean
    KafkaAdmin.NewTopics rtxTopics(TopicSettings settings) {
        return new KafkaAdmin.NewTopics(Topics.newTopics(settings.partitions(), settings.replicationFactor(),
                settings.minInsyncReplicas()).toArray(NewTopic[]::new));
    }
}
