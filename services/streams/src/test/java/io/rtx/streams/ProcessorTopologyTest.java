package io.rtx.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtx.events.MessageSerdes;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

class ProcessorTopologyTest {

    private static final ProcessorTopology DEFINITION = new ProcessorTopology("p", "rtx-p", List.of("in-a", "in-b"),
            List.of(new ProcessorTopology.GlobalTable("table", MessageSerdes.InstrumentSerde.class, "p-table")));

    @Test
    void theBinderIsToldTheTopicsSerdesAndStoresTheTestsBuild() {
        assertThat(DEFINITION.bindingProperties())
                .containsEntry("spring.cloud.function.definition", "p")
                .containsEntry("spring.cloud.stream.kafka.streams.binder.application-id", "rtx-p")
                .containsEntry("spring.cloud.stream.bindings.p-in-0.destination", "in-a,in-b")
                .containsEntry("spring.cloud.stream.kafka.streams.bindings.p-in-0.consumer.valueSerde",
                        Serdes.ByteArraySerde.class.getName())
                .containsEntry("spring.cloud.stream.bindings.p-in-1.destination", "table")
                .containsEntry("spring.cloud.stream.kafka.streams.bindings.p-in-1.consumer.valueSerde",
                        MessageSerdes.InstrumentSerde.class.getName())
                .containsEntry("spring.cloud.stream.kafka.streams.bindings.p-in-1.consumer.materializedAs", "p-table");

        TopologyDescription built = DEFINITION.build(source -> source.foreach((k, v) -> { })).describe();
        assertThat(built.globalStores()).singleElement().satisfies(store -> {
            assertThat(store.source().topicSet()).containsExactly("table");
            assertThat(store.processor().stores()).containsExactly("p-table");
        });
        assertThat(built.subtopologies()).singleElement().satisfies(sub -> assertThat(sub.nodes())
                .anySatisfy(node -> assertThat(node).isInstanceOfSatisfying(TopologyDescription.Source.class,
                        source -> assertThat(source.topicSet()).containsExactlyInAnyOrder("in-a", "in-b"))));
    }
}
