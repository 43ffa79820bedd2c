package io.rtx.provisioning;

import io.rtx.events.TopicProvisioning;
import io.rtx.events.TopicSettings;
import io.rtx.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Every RTX service imports this: its topics exist and match {@code rtx.kafka.*} before any listener or
 * stream starts, or the context fails and the service does not start. Imported, not auto-configured,
 * like the rest of RTX's shared configuration (services share one class path in the local stack).
 */
@Configuration(proxyBeanMethods = false)
public class TopicProvisioningConfiguration {

    /**
     * Runs once every bean exists and before anything starts (listeners, streams, the web server),
     * so a refusal fails the context's refresh.
     */
    @Bean
    SmartInitializingSingleton rtxTopics(KafkaAdmin kafka, Environment environment) {
        return () -> {
            try (Admin admin = Admin.create(kafka.getConfigurationProperties())) {
                new TopicProvisioning(Topics.specs(settings(environment))).provision(admin);
            }
        };
    }

    /**
     * {@code rtx.kafka.*} with Spring's relaxed binding ({@code RTX_KAFKA_REPLICATION_FACTOR} sets
     * {@code rtx.kafka.replication-factor}); an unset key takes its {@link TopicSettings#DEFAULTS} value.
     */
    public static TopicSettings settings(Environment environment) {
        Binder binder = Binder.get(environment);
        TopicSettings defaults = TopicSettings.DEFAULTS;
        return new TopicSettings(
                binder.bind(TopicSettings.PARTITIONS, Integer.class).orElse(defaults.partitions()),
                binder.bind(TopicSettings.REPLICATION_FACTOR, Integer.class).orElse(defaults.replicationFactor()),
                binder.bind(TopicSettings.MIN_INSYNC_REPLICAS, Integer.class).orElse(defaults.minInsyncReplicas()));
    }
}
