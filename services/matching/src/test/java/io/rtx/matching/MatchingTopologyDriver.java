package io.rtx.matching;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.apache.kafka.streams.Topology;

/** The matching topology exactly as the binder wires it, from {@link MatchingTopology#DEFINITION}. */
public final class MatchingTopologyDriver {

    private MatchingTopologyDriver() {
    }

    public static Topology topology(MeterRegistry registry, Duration expiryInterval) {
        return MatchingTopology.DEFINITION.build(acceptedOrders -> MatchingTopology.wire(acceptedOrders,
                new MatchingMetrics(registry), expiryInterval));
    }
}
