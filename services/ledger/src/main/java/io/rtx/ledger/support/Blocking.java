package io.rtx.ledger.support;

import io.rtx.ledger.LedgerProperties;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Waits for a reactive write on a Kafka listener thread. Listener threads are blocking by design: the
 * record's offset may only be committed once its writes are durable, and records of one partition
 * must be applied one after the other.
 */
@Component
public class Blocking {

    private final Duration timeout;

    public Blocking(LedgerProperties properties) {
        this.timeout = properties.writeTimeout();
    }

    public <T> T await(Mono<T> work) {
        return work.timeout(timeout, Mono.error(() -> new WriteTimeoutException(timeout))).block();
    }

    /** The database or Redis did not answer in time: an outage, retried rather than dead-lettered. */
    public static final class WriteTimeoutException extends RuntimeException {
        WriteTimeoutException(Duration timeout) {
            super("write did not complete within " + timeout, new TimeoutException());
        }
    }
}
