package io.rtx.risk;

import io.rtx.engine.risk.ClientOrderIds;
import io.rtx.engine.risk.PreTradeRisk;
import io.rtx.events.MessageSerdes;
import io.rtx.events.Routed;
import io.rtx.events.Topics;
import io.rtx.risk.accounts.AccountStore;
import io.rtx.risk.clientorders.ClaimedClientOrderIds;
import io.rtx.risk.fees.PendingFees;
import io.rtx.streams.InstrumentsInForce;
import io.rtx.streams.Outputs;
import io.rtx.streams.ProcessorTopology;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The risk topology: one source over order commands, account commands and execution reports (all
 * keyed by account, so co-partitioned), one processor with the {@code accounts},
 * {@code client-order-ids} and {@code pending-fees} stores, one routed sink. Instruments and last trades are global tables read by store name; each task keeps the
 * instruments it trades under in its own store ({@link InstrumentsInForce}).
 */
public final class RiskTopology {

    public static final String INSTRUMENTS_STORE = "risk-instruments";
    public static final String LAST_TRADES_STORE = "risk-last-trades";
    /** Written into the {@code rtx.source} header of every record risk emits. */
    static final String SOURCE = "risk";
    public static final String APPLICATION_ID = Topics.RISK_APPLICATION_ID;

    /** What the binder binds and the tests build: the bean {@code risk} of {@link RiskApplication}. */
    public static final ProcessorTopology DEFINITION = new ProcessorTopology("risk", APPLICATION_ID,
            Topics.RISK_INPUTS, List.of(
                    new ProcessorTopology.GlobalTable(Topics.INSTRUMENTS, MessageSerdes.InstrumentSerde.class,
                            INSTRUMENTS_STORE),
                    new ProcessorTopology.GlobalTable(Topics.TRADES, MessageSerdes.TradeSerde.class,
                            LAST_TRADES_STORE)));

    private RiskTopology() {
    }

    /**
     * @param recentAccounts   how many accounts each task keeps parsed in memory in front of its store
     * @param feeSweepInterval how often each task credits the fees it accrued to the fee account
     */
    public static void wire(KStream<String, byte[]> inputs, PreTradeRisk risk, ClientOrderIds clientOrderIds,
                            RiskMetrics metrics, int recentAccounts, Duration feeSweepInterval) {
        Outputs.sink(inputs.process(supplier(risk, clientOrderIds, metrics, recentAccounts, feeSweepInterval)));
    }

    /** The processor and its stores, as {@link #wire} plugs them in (also driven directly by the benchmarks). */
    public static ProcessorSupplier<String, byte[], String, Routed> supplier(PreTradeRisk risk,
                                                                            ClientOrderIds clientOrderIds,
                                                                            RiskMetrics metrics, int recentAccounts,
                                                                            Duration feeSweepInterval) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, byte[], String, Routed> get() {
                return new RiskProcessor(risk, clientOrderIds, metrics, recentAccounts, feeSweepInterval);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                Set<StoreBuilder<?>> stores = new HashSet<>(AccountStore.builders());
                stores.add(ClaimedClientOrderIds.builder(clientOrderIds));
                stores.add(PendingFees.builder());
                stores.add(InstrumentsInForce.builder());
                return stores;
            }
        };
    }
}
