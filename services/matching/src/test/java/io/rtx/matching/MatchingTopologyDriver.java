package io.rtx.matching;

import io.micrometer.core.instrument.MeterRegistry;
import io.rtx.events.InstrumentMessage;
import io.rtx.events.MessageSerdes;
import io.rtx.events.Topics;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;

/** The matching topology exactly as the binder wires it. */
public final class MatchingTopologyDriver {

    private MatchingTopologyDriver() {
    }

    public static Topology topology(MeterRegistry registry, Duration expiryInterval) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.globalTable(Topics.INSTRUMENTS, Consumed.with(Serdes.String(), new MessageSerdes.InstrumentSerde()),
                Materialized.<String, InstrumentMessage, KeyValueStore<Bytes, byte[]>>as(MatchingTopology.INSTRUMENTS_STORE));
        MatchingTopology.wire(builder.stream(Topics.ACCEPTED_ORDERS, Consumed.with(Serdes.String(), Serdes.ByteArray())),
                new MatchingMetrics(registry), expiryInterval);
        return builder.build();
    }
}
