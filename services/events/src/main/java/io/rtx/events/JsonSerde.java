package io.rtx.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON serde for RTX messages, read the way a rolling upgrade needs (docs/topics.md, "Compatibility"):
 * fields this release does not know are ignored and any minor version of the type's major is read, so
 * old and new releases read each other's records. A missing or unknown major, bytes that are not the
 * type's JSON, or a record for another topic's type fail with a {@link SerializationException} whose
 * message is the dead-letter reason.
 *
 * <p>With {@link #byTopic} one deserializer serves a processor that reads several topics with
 * different value types (the risk processor), choosing the type from the record's topic.
 */
public final class JsonSerde<T extends Message> implements Serde<T> {

    /** A null or absent primitive stays bad content: every writer writes them all; new fields are never primitive. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .build();

    private static final ClassValue<SchemaVersion> VERSIONS = new ClassValue<>() {
        @Override
        protected SchemaVersion computeValue(Class<?> type) {
            SchemaVersion version = type.getAnnotation(SchemaVersion.class);
            if (version == null) {
                throw new IllegalStateException(type.getName() + " declares no @SchemaVersion");
            }
            return version;
        }
    };

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

    /** The version {@code type} is written at. */
    public static SchemaVersion version(Class<? extends Message> type) {
        return VERSIONS.get(type);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> write(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, data) -> read(topic, data);
    }

    /**
     * A deserializer that parses each distinct value once, for a global table: its store hands back bytes
     * on every read, and a processor reads the same few definitions and last trades on every command.
     * Values are immutable records, so one parsed value is shared; past {@code entries} distinct values
     * the memory starts over.
     */
    public Deserializer<T> memoizingDeserializer(int entries) {
        Map<ByteBuffer, T> parsed = new ConcurrentHashMap<>();
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            ByteBuffer key = ByteBuffer.wrap(data);
            T value = parsed.get(key);
            if (value == null) {
                value = read(topic, data);
                if (parsed.size() >= entries) {
                    parsed.clear();
                }
                parsed.put(key, value);
            }
            return value;
        };
    }

    public static byte[] write(Message value) {
        if (value == null) {
            return null;
        }
        SchemaVersion version = version(value.getClass());
        try {
            return MAPPER.writeValueAsBytes(new Versioned(version.major(), version.minor(), value));
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
        int major = version(type).major();
        try (JsonParser parser = MAPPER.createParser(data)) {
            // Fast path, one pass: every RTX writer puts schemaVersion first (Versioned), so it is checked
            // and the rest bound straight to the type. Any other order falls back to reading a tree.
            if (parser.nextToken() == JsonToken.START_OBJECT && parser.nextToken() == JsonToken.PROPERTY_NAME
                    && "schemaVersion".equals(parser.currentName())) {
                JsonToken value = parser.nextToken();
                if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT
                        || parser.getIntValue() != major) {
                    throw unsupported(type, major, MAPPER.readTree(data).get("schemaVersion"));
                }
                if (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    T message = MAPPER.readValue(parser, type);
                    if (parser.nextToken() != null) {
                        throw new SerializationException("not a valid " + type.getSimpleName()
                                + ": content after the JSON object");
                    }
                    return message;
                }
            }
            JsonNode json = MAPPER.readTree(data);
            if (!json.isObject()) {
                throw new SerializationException("not a valid " + type.getSimpleName() + ": not a JSON object");
            }
            JsonNode written = json.get("schemaVersion");
            if (written == null || !written.isInt() || written.intValue() != major) {
                throw unsupported(type, major, written);
            }
            return MAPPER.treeToValue(json, type);
        } catch (JacksonException e) {
            throw new SerializationException("not a valid " + type.getSimpleName() + ": " + firstLine(e), e);
        }
    }

    private static SerializationException unsupported(Class<?> type, int major, JsonNode written) {
        return new SerializationException("unsupported schemaVersion " + written + " for "
                + type.getSimpleName() + " (this service reads " + major + ".x)");
    }

    private static String firstLine(JacksonException e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /**
     * A message as it goes on the wire: its type's version, then its fields. {@code schemaVersion} is the
     * major, as it has always been; {@code schemaMinor} is left out at 0, so a 1.0 record is exactly what a
     * release from before minor versions existed reads.
     */
    private record Versioned(int schemaVersion,
                             @JsonInclude(JsonInclude.Include.NON_DEFAULT) int schemaMinor,
                             @JsonUnwrapped Message message) {
    }
}
