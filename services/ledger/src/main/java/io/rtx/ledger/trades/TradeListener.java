package io.rtx.ledger.trades;

import io.rtx.events.Topics;
import io.rtx.events.TradeMessage;
import io.rtx.ledger.LedgerMetrics;
import io.rtx.ledger.marketdata.LastTradeView;
import io.rtx.ledger.marketdata.TickerView;
import io.rtx.ledger.support.Blocking;
import io.rtx.ledger.support.Records;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * rtx.trades.v1 → trades, candles (one transaction), then the Redis last trade and ticker. The Redis
 * writes come after the commit and are idempotent, so a retry after a Redis failure redoes them
 * without touching PostgreSQL again.
 */
@Component
class TradeListener implements ConsumerSeekAware {

    private final TradeProjection projection;
    private final TradeSequence sequence;
    private final LastTradeView lastTrade;
    private final TickerView ticker;
    private final Blocking blocking;
    private final LedgerMetrics metrics;

    TradeListener(TradeProjection projection, TradeSequence sequence, LastTradeView lastTrade, TickerView ticker,
                  Blocking blocking, LedgerMetrics metrics) {
        this.projection = projection;
        this.sequence = sequence;
        this.lastTrade = lastTrade;
        this.ticker = ticker;
        this.blocking = blocking;
        this.metrics = metrics;
    }

    @KafkaListener(id = "ledger-trades", idIsGroup = false, topics = Topics.TRADES)
    void on(ConsumerRecord<byte[], TradeMessage> record) {
        TradeMessage trade = Records.value(record);
        blocking.await(projection.apply(trade)
                .flatMap(inserted -> inserted ? sequence.written(trade.symbol(), trade.tradeId()) : Mono.empty())
                .then(lastTrade.offer(trade)));
        ticker.touched(trade.symbol());
        metrics.projected(record.topic());
    }

    /** Partitions moved: another replica may have written trades, so re-seed the highest ids from PostgreSQL. */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        sequence.reset();
    }
}
