package io.rtx.benchmark;

import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Reads the measured topics (read_committed, every partition, from the end) on its own thread and
 * tells {@link Arrivals} which order each record belongs to and after how many hops it arrived.
 * Runs until {@link #close()} or its deadline, whichever comes first.
 */
final class ArrivalListener implements AutoCloseable {

    /** What a record on a measured topic means for the order it names. */
    enum Arrival {
        /** Not a first record of a place order after one or two hops (e.g. an account event). */
        IGNORED,
        /** The order's record after one hop; a second hop follows. */
        FIRST_HOP,
        /** The order's record after one hop, and the last: refused before the second hop. */
        FIRST_HOP_FINAL,
        /** The order's record after two hops. */
        SECOND_HOP
    }

    /** Classifies a record of a measured topic. */
    interface Rule {
        Arrival classify(String topic, RecordPeek record);
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Rule rule;
    private final Arrivals arrivals;
    private final long orderIdBase;
    private final long deadlineNanos;
    private final Thread thread;
    private volatile boolean stopped;

    ArrivalListener(KafkaConsumer<String, byte[]> consumer, Rule rule, Arrivals arrivals, long orderIdBase,
                    Duration maxRunTime) {
        this.consumer = consumer;
        this.rule = rule;
        this.arrivals = arrivals;
        this.orderIdBase = orderIdBase;
        this.deadlineNanos = System.nanoTime() + maxRunTime.toNanos();
        this.thread = new Thread(this::listen, "arrival-listener");
        thread.start();
    }

    private void listen() {
        try {
            while (!stopped && System.nanoTime() < deadlineNanos) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(50));
                long now = System.nanoTime();   // the whole batch arrived together
                for (ConsumerRecord<String, byte[]> record : records) {
                    RecordPeek peek = RecordPeek.of(record.value());
                    long sequence = peek.orderId() - orderIdBase;
                    switch (rule.classify(record.topic(), peek)) {
                        case FIRST_HOP -> arrivals.arrived(sequence, 1, now);
                        case FIRST_HOP_FINAL -> arrivals.refused(sequence, now);
                        case SECOND_HOP -> arrivals.arrived(sequence, 2, now);
                        case IGNORED -> {
                        }
                    }
                }
            }
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join();
    }
}
