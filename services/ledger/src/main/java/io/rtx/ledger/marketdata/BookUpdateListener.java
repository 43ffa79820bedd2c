package io.rtx.ledger.marketdata;

import io.rtx.events.BookUpdateMessage;
import io.rtx.events.Topics;
import io.rtx.ledger.LedgerMetrics;
import io.rtx.ledger.support.Blocking;
import io.rtx.ledger.support.Records;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** rtx.book-updates.v1 → the Redis L2 view. */
@Component
class BookUpdateListener {

    private final BookView book;
    private final Blocking blocking;
    private final LedgerMetrics metrics;

    BookUpdateListener(BookView book, Blocking blocking, LedgerMetrics metrics) {
        this.book = book;
        this.blocking = blocking;
        this.metrics = metrics;
    }

    @KafkaListener(id = "ledger-book-updates", idIsGroup = false, topics = Topics.BOOK_UPDATES)
    void on(ConsumerRecord<byte[], BookUpdateMessage> record) {
        blocking.await(book.apply(Records.value(record)));
        metrics.projected(record.topic());
    }
}
