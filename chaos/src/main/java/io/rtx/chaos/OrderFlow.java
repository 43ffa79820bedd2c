package io.rtx.chaos;

import io.rtx.events.JsonSerde;
import io.rtx.events.Message;
import io.rtx.events.OrderCommandMessage;
import io.rtx.events.Topics;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Steady, seeded order flow straight to {@code rtx.order-commands.v1}, as the gateway would
 * publish it: limit orders a few ticks around the mid (so about half cross), some IOC, and cancels
 * of recent orders. Every PLACE is remembered, and whether the broker acknowledged it, so the checks
 * can prove that no acknowledged order vanished.
 */
final class OrderFlow implements AutoCloseable {

    /** Where a placed order lives, needed to cancel it (cancels are keyed by account, name the symbol). */
    record Placed(long accountId, String symbol) {
    }

    private final KafkaProducer<String, byte[]> producer;
    private final Market market;
    private final Random random;
    private final AtomicLong nextOrderId = new AtomicLong(1_000_000);
    private final Map<Long, Placed> placed = new ConcurrentHashMap<>();
    private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    private final Set<Long> failed = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Exception> lastSendError = new AtomicReference<>();
    private final List<Long> recent = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread thread;
    private long sentInRun;

    OrderFlow(String bootstrap, Market market, long seed) {
        this.market = market;
        this.random = new Random(seed);
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 120_000), new StringSerializer(), new ByteArraySerializer());
    }

    void send(String topic, String key, Message message) {
        producer.send(new ProducerRecord<>(topic, key, JsonSerde.write(message)));
    }

    void flush() {
        producer.flush();
    }

    /** Starts sending {@code perSecond} commands a second until {@link #stop()}. */
    synchronized void start(int perSecond) {
        if (running.getAndSet(true)) {
            throw new IllegalStateException("already running");
        }
        sentInRun = 0;
        thread = new Thread(() -> pace(perSecond), "chaos-order-flow");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Paces by elapsed time, but never bursts to catch up more than a second's worth: while a broker
     * is down sends may block, and a flood afterwards would measure the backlog, not the recovery.
     */
    private void pace(int perSecond) {
        long start = System.nanoTime();
        long due = 0;
        while (running.get()) {
            long target = (System.nanoTime() - start) * perSecond / 1_000_000_000L;
            if (target - due > perSecond) {
                due = target - perSecond;
            }
            while (due < target && running.get()) {
                nextCommand();
                due++;
            }
            Sleep.millis(10);
        }
    }

    private synchronized void nextCommand() {
        if (!recent.isEmpty() && random.nextInt(100) < 15) {
            long orderId = recent.get(random.nextInt(recent.size()));
            Placed p = placed.get(orderId);
            sendCommand(cancel(orderId, p), null);
        } else {
            long orderId = nextOrderId.incrementAndGet();
            String symbol = market.symbols().get(random.nextInt(market.symbols().size()));
            long account = 1 + random.nextInt(market.accounts);
            boolean buy = random.nextBoolean();
            // Buys from 3.00 below to 1.00 above the mid, sells the mirror image: roughly half cross.
            long cents = market.midCents.get(symbol) + (buy ? 1 : -1) * (random.nextInt(400) - 300);
            String tif = random.nextInt(10) < 2 ? "IOC" : "GTC";
            String quantity = "0.00" + (1 + random.nextInt(9));
            placed.put(orderId, new Placed(account, symbol));
            recent.add(orderId);
            if (recent.size() > 200) {
                recent.remove(0);
            }
            sendCommand(new OrderCommandMessage(OrderCommandMessage.Kind.PLACE, orderId,
                    "c" + orderId, account, symbol, buy ? "BUY" : "SELL", "LIMIT", tif, 0, false,
                    BigDecimal.valueOf(cents, 2).toPlainString(), quantity, System.currentTimeMillis()), orderId);
        }
        sentInRun++;
    }

    private static OrderCommandMessage cancel(long orderId, Placed p) {
        return new OrderCommandMessage(OrderCommandMessage.Kind.CANCEL, orderId, null,
                p.accountId(), p.symbol(), null, null, null, 0, false, null, null, System.currentTimeMillis());
    }

    private void sendCommand(OrderCommandMessage command, Long placedOrderId) {
        producer.send(new ProducerRecord<>(Topics.ORDER_COMMANDS, Long.toString(command.accountId()),
                JsonSerde.write(command)), (metadata, error) -> {
            if (placedOrderId == null) {
                return;
            }
            if (error == null) {
                acknowledged.add(placedOrderId);
            } else {
                failed.add(placedOrderId);
                lastSendError.set(error);
            }
        });
    }

    /** Stops the flow and waits until every command sent is acknowledged or definitely failed. */
    long stop() throws InterruptedException {
        running.set(false);
        if (thread != null) {
            thread.join(30_000);
        }
        producer.flush();
        synchronized (this) {
            return sentInRun;
        }
    }

    /** Cancels the given orders (the ones still live at the end of an experiment). */
    synchronized void cancelAll(Collection<Long> orderIds) {
        for (long orderId : orderIds) {
            sendCommand(cancel(orderId, placed.get(orderId)), null);
        }
        producer.flush();
    }

    /** The highest order id handed out so far: orders above it were placed after this moment. */
    long watermark() {
        return nextOrderId.get();
    }

    Set<Long> placedIds() {
        return Set.copyOf(placed.keySet());
    }

    Set<Long> acknowledgedIds() {
        return Set.copyOf(acknowledged);
    }

    Set<Long> failedIds() {
        return Set.copyOf(failed);
    }

    Exception lastSendError() {
        return lastSendError.get();
    }

    @Override
    public void close() {
        running.set(false);
        producer.close();
    }
}
