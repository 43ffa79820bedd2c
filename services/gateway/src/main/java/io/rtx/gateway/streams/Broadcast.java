package io.rtx.gateway.streams;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rtx.events.Message;
import io.rtx.gateway.kafka.TopicListener;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Fans one topic out to SSE subscribers. Each subscriber has its own bounded buffer; one that cannot
 * keep up is disconnected (with an error event) instead of silently missing events or slowing the
 * others, and resynchronises with a GET. Counts its subscribers in {@code rtx_gateway_sse_subscribers}.
 */
public class Broadcast implements TopicListener {

    static final int SUBSCRIBER_BUFFER = 10_000;

    private final String topic;
    private final Sinks.Many<Message> sink = Sinks.many().multicast().directBestEffort();
    private final AtomicInteger subscribers = new AtomicInteger();

    public Broadcast(String topic, String streamName, MeterRegistry registry) {
        this.topic = topic;
        Gauge.builder("rtx.gateway.sse.subscribers", subscribers, AtomicInteger::get)
                .description("open Server-Sent-Events subscriptions").tag("stream", streamName).register(registry);
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public void on(String key, Message message) {
        if (message != null) {
            sink.tryEmitNext(message); // FAIL_ZERO_SUBSCRIBER when nobody listens: nothing to do
        }
    }

    public <T extends Message> Flux<T> subscribe(Class<T> type, Predicate<T> filter) {
        return sink.asFlux()
                .onBackpressureBuffer(SUBSCRIBER_BUFFER, BufferOverflowStrategy.ERROR)
                .filter(type::isInstance).map(type::cast).filter(filter)
                .doOnSubscribe(s -> subscribers.incrementAndGet())
                .doFinally(signal -> subscribers.decrementAndGet());
    }
}
