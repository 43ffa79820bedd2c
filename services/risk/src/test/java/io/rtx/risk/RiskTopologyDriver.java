package io.rtx.risk;

import io.micrometer.core.instrument.MeterRegistry;
import io.rtx.engine.risk.ClientOrderIds;
import io.rtx.engine.risk.PreTradeRisk;
import io.rtx.engine.risk.RiskConfiguration;
import java.time.Duration;
import org.apache.kafka.streams.Topology;

/** The risk topology exactly as the binder wires it, from {@link RiskTopology#DEFINITION}. */
public final class RiskTopologyDriver {

    /** Small on purpose: the tests' accounts keep falling out of memory and are read back from the store. */
    private static final int RECENT_ACCOUNTS = 2;

    /** Advance the driver's wall clock by this much to have accrued fees credited to the fee account. */
    public static final Duration FEE_SWEEP_INTERVAL = Duration.ofMillis(100);

    /** The window and cap risk runs with by default (risk.yml). */
    public static final ClientOrderIds CLIENT_ORDER_IDS = new ClientOrderIds(Duration.ofHours(24).toMillis(), 1_000_000);

    private RiskTopologyDriver() {
    }

    public static Topology topology(RiskConfiguration configuration, MeterRegistry registry) {
        return topology(configuration, CLIENT_ORDER_IDS, registry, RECENT_ACCOUNTS);
    }

    public static Topology topology(RiskConfiguration configuration, ClientOrderIds clientOrderIds,
                                    MeterRegistry registry) {
        return topology(configuration, clientOrderIds, registry, RECENT_ACCOUNTS);
    }

    /** @param recentAccounts as {@code rtx.risk.recent-accounts}: accounts each task keeps parsed in memory */
    public static Topology topology(RiskConfiguration configuration, MeterRegistry registry, int recentAccounts) {
        return topology(configuration, CLIENT_ORDER_IDS, registry, recentAccounts);
    }

    private static Topology topology(RiskConfiguration configuration, ClientOrderIds clientOrderIds,
                                     MeterRegistry registry, int recentAccounts) {
        return RiskTopology.DEFINITION.build(inputs -> RiskTopology.wire(inputs, new PreTradeRisk(configuration),
                clientOrderIds, new RiskMetrics(registry), recentAccounts, FEE_SWEEP_INTERVAL));
    }
}
