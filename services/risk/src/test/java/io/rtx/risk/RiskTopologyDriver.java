package io.rtx.risk;

import io.micrometer.core.instrument.MeterRegistry;
import io.rtx.engine.risk.ClientOrderIds;
import io.rtx.engine.risk.PreTradeRisk;
import io.rtx.engine.risk.RiskConfiguration;
import io.rtx.events.InstrumentMessage;
import io.rtx.events.MessageSerdes;
import io.rtx.events.Topics;
import io.rtx.events.TradeMessage;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;

/** The risk topology exactly as the binder wires it: same sources, global tables and processor. */
public final class RiskTopologyDriver {

    /** Small on purpose: the tests' accounts keep falling out of memory and are read back from the store. */
    private static final int RECENT_ACCOUNTS = 2;

    /** Advance the driver's wall clock by this much to have accrued fees credited to the fee account. */
    public static final Duration FEE_SWEEP_INTERVAL = Duration.ofMillis(100);

    private RiskTopologyDriver() {
    }

    /** The window and cap risk runs with by default (risk.yml). */
    public static final ClientOrderIds CLIENT_ORDER_IDS = new ClientOrderIds(Duration.ofHours(24).toMillis(), 1_000_000);

    public static Topology topology(RiskConfiguration configuration, MeterRegistry registry) {
        return topology(configuration, CLIENT_ORDER_IDS, registry);
    }

    public static Topology topology(RiskConfiguration configuration, ClientOrderIds clientOrderIds,
                                    MeterRegistry registry) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.globalTable(Topics.INSTRUMENTS, Consumed.with(Serdes.String(), new MessageSerdes.InstrumentSerde()),
                Materialized.<String, InstrumentMessage, KeyValueStore<Bytes, byte[]>>as(RiskTopology.INSTRUMENTS_STORE));
        builder.globalTable(Topics.TRADES, Consumed.with(Serdes.String(), new MessageSerdes.TradeSerde()),
                Materialized.<String, TradeMessage, KeyValueStore<Bytes, byte[]>>as(RiskTopology.LAST_TRADES_STORE));
        RiskTopology.wire(builder.stream(Topics.RISK_INPUTS, Consumed.with(Serdes.String(), Serdes.ByteArray())),
                new PreTradeRisk(configuration), clientOrderIds, new RiskMetrics(registry), RECENT_ACCOUNTS,
                FEE_SWEEP_INTERVAL);
        return builder.build();
    }
}
