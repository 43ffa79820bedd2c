package io.rtx.chaos;

import io.rtx.events.AccountEventMessage;
import io.rtx.events.AccountStateMessage;
import io.rtx.events.ExecutionReportMessage;
import io.rtx.events.JsonSerde;
import io.rtx.events.Message;
import io.rtx.events.MessageSerdes;
import io.rtx.events.OrderCommandMessage;
import io.rtx.events.Topics;
import io.rtx.events.TradeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every topic the checks need with {@code read_committed}, from the beginning, on its own
 * thread for the whole run, and keeps what it read with the local time it arrived: the arrival
 * time of the first report after a fault is the recovery time. Only committed records are seen, so
 * anything a killed processor wrote in an aborted transaction never counts.
 */
final class TopicRecorder implements AutoCloseable {

    static final List<String> TOPICS = List.of(Topics.ORDER_COMMANDS, Topics.ACCEPTED_ORDERS,
            Topics.EXECUTION_REPORTS, Topics.TRADES, Topics.ACCOUNT_EVENTS, Topics.ACCOUNTS_CHANGELOG);
    private static final JsonSerde<Message> MESSAGES = MessageSerdes.anyByTopic();

    /** A report with the wall-clock millis at which this reader received it. */
    record Received(ExecutionReportMessage report, long receivedAt) {
    }

    /** One consistent copy of everything read so far, in topic-partition order per key. */
    record Snapshot(List<OrderCommandMessage> orderCommands, List<OrderCommandMessage> acceptedOrders,
                    List<Received> reports, List<TradeMessage> trades, List<AccountEventMessage> accountEvents,
                    List<AccountStateMessage> accountStates, List<String> unreadable) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<OrderCommandMessage> orderCommands = new ArrayList<>();
    private final List<OrderCommandMessage> acceptedOrders = new ArrayList<>();
    private final List<Received> reports = new ArrayList<>();
    private final List<TradeMessage> trades = new ArrayList<>();
    private final List<AccountEventMessage> accountEvents = new ArrayList<>();
    private final List<AccountStateMessage> accountStates = new ArrayList<>();
    private final List<String> unreadable = new ArrayList<>();
    private volatile RuntimeException failure;

    TopicRecorder(String bootstrap) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "rtx-chaos-checker-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(TOPICS);
        thread = new Thread(this::run, "chaos-topic-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running.get()) {
                var records = consumer.poll(Duration.ofMillis(100));
                long now = System.currentTimeMillis();
                synchronized (this) {
                    records.forEach(r -> keep(r, now));
                }
            }
        } catch (RuntimeException e) {
            if (running.get()) {
                failure = e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void keep(ConsumerRecord<String, byte[]> record, long now) {
        Message message;
        try {
            message = MESSAGES.deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            unreadable.add(record.topic() + "-" + record.partition() + "@" + record.offset() + ": " + e.getMessage());
            return;
        }
        switch (record.topic()) {
            case Topics.ORDER_COMMANDS -> orderCommands.add((OrderCommandMessage) message);
            case Topics.ACCEPTED_ORDERS -> acceptedOrders.add((OrderCommandMessage) message);
            case Topics.EXECUTION_REPORTS -> reports.add(new Received((ExecutionReportMessage) message, now));
            case Topics.TRADES -> trades.add((TradeMessage) message);
            case Topics.ACCOUNT_EVENTS -> accountEvents.add((AccountEventMessage) message);
            case Topics.ACCOUNTS_CHANGELOG -> accountStates.add((AccountStateMessage) message);
            default -> throw new IllegalStateException("not subscribed: " + record.topic());
        }
    }

    synchronized Snapshot snapshot() {
        if (failure != null) {
            throw new IllegalStateException("the topic reader failed", failure);
        }
        return new Snapshot(List.copyOf(orderCommands), List.copyOf(acceptedOrders), List.copyOf(reports),
                List.copyOf(trades), List.copyOf(accountEvents), List.copyOf(accountStates), List.copyOf(unreadable));
    }

    synchronized int reportCount() {
        return reports.size();
    }

    /**
     * Arrival time of the first report (from {@code fromIndex} on) for an order id above
     * {@code orderIdWatermark}, i.e. for an order placed after the fault; -1 if none yet.
     */
    synchronized long firstReportAfter(long orderIdWatermark, int fromIndex, boolean fromMatching) {
        for (Received r : reports.subList(Math.min(fromIndex, reports.size()), reports.size())) {
            if (r.report().orderId() > orderIdWatermark
                    && (!fromMatching || r.report().source().equals(ExecutionReportMessage.SOURCE_MATCHING))) {
                return r.receivedAt();
            }
        }
        return -1;
    }

    synchronized long maxTradeId(String symbol) {
        return trades.stream().filter(t -> t.symbol().equals(symbol)).mapToLong(TradeMessage::tradeId).max().orElse(0);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        consumer.wakeup();
        thread.join(10_000);
    }
}
