package io.rtx.ledger.deadletter;

import io.rtx.events.JsonSerde;
import io.rtx.events.Message;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes what a dead letter carries: the original bytes when the record could not be read, or the
 * message (re-written as the same JSON) when it was read but could not be applied.
 */
public class DeadLetterValueSerializer implements Serializer<Object> {

    @Override
    public byte[] serialize(String topic, Object data) {
        if (data == null || data instanceof byte[]) {
            return (byte[]) data;
        }
        if (data instanceof Message message) {
            return JsonSerde.write(message);
        }
        if (data instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        throw new SerializationException("cannot write a dead letter of type " + data.getClass().getName());
    }
}
