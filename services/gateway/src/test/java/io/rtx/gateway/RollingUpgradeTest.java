package io.rtx.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtx.engine.order.ExecType;
import io.rtx.events.AccountCommandMessage;
import io.rtx.events.AccountEventMessage;
import io.rtx.events.BookUpdateMessage;
import io.rtx.events.ExecutionReportMessage;
import io.rtx.events.InstrumentMessage;
import io.rtx.events.JsonSerde;
import io.rtx.events.Message;
import io.rtx.events.OrderCommandMessage;
import io.rtx.events.Topics;
import io.rtx.events.TradeMessage;
import io.rtx.events.testing.LaterWriter;
import io.rtx.gateway.admin.AccountCommands;
import io.rtx.gateway.markets.InstrumentCatalog;
import io.rtx.gateway.orders.AckRegistry;
import io.rtx.gateway.streams.Broadcast;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * The gateway's event tail during a rolling upgrade, reading records of a later release: every type it
 * follows reaches its listeners at a newer minor version with a field the gateway does not know; a major
 * version it does not know is skipped (the ledger's consumer group dead-letters it, once), and the real
 * risk and matching processors keep running through both.
 */
@Order(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollingUpgradeTest extends GatewayTest {

    private static final String UPG = "UPG-USD";
    private static final long ACCOUNT = 9801;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaProducer<String, byte[]> producer;

    @Autowired
    AckRegistry acks;
    @Autowired
    AccountCommands accountCommands;
    @Autowired
    InstrumentCatalog instruments;
    @Autowired
    @Qualifier("tradeBroadcast")
    Broadcast trades;
    @Autowired
    @Qualifier("bookUpdateBroadcast")
    Broadcast books;

    @AfterAll
    static void closeProducer() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    @Test
    @Order(1)
    void everyTypeTheTailFollowsReachesItsListenersAtANewerMinorWithAFieldTheGatewayDoesNotKnow() throws Exception {
        later(Topics.INSTRUMENTS, UPG, instrument(20));
        CompletableFuture<TradeMessage> trade = trades.subscribe(TradeMessage.class, t -> t.symbol().equals(UPG))
                .next().toFuture();
        CompletableFuture<BookUpdateMessage> bookUpdate = books.subscribe(BookUpdateMessage.class,
                b -> b.symbol().equals(UPG)).next().toFuture();
        later(Topics.TRADES, UPG, trade("10.00"));
        later(Topics.BOOK_UPDATES, UPG, new BookUpdateMessage(UPG, 1,
                List.of(new BookUpdateMessage.Level("9.00", "2.000", 1)), List.of(), 1));
        long orderId = expectOrder(9_801_001L);
        later(Topics.ACCEPTED_ORDERS, UPG, accepted(orderId));

        assertThat(trade.get(WAIT.toSeconds(), TimeUnit.SECONDS).price()).isEqualTo("10.00");
        assertThat(bookUpdate.get(WAIT.toSeconds(), TimeUnit.SECONDS).bids()).hasSize(1);
        assertThat(acks.await(orderId, WAIT).block()).hasValueSatisfying(report ->
                assertThat(report.execType()).isEqualTo(ExecType.PENDING_NEW.name()));
        assertThat(answerAsALaterRisk()).hasValueSatisfying(event ->
                assertThat(event.balances()).containsExactly(usd("5.00")));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (instruments.find(UPG).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(instruments.find(UPG)).as("the instrument is in the catalog").isPresent();
        // Risk read the same instrument and trade: a market order is protected at 10% above that trade.
        assertThat(marketBuyProtectedAt()).isEqualTo("11.00");
    }

    @Test
    @Order(2)
    void aMajorTheGatewayDoesNotReadIsSkippedAndTheRecordsAfterItStillArrive() throws Exception {
        CompletableFuture<TradeMessage> trade = trades.subscribe(TradeMessage.class, t -> t.symbol().equals(UPG))
                .next().toFuture();
        long orderId = expectOrder(9_801_002L);
        send(Topics.INSTRUMENTS, UPG, LaterWriter.nextMajor(instrument(99)));
        send(Topics.TRADES, UPG, LaterWriter.nextMajor(trade("1000.00")));
        send(Topics.EXECUTION_REPORTS, Long.toString(ACCOUNT), LaterWriter.nextMajor(report(orderId, "REJECTED")));
        send(Topics.ACCEPTED_ORDERS, UPG, LaterWriter.nextMajor(accepted(orderId)));
        later(Topics.TRADES, UPG, trade("20.00"));
        later(Topics.ACCEPTED_ORDERS, UPG, accepted(orderId));

        // Same keys, so same partitions: the 1.x records came after the 2.x ones, which never reached a listener.
        assertThat(trade.get(WAIT.toSeconds(), TimeUnit.SECONDS).price()).isEqualTo("20.00");
        assertThat(acks.await(orderId, WAIT).block()).hasValueSatisfying(report ->
                assertThat(report.execType()).isEqualTo(ExecType.PENDING_NEW.name()));
        // Risk's trades table skipped the 2.x trade and read the one after it; neither processor stopped.
        assertThat(marketBuyProtectedAt()).isEqualTo("22.00");
        assertThat(processors.running()).isTrue();
    }

    /** Places a market buy of 1 UPG for account A through the API; the protection price risk gave it. */
    private String marketBuyProtectedAt() {
        return json(post("/api/v1/orders", Fixture.keyA, Map.of("symbol", UPG, "side", "BUY", "type", "MARKET",
                "timeInForce", "IOC", "quantity", "1.000")), 201).get("price").asString();
    }

    /**
     * Sends an account command with risk paused and answers it as risk of a later release would: the
     * account event echoes the command id. Returns what the command's caller received.
     */
    private java.util.Optional<AccountEventMessage> answerAsALaterRisk() throws Exception {
        processors.pauseRisk();
        try {
            CompletableFuture<AccountCommands.Sent> sent = accountCommands.send(AccountCommandMessage.Kind.DEPOSIT,
                    ACCOUNT, "USD", "5").toFuture();
            later(Topics.ACCOUNT_EVENTS, Long.toString(ACCOUNT), new AccountEventMessage(1, publishedCommandId(),
                    ACCOUNT, "DEPOSIT", true, null, false, List.of(usd("5.00")), 1));
            return sent.get(WAIT.toSeconds(), TimeUnit.SECONDS).result();
        } finally {
            processors.resumeRisk();
        }
    }

    /** The id of the account command the gateway published for {@link #ACCOUNT}. */
    private String publishedCommandId() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ACCOUNT_COMMANDS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    AccountCommandMessage command = JsonSerde.of(AccountCommandMessage.class).deserializer()
                            .deserialize(record.topic(), record.value());
                    if (command.accountId() == ACCOUNT) {
                        return command.commandId();
                    }
                }
            }
        }
        throw new AssertionError("the gateway published no account command for " + ACCOUNT);
    }

    private long expectOrder(long orderId) {
        acks.expect(new AckRegistry.OwnOrder(orderId, ACCOUNT, UPG, "GTC", System.nanoTime()));
        return orderId;
    }

    private void later(String topic, String key, Message message) {
        send(topic, key, LaterWriter.nextMinor(message));
    }

    private void send(String topic, String key, byte[] value) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        }
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static AccountEventMessage.BalanceMessage usd(String available) {
        return new AccountEventMessage.BalanceMessage("USD", available, "0");
    }

    private static InstrumentMessage instrument(int takerFeeBps) {
        return new InstrumentMessage(UPG, "UPG", 8, "USD", 8, 2, 3, "0.01", "0.001",
                "0.001", "1000.000", "10.00", null, "1000000.00000000", 10, takerFeeBps, "CANCEL_NEWEST");
    }

    private static TradeMessage trade(String price) {
        return new TradeMessage(UPG, 1, price, "1.000", 1, 8, 2, 9, "BUY", 1);
    }

    /** Risk's rejection of an order of {@link #ACCOUNT}. */
    private static ExecutionReportMessage report(long orderId, String execType) {
        return new ExecutionReportMessage(ExecutionReportMessage.SOURCE_RISK, UPG, 0,
                orderId, "c-" + orderId, ACCOUNT, "BUY", "LIMIT", "GTC", execType, execType, "9.00", "1.000", "0",
                "1.000", "0", "0", null, 0, null, 1, null);
    }

    /** Risk's acceptance of an order of {@link #ACCOUNT}: a bid below every price these tests trade at. */
    private static OrderCommandMessage accepted(long orderId) {
        return new OrderCommandMessage(OrderCommandMessage.Kind.PLACE, orderId, "c-" + orderId, ACCOUNT, UPG, "BUY",
                "LIMIT", "GTC", 0, false, "9.00", "1.000", 1);
    }
}
