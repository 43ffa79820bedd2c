package io.rtx.ledger;

import static io.rtx.ledger.Messages.newOrder;
import static io.rtx.ledger.Messages.report;
import static io.rtx.ledger.Messages.riskRejection;
import static org.assertj.core.api.Assertions.assertThat;

import io.rtx.events.JsonSerde;
import io.rtx.events.Topics;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class OrderProjectionTest extends LedgerIntegrationTest {

    private static final long T0 = 1_700_000_000_000L;

    @Test
    void ordersMoveForwardOnlyAndRejectionsNeverOverwriteALiveOrder() {
        String symbol = "ORD-USD";
        long account = 7001;
        send(Topics.EXECUTION_REPORTS, "7001", newOrder(symbol, 1, 1001, account, T0));
        send(Topics.EXECUTION_REPORTS, "7001", report(symbol, 2, 1001, account, "TRADE", "PARTIALLY_FILLED", "2.000",
                "0.500", "1.500", "100.50", "0.500", 1, null, T0 + 1));
        send(Topics.EXECUTION_REPORTS, "7001", report(symbol, 3, 1001, account, "TRADE", "FILLED", "2.000", "2.000",
                "0", "100.50", "1.500", 2, null, T0 + 2));
        // Stale: sequence 2 again, after 3.
        send(Topics.EXECUTION_REPORTS, "7001", report(symbol, 2, 1001, account, "TRADE", "PARTIALLY_FILLED", "2.000",
                "0.500", "1.500", "100.50", "0.500", 1, null, T0 + 1));
        // A cancel of the filled order refused by the book: history only, the order stays FILLED.
        send(Topics.EXECUTION_REPORTS, "7001", report(symbol, 4, 1001, account, "REQUEST_REJECTED", "REJECTED", "0",
                "0", "0", "0", "0", 0, "UNKNOWN_ORDER", T0 + 3));
        // A pre-trade rejection naming the live order's id must not overwrite it either.
        send(Topics.EXECUTION_REPORTS, "7001", riskRejection(symbol, 1001, account, "REJECTED",
                "INSUFFICIENT_BALANCE", T0 + 4));
        // A pre-trade rejection of a new order: inserted once, even if delivered twice.
        send(Topics.EXECUTION_REPORTS, "7001", riskRejection(symbol, 1002, account, "REJECTED",
                "INSUFFICIENT_BALANCE", T0 + 5));
        send(Topics.EXECUTION_REPORTS, "7001", riskRejection(symbol, 1002, account, "REJECTED",
                "INSUFFICIENT_BALANCE", T0 + 5));

        eventually(() -> assertThat(count("SELECT count(*) FROM order_events WHERE order_id IN (1001, 1002)"))
                .isEqualTo(6));
        Map<String, Object> filled = row("SELECT * FROM orders WHERE order_id = 1001");
        assertThat(filled.get("status")).isEqualTo("FILLED");
        assertThat(filled.get("last_sequence")).isEqualTo(3L);
        assertThat(filled.get("filled_quantity")).isEqualTo(new BigDecimal("2.000"));
        assertThat(filled.get("leaves_quantity")).isEqualTo(new BigDecimal("0"));
        assertThat(filled.get("price")).isEqualTo(new BigDecimal("100.50"));
        assertThat(filled.get("client_order_id")).isEqualTo("c-1001");
        assertThat(filled.get("side")).isEqualTo("BUY");
        assertThat(((OffsetDateTime) filled.get("created_at")).toInstant()).isEqualTo(Instant.ofEpochMilli(T0));
        assertThat(((OffsetDateTime) filled.get("updated_at")).toInstant()).isEqualTo(Instant.ofEpochMilli(T0 + 2));

        Map<String, Object> rejected = row("SELECT * FROM orders WHERE order_id = 1002");
        assertThat(rejected.get("status")).isEqualTo("REJECTED");
        assertThat(rejected.get("last_sequence")).isEqualTo(0L);
        assertThat(rejected.get("last_reason")).isEqualTo("INSUFFICIENT_BALANCE");
        assertThat(count("SELECT count(*) FROM order_events WHERE source = 'MATCHING' AND symbol = 'ORD-USD'"))
                .isEqualTo(4);
    }

    @Test
    void risksAcceptedOrderOpensTheOrderAndTheBookMovesItForward() {
        String symbol = "ACK-USD";
        send(Topics.ACCEPTED_ORDERS, symbol, Messages.accepted(symbol, 6001, 7006, T0));
        eventually(() -> assertThat(row("SELECT status FROM orders WHERE order_id = 6001").get("status"))
                .isEqualTo("PENDING_NEW"));
        send(Topics.EXECUTION_REPORTS, "7006", newOrder(symbol, 1, 6001, 7006, T0 + 1));
        eventually(() -> assertThat(row("SELECT status FROM orders WHERE order_id = 6001").get("status"))
                .isEqualTo("NEW"));
        // A late duplicate of the accepted order changes nothing.
        send(Topics.ACCEPTED_ORDERS, symbol, Messages.accepted(symbol, 6001, 7006, T0));
        // Neither does one read after the book's first report (another topic: no order between them).
        send(Topics.EXECUTION_REPORTS, "7006", newOrder(symbol, 2, 6003, 7006, T0 + 5));
        eventually(() -> assertThat(row("SELECT status FROM orders WHERE order_id = 6003").get("status"))
                .isEqualTo("NEW"));
        send(Topics.ACCEPTED_ORDERS, symbol, Messages.accepted(symbol, 6003, 7006, T0 + 4));

        // An accepted order matching could not book ends REJECTED; one the book already holds is untouched.
        send(Topics.ACCEPTED_ORDERS, symbol, Messages.accepted(symbol, 6002, 7006, T0 + 2));
        send(Topics.EXECUTION_REPORTS, "7006", Messages.matchingRejection(symbol, 6002, 7006, T0 + 3));
        send(Topics.EXECUTION_REPORTS, "7006", Messages.matchingRejection(symbol, 6001, 7006, T0 + 4));
        eventually(() -> assertThat(count("SELECT count(*) FROM order_events WHERE symbol = 'ACK-USD'")).isEqualTo(7));
        assertThat(row("SELECT status FROM orders WHERE order_id = 6003").get("status")).isEqualTo("NEW");
        assertThat(row("SELECT status FROM orders WHERE order_id = 6002").get("status")).isEqualTo("REJECTED");
        assertThat(row("SELECT last_reason FROM orders WHERE order_id = 6002").get("last_reason"))
                .isEqualTo("UNKNOWN_INSTRUMENT");
        assertThat(row("SELECT status FROM orders WHERE order_id = 6001").get("status")).isEqualTo("NEW");
    }

    @Test
    void theSameRecordTwiceChangesNothing() {
        String symbol = "DUP-USD";
        send(Topics.EXECUTION_REPORTS, "7002", newOrder(symbol, 1, 2001, 7002, T0));
        eventually(() -> assertThat(count("SELECT count(*) FROM orders WHERE order_id = 2001")).isEqualTo(1));
        List<Map<String, Object>> before = rows("SELECT * FROM orders WHERE symbol = 'DUP-USD'");
        List<Map<String, Object>> eventsBefore = rows("SELECT * FROM order_events WHERE symbol = 'DUP-USD'");

        send(Topics.EXECUTION_REPORTS, "7002", newOrder(symbol, 1, 2001, 7002, T0));
        // A marker after the duplicate on the same partition (same key): once it is in, the duplicate was read.
        send(Topics.EXECUTION_REPORTS, "7002", newOrder(symbol, 2, 2002, 7002, T0 + 1));
        eventually(() -> assertThat(count("SELECT count(*) FROM orders WHERE order_id = 2002")).isEqualTo(1));

        assertThat(rows("SELECT * FROM orders WHERE order_id = 2001")).isEqualTo(before);
        assertThat(rows("SELECT * FROM order_events WHERE symbol = 'DUP-USD' AND sequence = 1")).isEqualTo(eventsBefore);
    }

    @Test
    void recordsOfAnAbortedTransactionAreNeverProjected() throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "ledger-test-" + UUID.randomUUID());
        try (KafkaProducer<String, byte[]> transactional =
                     new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            transactional.initTransactions();
            transactional.beginTransaction();
            transactional.send(new ProducerRecord<>(Topics.EXECUTION_REPORTS, "7003",
                    JsonSerde.write(newOrder("TXN-USD", 1, 3001, 7003, T0)))).get();
            transactional.abortTransaction();
            transactional.beginTransaction();
            transactional.send(new ProducerRecord<>(Topics.EXECUTION_REPORTS, "7003",
                    JsonSerde.write(newOrder("TXN-USD", 1, 3002, 7003, T0 + 1)))).get();
            transactional.commitTransaction();
        }
        eventually(() -> assertThat(count("SELECT count(*) FROM orders WHERE order_id = 3002")).isEqualTo(1));
        assertThat(count("SELECT count(*) FROM orders WHERE order_id = 3001")).isZero();
    }

    @Test
    void aReportSequenceNumberMissingLongerThanTheGraceIsOneGap() {
        double before = metrics.sequenceGaps(LedgerMetrics.STREAM_EXECUTION_REPORTS);
        // LATE-USD: 2 arrives after 3 but within the grace (reports spread over partitions): no gap.
        send(Topics.EXECUTION_REPORTS, "7004", newOrder("LATE-USD", 1, 4001, 7004, T0));
        send(Topics.EXECUTION_REPORTS, "7004", newOrder("LATE-USD", 3, 4003, 7004, T0 + 2));
        send(Topics.EXECUTION_REPORTS, "7005", newOrder("LATE-USD", 2, 4002, 7005, T0 + 1));
        // GAP-USD: 3 never comes.
        send(Topics.EXECUTION_REPORTS, "7004", newOrder("GAP-USD", 1, 5001, 7004, T0));
        send(Topics.EXECUTION_REPORTS, "7004", newOrder("GAP-USD", 2, 5002, 7004, T0 + 1));
        send(Topics.EXECUTION_REPORTS, "7004", newOrder("GAP-USD", 4, 5004, 7004, T0 + 3));
        eventually(() -> assertThat(count("SELECT count(*) FROM order_events WHERE symbol IN ('LATE-USD', 'GAP-USD')"))
                .isEqualTo(6));

        // Once both checkpoints have passed every number sent, the scan never looks at these again: the count is final.
        eventually(() -> {
            assertThat(count("SELECT checked_through FROM report_sequence_checkpoints WHERE symbol = 'GAP-USD'"))
                    .isEqualTo(4);
            assertThat(count("SELECT checked_through FROM report_sequence_checkpoints WHERE symbol = 'LATE-USD'"))
                    .isEqualTo(3);
        });
        assertThat(metrics.sequenceGaps(LedgerMetrics.STREAM_EXECUTION_REPORTS) - before).isEqualTo(1.0);
    }
}
