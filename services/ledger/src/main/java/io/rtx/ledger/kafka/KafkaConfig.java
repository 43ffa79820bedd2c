package io.rtx.ledger.kafka;

import io.rtx.events.JsonSerde;
import io.rtx.ledger.deadletter.DeadLetterValueSerializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/**
 * Kafka wiring on top of Boot's auto-configuration (group, isolation level, ack mode and concurrency
 * are plain {@code spring.kafka.*} properties in application.yml).
 */
@Configuration(proxyBeanMethods = false)
public class KafkaConfig {

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
