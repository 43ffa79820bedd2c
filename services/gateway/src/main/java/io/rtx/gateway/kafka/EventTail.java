package io.rtx.gateway.kafka;

import io.rtx.events.JsonSerde;
import io.rtx.events.Message;
import io.rtx.events.MessageSerdes;
import io.rtx.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The gateway's one Kafka consumer. It belongs to no consumer group: it assigns itself every partition
 * of the topics it follows, so blue/green and preview pods never take partitions from each other and
 * every instance sees every record (acknowledgements and SSE need all of them). Live topics start at
 * their end; the compacted instruments topic is read from the beginning, and the gateway is ready only
 * once it has caught up with it. read_committed: records of aborted transactions never reach a client.
 */
@Component
public class EventTail implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventTail.class);
    private static final JsonSerde<Message> SERDE = MessageSerdes.anyByTopic();
    private static final List<String> LIVE = List.of(Topics.ACCEPTED_ORDERS, Topics.EXECUTION_REPORTS,
            Topics.ACCOUNT_EVENTS, Topics.TRADES, Topics.BOOK_UPDATES);

    private final KafkaProperties kafkaProperties;
    private final Map<String, List<TopicListener>> listeners;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;
    private Thread thread;

    public EventTail(KafkaProperties kafkaProperties, List<TopicListener> listeners) {
        this.kafkaProperties = kafkaProperties;
        this.listeners = listeners.stream().collect(Collectors.groupingBy(TopicListener::topic));
    }

    /** True once every partition is assigned and positioned and the instruments are loaded. */
    public boolean ready() {
        return caughtUp.getCount() == 0 && running;
    }

    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void start() {
        Map<String, Object> config = new HashMap<>(kafkaProperties.buildConsumerProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "rtx-gateway-tail");
        consumer = new KafkaConsumer<>(config);
        running = true;
        thread = new Thread(this::run, "rtx-gateway-event-tail");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            Map<TopicPartition, Long> instrumentEnds = assign();
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    dispatch(record);
                }
                if (caughtUp.getCount() > 0 && instrumentEnds.entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    log.info("event tail ready: {} partitions followed", consumer.assignment().size());
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            // stop() woke the consumer up
        } catch (RuntimeException e) {
            log.error("event tail stopped: acknowledgements and streams are unavailable", e);
            running = false;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Assigns every partition; returns the instruments topic's end offsets to catch up with. */
    private Map<TopicPartition, Long> assign() {
        List<TopicPartition> live = new ArrayList<>();
        List<TopicPartition> instruments = new ArrayList<>();
        for (String topic : LIVE) {
            live.addAll(partitions(topic));
        }
        instruments.addAll(partitions(Topics.INSTRUMENTS));
        List<TopicPartition> all = new ArrayList<>(live);
        all.addAll(instruments);
        consumer.assign(all);
        consumer.seekToEnd(live);
        consumer.seekToBeginning(instruments);
        // Resolve the positions now, so nothing published after start-up can be missed.
        live.forEach(consumer::position);
        return consumer.endOffsets(instruments);
    }

    private List<TopicPartition> partitions(String topic) {
        var infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private void dispatch(ConsumerRecord<String, byte[]> record) {
        List<TopicListener> targets = listeners.getOrDefault(record.topic(), List.of());
        if (targets.isEmpty()) {
            return;
        }
        Message message;
        try {
            message = SERDE.deserializer().deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            // Garbage or a major this release does not read. Every instance reads every record, so the
            // dead letter is the ledger's consumer group's to write, once; the gateway only skips it.
            log.warn("skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return;
        }
        for (TopicListener listener : targets) {
            try {
                listener.on(record.key(), message);
            } catch (RuntimeException e) {
                log.error("listener {} failed on {}-{}@{}", listener.getClass().getSimpleName(), record.topic(),
                        record.partition(), record.offset(), e);
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Started before the web server takes traffic (the server's lifecycle phase is higher). */
    @Override
    public int getPhase() {
        return 0;
    }
}
