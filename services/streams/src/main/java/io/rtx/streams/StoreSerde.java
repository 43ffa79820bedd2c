package io.rtx.streams;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON for state-store values (and their changelogs): private to a processor, so plain records suffice.
 * During a rolling upgrade a pod reads values the other release wrote, from its own volume, a standby or
 * a changelog restore: a field it does not know is ignored, and one the writer did not know yet, primitive
 * or not, reads as its type's default (docs/topics.md, "State stores").
 */
public final class StoreSerde {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                    DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private StoreSerde() {
    }

    public static <T> Serde<T> of(Class<T> type) {
        return Serdes.serdeFrom(
                (topic, value) -> value == null ? null : MAPPER.writeValueAsBytes(value),
                (topic, bytes) -> bytes == null ? null : MAPPER.readValue(bytes, type));
    }
}
