package io.rtx.events;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A processor output with its destination: lets one sink write every output topic of a processor
 * (reports, trades, dead letters, ...) inside the same exactly-once transaction. Exactly one of
 * {@code message} and {@code raw} is set: {@code raw} carries a dead letter's original bytes.
 */
public record Routed(String topic, Message message, byte[] raw) {

    public static Routed to(String topic, Message message) {
        return new Routed(topic, message, null);
    }

    public static Routed deadLetter(String inputTopic, byte[] original) {
        return new Routed(Topics.deadLetter(inputTopic), null, original);
    }

    /** Writes only the payload; the topic is chosen by the sink's topic extractor. */
    public static Serde<Routed> serde() {
        return Serdes.serdeFrom(
                (topic, routed) -> routed == null ? null : routed.raw() != null ? routed.raw() : JsonSerde.write(routed.message()),
                (topic, bytes) -> {
                    throw new UnsupportedOperationException("Routed is written, never read");
                });
    }
}
