package io.rtx.ledger.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rtx.ledger.LedgerMetrics;
import io.rtx.ledger.LedgerProperties;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.BackOffExecution;

class FailuresTest {

    private static final LedgerProperties.Retry RETRY = new LedgerProperties.Retry(3, Duration.ofMillis(10),
            Duration.ofSeconds(30));

    @Test
    void badContentIsDeadLetteredAtOnceWithTheMessageThatExplainsIt() {
        Exception failure = new ListenerExecutionFailedException("listener failed",
                new IllegalArgumentException("price: 'x' is not a decimal number"));
        assertThat(Failures.classify(failure)).isEqualTo(Failures.Kind.BAD_CONTENT);
        assertThat(Failures.reason(failure)).isEqualTo("price: 'x' is not a decimal number");
        assertThat(DeadLetterConfig.backOff(Failures.Kind.BAD_CONTENT, RETRY).start().nextBackOff())
                .isEqualTo(BackOffExecution.STOP);

        assertThat(Failures.classify(new SerializationException("unsupported schemaVersion 2")))
                .isEqualTo(Failures.Kind.BAD_CONTENT);
        assertThat(Failures.classify(new DataIntegrityViolationException("numeric field overflow")))
                .isEqualTo(Failures.Kind.BAD_CONTENT);
    }

    @Test
    void anOutageIsRetriedWithoutLimit() {
        assertThat(Failures.classify(new ListenerExecutionFailedException("x",
                new DataAccessResourceFailureException("connection refused", new ConnectException()))))
                .isEqualTo(Failures.Kind.OUTAGE);
        assertThat(Failures.classify(new QueryTimeoutException("slow"))).isEqualTo(Failures.Kind.OUTAGE);
        BackOffExecution outage = DeadLetterConfig.backOff(Failures.Kind.OUTAGE, RETRY).start();
        for (int i = 0; i < 1_000; i++) {
            assertThat(outage.nextBackOff()).isBetween(1L, 30_000L);
        }
    }

    /**
     * The handler the listeners really get: an outage is retried, never dead-lettered, and an unexpected
     * failure gets its retries. (With a default back-off of no retries, spring-kafka recovers every failure
     * at once without asking the back-off function, so a PostgreSQL outage emptied into the dead-letter
     * topics.)
     */
    @Test
    void theListenersErrorHandlerRetriesAnOutageInsteadOfDeadLetteringIt() {
        LedgerProperties properties = new LedgerProperties(false, 20, Duration.ofSeconds(30),
                new LedgerProperties.Retry(2, Duration.ofMillis(10), Duration.ofMillis(50)),
                new LedgerProperties.ReportGaps(Duration.ofSeconds(10), Duration.ofSeconds(2)),
                new LedgerProperties.Ticker(Duration.ofSeconds(1), Duration.ofSeconds(60)));
        LedgerMetrics metrics = new LedgerMetrics(new SimpleMeterRegistry());
        List<ProducerRecord<Object, Object>> deadLettered = new ArrayList<>();
        // The dead-letter publisher's template, keeping what it would send (no broker here).
        KafkaTemplate<Object, Object> template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"))) {
            @Override
            public CompletableFuture<SendResult<Object, Object>> send(ProducerRecord<Object, Object> record) {
                deadLettered.add(record);
                return CompletableFuture.completedFuture(new SendResult<>(record,
                        new RecordMetadata(new TopicPartition(record.topic(), 0), 0, 0, 0, 0, 0)));
            }
        };
        DefaultErrorHandler handler = (DefaultErrorHandler) new DeadLetterConfig()
                .ledgerErrorHandler(template, metrics, properties);
        String topic = "rtx.execution-reports.v1";

        Exception outage = new ListenerExecutionFailedException("listener failed", new CannotCreateTransactionException(
                "Could not open R2DBC Connection for transaction", new ConnectException("Connection refused")));
        ConsumerRecord<Object, Object> first = new ConsumerRecord<>(topic, 0, 42L, null, null);
        for (int attempt = 0; attempt < 20; attempt++) {
            assertThat(handler.handleOne(outage, first, null, null)).as("attempt " + attempt + " retried").isFalse();
        }
        assertThat(deadLettered).isEmpty();
        assertThat(metrics.deadLetters(topic)).isZero();

        Exception surprise = new ListenerExecutionFailedException("listener failed", new IllegalStateException("surprise"));
        ConsumerRecord<Object, Object> second = new ConsumerRecord<>(topic, 0, 43L, null, null);
        assertThat(handler.handleOne(surprise, second, null, null)).as("first retry").isFalse();
        assertThat(handler.handleOne(surprise, second, null, null)).as("second retry").isFalse();
        assertThat(handler.handleOne(surprise, second, null, null)).as("retries spent: dead-lettered").isTrue();

        Exception bad = new ListenerExecutionFailedException("listener failed", new IllegalArgumentException("bad price"));
        ConsumerRecord<Object, Object> third = new ConsumerRecord<>(topic, 0, 44L, null, null);
        assertThat(handler.handleOne(bad, third, null, null)).as("bad content: dead-lettered at once").isTrue();
        assertThat(deadLettered).extracting(ProducerRecord::topic).containsExactly(topic + ".dlq", topic + ".dlq");
        assertThat(metrics.deadLetters(topic)).isEqualTo(2);
    }

    @Test
    void anythingElseGetsAFewRetriesThenTheDeadLetterTopic() {
        assertThat(Failures.classify(new IllegalStateException("surprise"))).isEqualTo(Failures.Kind.UNEXPECTED);
        assertThat(Failures.reason(new IllegalStateException("surprise"))).isEqualTo("surprise");
        BackOffExecution unexpected = DeadLetterConfig.backOff(Failures.Kind.UNEXPECTED, RETRY).start();
        assertThat(unexpected.nextBackOff()).isEqualTo(10L);
        assertThat(unexpected.nextBackOff()).isEqualTo(10L);
        assertThat(unexpected.nextBackOff()).isEqualTo(10L);
        assertThat(unexpected.nextBackOff()).isEqualTo(BackOffExecution.STOP);
    }
}
