package io.rtx.ledger.orders;

import io.rtx.events.OrderCommandMessage;
import io.rtx.events.Topics;
import io.rtx.ledger.LedgerMetrics;
import io.rtx.ledger.support.Blocking;
import io.rtx.ledger.support.Records;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** rtx.accepted-orders.v1 → orders (PENDING_NEW), order_events: risk's acknowledgement of a new order. */
@Component
class AcceptedOrderListener {

    private final OrderProjection projection;
    private final Blocking blocking;
    private final LedgerMetrics metrics;

    AcceptedOrderListener(OrderProjection projection, Blocking blocking, LedgerMetrics metrics) {
        this.projection = projection;
        this.blocking = blocking;
        this.metrics = metrics;
    }

    @KafkaListener(id = "ledger-accepted-orders", idIsGroup = false, topics = Topics.ACCEPTED_ORDERS)
    void on(ConsumerRecord<byte[], OrderCommandMessage> record) {
        blocking.await(projection.accepted(Records.value(record)));
        metrics.projected(record.topic());
    }
}
