package io.rtx.ledger.orders;

import io.rtx.events.ExecutionReportMessage;
import io.rtx.events.Topics;
import io.rtx.ledger.LedgerMetrics;
import io.rtx.ledger.support.Blocking;
import io.rtx.ledger.support.Records;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** rtx.execution-reports.v1 → orders, order_events. */
@Component
class ExecutionReportListener {

    private final OrderProjection projection;
    private final Blocking blocking;
    private final LedgerMetrics metrics;

    ExecutionReportListener(OrderProjection projection, Blocking blocking, LedgerMetrics metrics) {
        this.projection = projection;
        this.blocking = blocking;
        this.metrics = metrics;
    }

    @KafkaListener(id = "ledger-execution-reports", idIsGroup = false, topics = Topics.EXECUTION_REPORTS)
    void on(ConsumerRecord<byte[], ExecutionReportMessage> record) {
        blocking.await(projection.apply(Records.value(record)));
        metrics.projected(record.topic());
    }
}
