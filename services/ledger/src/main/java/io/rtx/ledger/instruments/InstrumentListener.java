package io.rtx.ledger.instruments;

import io.rtx.events.InstrumentMessage;
import io.rtx.events.Topics;
import io.rtx.ledger.LedgerMetrics;
import io.rtx.ledger.support.Blocking;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** rtx.instruments.v1 (compacted) → instruments. */
@Component
class InstrumentListener {

    private final InstrumentProjection projection;
    private final Blocking blocking;
    private final LedgerMetrics metrics;

    InstrumentListener(InstrumentProjection projection, Blocking blocking, LedgerMetrics metrics) {
        this.projection = projection;
        this.blocking = blocking;
        this.metrics = metrics;
    }

    @KafkaListener(id = "ledger-instruments", idIsGroup = false, topics = Topics.INSTRUMENTS)
    void on(ConsumerRecord<byte[], InstrumentMessage> record) {
        if (record.value() == null) {
            if (record.key() == null) {
                throw new IllegalArgumentException("tombstone without a key: no instrument to remove");
            }
            blocking.await(projection.remove(new String(record.key(), StandardCharsets.UTF_8)));
        } else {
            blocking.await(projection.apply(record.value()));
        }
        metrics.projected(record.topic());
    }
}
