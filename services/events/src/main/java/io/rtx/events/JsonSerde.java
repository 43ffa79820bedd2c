package io.rtx.events;

import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON serde for RTX messages. Reading is strict: unknown fields, a missing or unknown
 * {@code schemaVersion}, or a record for another topic's type all fail with a
 * {@link SerializationException} whose message is the dead-letter reason.
 *
 * <p>With {@link #byTopic} one deserializer serves a processor that reads several topics with
 * different value types (the risk processor), choosing the type from the record's topic.
 */
public final class JsonSerde<T extends Message> implements Serde<T> {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                    DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .build();

    private final Map<String, Class<? extends T>> typeByTopic;
    private final Class<? extends T> defaultType;

    private JsonSerde(Class<? extends T> defaultType, Map<String, Class<? extends T>> typeByTopic) {
        this.defaultType = defaultType;
        this.typeByTopic = typeByTopic;
    }

    public static <T extends Message> JsonSerde<T> of(Class<T> type) {
        return new JsonSerde<>(type, Map.of());
    }

    public static JsonSerde<Message> byTopic(Map<String, Class<? extends Message>> typeByTopic) {
        return new JsonSerde<>(null, Map.copyOf(typeByTopic));
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> write(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, data) -> read(topic, data);
    }

    public static byte[] write(Message value) {
        if (value == null) {
            return null;
        }
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JacksonException e) {
            throw new SerializationException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    T read(String topic, byte[] data) {
        if (data == null) {
            return null; // a tombstone
        }
        Class<? extends T> type = typeByTopic.getOrDefault(topic, defaultType);
        if (type == null) {
            throw new SerializationException("no message type is registered for topic " + topic);
        }
        T value;
        try {
            value = MAPPER.readValue(data, type);
        } catch (JacksonException e) {
            throw new SerializationException("not a valid " + type.getSimpleName() + ": " + firstLine(e), e);
        }
        if (value.schemaVersion() != Message.CURRENT_SCHEMA_VERSION) {
            throw new SerializationException("unsupported schemaVersion " + value.schemaVersion() + " for "
                    + type.getSimpleName() + " (this service reads " + Message.CURRENT_SCHEMA_VERSION + ")");
        }
        return value;
    }

    private static String firstLine(JacksonException e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
