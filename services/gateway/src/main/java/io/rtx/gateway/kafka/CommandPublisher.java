package io.rtx.gateway.kafka;

import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.rtx.events.JsonSerde;
import io.rtx.events.Message;
import io.rtx.gateway.problems.ServiceUnavailableException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Publishes commands. The producer is idempotent with acks=all (gateway.yml); on top of its own
 * retries within {@code delivery.timeout.ms}, a failed send is retried a bounded number of times
 * ({@code resilience4j.retry.instances.kafka}) and then becomes a 503. A duplicate caused by a retry
 * is harmless: order ids are unique and the book refuses a duplicate order id.
 */
@Component
public class CommandPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final Retry retry;

    public CommandPublisher(KafkaTemplate<String, byte[]> kafka, RetryRegistry retries) {
        this.kafka = kafka;
        this.retry = retries.retry("kafka");
    }

    public Mono<Void> publish(String topic, String key, Message message) {
        byte[] value = JsonSerde.write(message);
        return Mono.defer(() -> Mono.fromFuture(kafka.send(topic, key, value)))
                .transformDeferred(RetryOperator.of(retry))
                .onErrorMap(e -> new ServiceUnavailableException("Kafka", e))
                .then();
    }
}
