package io.rtx.streams;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A processor's topology in one place: its application id, the topics its one source reads (as bytes,
 * so the processor dead-letters what it cannot read), and its global tables with their store names.
 * The binder builds it from {@link #bindingProperties()} (production, the local stack, the pipeline
 * benchmark, the chaos suite: every one starts the application's builder); a plain
 * {@link StreamsBuilder} builds the same with {@link #build} (TopologyTestDriver tests, JMH). No topic
 * or store name lives in YAML.
 *
 * @param function the functional bean the binder binds: input {@code <function>-in-0} is the source,
 *                 {@code -in-1}, {@code -in-2}, ... the global tables in order
 */
public record ProcessorTopology(String function, String applicationId, List<String> inputs,
                                List<GlobalTable> globalTables) {

    /** A global table: every instance reads all of {@code topic} into {@code store}. */
    public record GlobalTable(String topic, Class<? extends Serde<?>> valueSerde, String store) {
    }

    public ProcessorTopology {
        inputs = List.copyOf(inputs);
        globalTables = List.copyOf(globalTables);
    }

    /** The binder's settings for this topology, as default properties of the application. */
    public Map<String, Object> bindingProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.cloud.function.definition", function);
        properties.put("spring.cloud.stream.kafka.streams.binder.application-id", applicationId);
        bind(properties, 0, String.join(",", inputs), Serdes.ByteArraySerde.class, null);
        for (int i = 0; i < globalTables.size(); i++) {
            GlobalTable table = globalTables.get(i);
            bind(properties, i + 1, table.topic(), table.valueSerde(), table.store());
        }
        return properties;
    }

    private void bind(Map<String, Object> properties, int index, String destination, Class<?> valueSerde,
                      String store) {
        String binding = function + "-in-" + index;
        properties.put("spring.cloud.stream.bindings." + binding + ".destination", destination);
        String consumer = "spring.cloud.stream.kafka.streams.bindings." + binding + ".consumer.";
        properties.put(consumer + "keySerde", Serdes.StringSerde.class.getName());
        properties.put(consumer + "valueSerde", valueSerde.getName());
        if (store != null) {
            properties.put(consumer + "materializedAs", store);
        }
    }

    /** The same topology on a plain builder: the global tables, then the source handed to {@code wire}. */
    public Topology build(Consumer<KStream<String, byte[]>> wire) {
        StreamsBuilder builder = new StreamsBuilder();
        for (GlobalTable table : globalTables) {
            builder.globalTable(table.topic(), Consumed.with(Serdes.String(), serde(table.valueSerde())),
                    Materialized.<String, Object, KeyValueStore<Bytes, byte[]>>as(table.store()));
        }
        wire.accept(builder.stream(inputs, Consumed.with(Serdes.String(), Serdes.ByteArray())));
        return builder.build();
    }

    @SuppressWarnings("unchecked")
    private static Serde<Object> serde(Class<? extends Serde<?>> type) {
        try {
            return (Serde<Object>) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + type.getName(), e);
        }
    }
}
