package io.rtx.ledger.deadletter;

import io.rtx.events.Topics;
import io.rtx.ledger.LedgerMetrics;
import io.rtx.ledger.LedgerProperties;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * What happens to a record that cannot be applied: retried per {@link Failures}, then published to
 * {@code <topic>.dlq} with the original key and bytes and the headers {@code rtx.dlq.reason} and
 * {@code rtx.dlq.source} (the input topic); its offset is then committed and the listener moves on.
 * Boot installs this handler on its listener container factory.
 */
@Configuration(proxyBeanMethods = false)
public class DeadLetterConfig {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterConfig.class);

    @Bean
    CommonErrorHandler ledgerErrorHandler(KafkaTemplate<Object, Object> template, LedgerMetrics metrics,
                                          LedgerProperties properties) {
        // Partition -1: the producer picks it from the original key, so the DLQ may have any partition count.
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(template,
                (record, failure) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        publisher.setHeadersFunction((record, failure) -> {
            RecordHeaders headers = new RecordHeaders();
            headers.add(Topics.DLQ_REASON_HEADER, Failures.reason(failure).getBytes(StandardCharsets.UTF_8));
            headers.add(Topics.DLQ_SOURCE_HEADER, record.topic().getBytes(StandardCharsets.UTF_8));
            return headers;
        });

        // The default back-off must allow a retry: spring-kafka decides once, from the default alone, that a
        // handler with "no retries" recovers every failure at once and never asks the back-off function below,
        // which would dead-letter every record of a PostgreSQL outage. The function decides every case.
        DefaultErrorHandler handler = new DefaultErrorHandler((record, failure) -> {
            publisher.accept(record, failure);
            metrics.deadLetter(record.topic());
            log.error("Dead-lettered {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    Failures.reason(failure));
        }, new FixedBackOff(0, 1));

        LedgerProperties.Retry retry = properties.retry();
        handler.setBackOffFunction((record, failure) -> backOff(Failures.classify(failure), retry));
        handler.setCommitRecovered(true);
        return handler;
    }

    static BackOff backOff(Failures.Kind kind, LedgerProperties.Retry retry) {
        return switch (kind) {
            case BAD_CONTENT -> new FixedBackOff(0, 0);
            case UNEXPECTED -> new FixedBackOff(retry.interval().toMillis(), retry.attempts());
            case OUTAGE -> {
                ExponentialBackOff outage = new ExponentialBackOff(200, 2.0);
                outage.setMaxInterval(retry.maxOutageBackOff().toMillis());
                yield outage; // no max elapsed time: wait for PostgreSQL / Redis to come back
            }
        };
    }
}
