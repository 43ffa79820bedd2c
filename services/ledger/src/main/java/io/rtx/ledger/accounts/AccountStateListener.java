package io.rtx.ledger.accounts;

import io.rtx.events.AccountStateMessage;
import io.rtx.events.Topics;
import io.rtx.ledger.LedgerMetrics;
import io.rtx.ledger.support.Blocking;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Risk's accounts changelog → accounts (suspended, version), balances. */
@Component
class AccountStateListener {

    private final AccountProjection projection;
    private final Blocking blocking;
    private final LedgerMetrics metrics;

    AccountStateListener(AccountProjection projection, Blocking blocking, LedgerMetrics metrics) {
        this.projection = projection;
        this.blocking = blocking;
        this.metrics = metrics;
    }

    @KafkaListener(id = "ledger-account-states", idIsGroup = false, topics = Topics.ACCOUNTS_CHANGELOG)
    void on(ConsumerRecord<byte[], AccountStateMessage> record) {
        if (record.value() == null) {
            throw new IllegalArgumentException("tombstone on " + record.topic() + ": risk never removes an account");
        }
        // The changelog record's timestamp is that of the input whose change it carries: replays repeat it.
        blocking.await(projection.apply(record.value(), record.timestamp()));
        metrics.projected(record.topic());
    }
}
