package io.rtx.ledger.accounts;

import io.rtx.events.AccountEventMessage;
import io.rtx.events.Topics;
import io.rtx.ledger.LedgerMetrics;
import io.rtx.ledger.support.Blocking;
import io.rtx.ledger.support.Records;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** rtx.account-events.v1 → account_events, accounts (last_sequence). */
@Component
class AccountEventListener {

    private final AccountProjection projection;
    private final Blocking blocking;
    private final LedgerMetrics metrics;

    AccountEventListener(AccountProjection projection, Blocking blocking, LedgerMetrics metrics) {
        this.projection = projection;
        this.blocking = blocking;
        this.metrics = metrics;
    }

    @KafkaListener(id = "ledger-account-events", idIsGroup = false, topics = Topics.ACCOUNT_EVENTS)
    void on(ConsumerRecord<byte[], AccountEventMessage> record) {
        blocking.await(projection.apply(Records.value(record)));
        metrics.projected(record.topic());
    }
}
