package io.rtx.local;

import io.rtx.events.JsonSerde;
import io.rtx.events.Message;
import io.rtx.events.MessageSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A producer of RTX messages and a read_committed reader of output topics, for end-to-end tests. */
final class KafkaTopicsReader implements AutoCloseable {

    private static final JsonSerde<Message> MESSAGES = MessageSerdes.anyByTopic();

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    /** Every committed record read so far, per topic, in the order read. */
    private final Map<String, List<ConsumerRecord<String, byte[]>>> seen = new java.util.HashMap<>();

    KafkaTopicsReader(String bootstrapServers, List<String> topics) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new ByteArraySerializer());
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(topics);
    }

    void send(String topic, String key, Message message) {
        producer.send(new ProducerRecord<>(topic, key, JsonSerde.write(message)));
    }

    void flush() {
        producer.flush();
    }

    /** Polls until {@code done} holds over what was read, or fails after {@code timeout}. */
    void pollUntil(Duration timeout, java.util.function.BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.computeIfAbsent(r.topic(), t -> new ArrayList<>()).add(r));
        }
    }

    @SuppressWarnings("unchecked")
    <T extends Message> List<T> messages(String topic, Class<T> type) {
        return seen.getOrDefault(topic, List.of()).stream()
                .map(r -> (T) MESSAGES.deserializer().deserialize(topic, r.value())).toList();
    }

    @Override
    public void close() {
        producer.close();
        consumer.close();
    }
}
