package io.rtx.benchmark;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One bare exactly-once hop, as a Kafka Streams thread does it under exactly_once_v2 but with no
 * processing: read_committed consume → copy the record → transactional send, and every commit
 * interval send the consumed offsets into the transaction and commit it (synchronously, blocking the
 * loop, as Streams does). What remains is the latency Kafka's transactions alone add to a hop.
 *
 * <p>Runs on its own thread until {@link #close()} or its deadline. As a {@link CommitWatch} it reports the time
 * its commits block the loop (sending the offsets and committing, as in a Streams thread's commit).
 */
final class TransactionalHop implements AutoCloseable, CommitWatch {

    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final String output;
    private final long commitIntervalNanos;
    private final long deadlineNanos;
    private final String role;
    private final Thread thread;
    private volatile boolean stopped;
    /** Written by the hop's thread only. */
    private volatile long commits;
    private volatile long commitNanos;
    private long commitsAtWindowStart;
    private long commitNanosAtWindowStart;

    /**
     * @param role  the hop's thread name (floor-hop-1, floor-hop-2), so its CPU is reported per hop
     * @param runId makes the group and transactional ids unique to this run
     */
    TransactionalHop(Clients clients, String role, String runId, String input, String output,
                     Duration commitInterval, Duration maxRunTime) {
        this.consumer = clients.consumer(role + "-" + runId);
        this.producer = clients.transactionalProducer(role + "-" + runId);
        this.output = output;
        this.role = role;
        this.commitIntervalNanos = commitInterval.toNanos();
        this.deadlineNanos = System.nanoTime() + maxRunTime.toNanos();
        consumer.subscribe(List.of(input));
        producer.initTransactions();
        this.thread = new Thread(this::loop, role);
        thread.start();
    }

    private void loop() {
        Map<TopicPartition, OffsetAndMetadata> consumed = new HashMap<>();
        boolean inTransaction = false;
        long lastCommit = System.nanoTime();
        try {
            while (!stopped && System.nanoTime() < deadlineNanos) {
                long untilCommit = Math.max(0, lastCommit + commitIntervalNanos - System.nanoTime());
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofNanos(untilCommit))) {
                    if (!inTransaction) {
                        producer.beginTransaction();
                        inTransaction = true;
                    }
                    producer.send(new ProducerRecord<>(output, record.key(), record.value()));
                    consumed.put(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                }
                long now = System.nanoTime();
                if (now - lastCommit >= commitIntervalNanos) {
                    // Like a Streams thread: commit what is open once the interval has passed, then restart the clock.
                    if (inTransaction) {
                        producer.sendOffsetsToTransaction(consumed, consumer.groupMetadata());
                        producer.commitTransaction();
                        commitNanos += System.nanoTime() - now;
                        commits++;
                        consumed.clear();
                        inTransaction = false;
                    }
                    lastCommit = now;
                }
            }
        } finally {
            producer.close();
            consumer.close();
        }
    }

    String role() {
        return role;
    }

    @Override
    public void windowStarts() {
        commitNanosAtWindowStart = commitNanos;
        commitsAtWindowStart = commits;
    }

    @Override
    public List<Commits> windowEnds(double windowSeconds) {
        long count = commits - commitsAtWindowStart;
        double busySeconds = (commitNanos - commitNanosAtWindowStart) / 1e9;
        return List.of(new Commits(role, count / windowSeconds, busySeconds * 1000 / count, Double.NaN,
                busySeconds / windowSeconds));
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join();
    }
}
