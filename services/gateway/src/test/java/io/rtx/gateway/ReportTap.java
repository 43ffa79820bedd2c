package io.rtx.gateway;

import io.rtx.events.ExecutionReportMessage;
import io.rtx.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.ObjectMapper;

/** Every execution report on the topic since it was created, read the way a client of Kafka would. */
final class ReportTap {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile ReportTap instance;

    private final List<ExecutionReportMessage> reports = new CopyOnWriteArrayList<>();

    static synchronized ReportTap on(String brokers) {
        if (instance == null) {
            instance = new ReportTap(brokers);
        }
        return instance;
    }

    private ReportTap(String brokers) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.EXECUTION_REPORTS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Thread thread = new Thread(() -> {
            while (true) {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                    try {
                        reports.add(JSON.readValue(r.value(), ExecutionReportMessage.class));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        }, "report-tap");
        thread.setDaemon(true);
        thread.start();
    }

    ExecutionReportMessage await(Predicate<ExecutionReportMessage> match, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ExecutionReportMessage r : reports) {
                if (match.test(r)) {
                    return r;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no execution report: " + what);
    }

    List<ExecutionReportMessage> all(Predicate<ExecutionReportMessage> match) {
        return reports.stream().filter(match).toList();
    }
}
