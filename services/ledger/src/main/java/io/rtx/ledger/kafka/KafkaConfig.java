package io.rtx.ledger.kafka;

import io.rtx.events.JsonSerde;
import io.rtx.events.Topics;
import io.rtx.ledger.deadletter.DeadLetterValueSerializer;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/**
 * Kafka wiring on top of Boot's auto-configuration (group, isolation level, ack mode and concurrency
 * are plain {@code spring.kafka.*} properties in application.yml).
 */
@Configuration(proxyBeanMethods = false)
public class KafkaConfig {

    /** Every RTX topic (the ledger's dead-letter topics included), created if missing. */
    @Bean
    KafkaAdmin.NewTopics rtxTopics(@Value("${rtx.kafka.partitions:6}") int partitions,
                                   @Value("${rtx.kafka.replication-factor:1}") short replicationFactor,
                                   @Value("${rtx.kafka.min-insync-replicas:1}") int minInSyncReplicas) {
        return new KafkaAdmin.NewTopics(Topics.newTopics(partitions, replicationFactor, minInSyncReplicas)
                .toArray(NewTopic[]::new));
    }

    /**
     * Values are read with the {@link JsonSerde} chosen by topic (any minor of its major). Wrapped in
     * ErrorHandlingDeserializer so a record that cannot be read reaches the error handler (and the
     * dead-letter topic) instead of failing the poll forever. Keys are kept as bytes: the ledger never
     * reads them and a dead letter keeps the original key.
     */
    @Bean
    DefaultKafkaConsumerFactoryCustomizer ledgerDeserializers() {
        return factory -> {
            @SuppressWarnings({"unchecked", "rawtypes"})
            DefaultKafkaConsumerFactory<Object, Object> typed = (DefaultKafkaConsumerFactory) factory;
            typed.setKeyDeserializerSupplier(() -> new ErrorHandlingDeserializer(new ByteArrayDeserializer()));
            typed.setValueDeserializerSupplier(() -> new ErrorHandlingDeserializer(
                    JsonSerde.byTopic(LedgerTopics.TYPES).deserializer()));
        };
    }

    /** The producer only writes dead letters: original key bytes, original value bytes when there are any. */
    @Bean
    DefaultKafkaProducerFactoryCustomizer deadLetterSerializers() {
        return factory -> {
            @SuppressWarnings({"unchecked", "rawtypes"})
            DefaultKafkaProducerFactory<Object, Object> typed = (DefaultKafkaProducerFactory) factory;
            typed.setKeySerializerSupplier(DeadLetterValueSerializer::new);
            typed.setValueSerializerSupplier(DeadLetterValueSerializer::new);
        };
    }

}
