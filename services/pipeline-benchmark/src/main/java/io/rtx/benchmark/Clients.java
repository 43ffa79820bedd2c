package io.rtx.benchmark;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka clients of the benchmark, configured once so the pipeline and the floor chain are measured
 * with the same settings: the processors' producer settings (linger 0, retry backoff 5 ms) and
 * read_committed consumers.
 */
final class Clients {

    private final String bootstrap;
    private final int senderLingerMs;

    Clients(String bootstrap, int senderLingerMs) {
        this.bootstrap = bootstrap;
        this.senderLingerMs = senderLingerMs;
    }

    String bootstrap() {
        return bootstrap;
    }

    /** What a gateway does: idempotent, acks=all, sends each record at once. */
    KafkaProducer<String, byte[]> producer() {
        Map<String, Object> config = producerConfig();
        config.put(ProducerConfig.LINGER_MS_CONFIG, senderLingerMs);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** A hop's producer, as Kafka Streams configures one under exactly_once_v2. */
    KafkaProducer<String, byte[]> transactionalProducer(String transactionalId) {
        Map<String, Object> config = producerConfig();
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 5);
        return config;
    }

    /** A read_committed consumer in group {@code groupId} (null: no group, for assign()). */
    KafkaConsumer<String, byte[]> consumer(String groupId) {
        return new KafkaConsumer<>(consumerConfig(groupId), new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** A consumer outside any group with binary keys, for the broker's internal topics. */
    KafkaConsumer<byte[], byte[]> internalTopicConsumer() {
        return new KafkaConsumer<>(consumerConfig(null), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private Map<String, Object> consumerConfig(String groupId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);   // Kafka Streams' default, for the floor's hops
        if (groupId != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        return config;
    }

    /** A consumer outside any group that reads every partition of {@code topics} from their current end. */
    KafkaConsumer<String, byte[]> tailOf(List<String> topics) {
        KafkaConsumer<String, byte[]> consumer = consumer(null);
        List<TopicPartition> partitions = topics.stream().flatMap(topic -> consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition()))).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);   // resolve the end now, before anything is produced
        return consumer;
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /** Creates the topics that do not exist yet. */
    void createTopics(List<NewTopic> topics) throws Exception {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get();
            admin.createTopics(topics.stream().filter(t -> !existing.contains(t.name())).toList()).all().get();
        }
    }
}
