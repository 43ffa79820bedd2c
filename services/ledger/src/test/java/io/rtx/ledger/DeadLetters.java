package io.rtx.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the ledger's dead letters back, as an operator would, by the keys the test gave their originals. */
final class DeadLetters {

    private DeadLetters() {
    }

    /** The dead letters of these keys on {@code topic}, once all of them have arrived. */
    static Map<String, ConsumerRecord<String, byte[]>> await(String brokers, String topic, Collection<String> keys) {
        Map<String, ConsumerRecord<String, byte[]>> dead = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(brokers)) {
            consumer.subscribe(List.of(topic));
            LedgerIntegrationTest.eventually(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (keys.contains(r.key())) {
                        dead.put(r.key(), r);
                    }
                });
                assertThat(dead).containsOnlyKeys(keys);
            });
        }
        return dead;
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static KafkaConsumer<String, byte[]> consumer(String brokers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
