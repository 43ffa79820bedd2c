package io.rtx.ledger.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtx.ledger.LedgerProperties;
import java.net.ConnectException;
import java.time.Duration;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
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
