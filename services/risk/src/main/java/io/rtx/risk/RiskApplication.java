package io.rtx.risk;

import io.micrometer.core.instrument.MeterRegistry;
import io.rtx.engine.risk.ClientOrderIds;
import io.rtx.engine.risk.PreTradeRisk;
import io.rtx.engine.risk.RiskConfiguration;
import io.rtx.events.InstrumentMessage;
import io.rtx.events.TradeMessage;
import io.rtx.provisioning.TopicProvisioningConfiguration;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.KStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The risk processor. Its bindings come from {@link RiskTopology#DEFINITION}: {@code risk-in-0} the
 * account-keyed inputs, {@code risk-in-1} instruments and {@code risk-in-2} trades as global tables.
 */
@SpringBootApplication
@Import(TopicProvisioningConfiguration.class)
public class RiskApplication {

    public static void main(String[] args) {
        builder().run(args);
    }

    /**
     * The application with its own configuration file ({@code risk.yml}), so several RTX services can
     * share one classpath (the local stack, end-to-end tests) without reading each other's settings. The
     * application id and the bindings are {@link RiskTopology#DEFINITION}'s: the id names the changelog the
     * ledger reads ({@code Topics.ACCOUNTS_CHANGELOG}).
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(RiskApplication.class).properties("spring.config.name=risk")
                .properties(RiskTopology.DEFINITION.bindingProperties());
    }

    @Bean
    PreTradeRisk preTradeRisk(@Value("${rtx.risk.max-open-orders:1000}") int maxOpenOrders,
                              @Value("${rtx.risk.fee-account-id:0}") long feeAccountId) {
        return new PreTradeRisk(new RiskConfiguration(maxOpenOrders, feeAccountId));
    }

    @Bean
    ClientOrderIds clientOrderIds(@Value("${rtx.risk.client-order-ids.retention:24h}") Duration retention,
                                  @Value("${rtx.risk.client-order-ids.per-account:1000000}") long perAccount) {
        return new ClientOrderIds(retention.toMillis(), perAccount);
    }

    @Bean
    RiskMetrics riskMetrics(MeterRegistry registry) {
        return new RiskMetrics(registry);
    }

    @Bean
    public Function<KStream<String, byte[]>,
            Function<GlobalKTable<String, InstrumentMessage>, Consumer<GlobalKTable<String, TradeMessage>>>> risk(
            PreTradeRisk risk, ClientOrderIds clientOrderIds, RiskMetrics metrics,
            @Value("${rtx.risk.recent-accounts:100000}") int recentAccounts,
            @Value("${rtx.risk.fee-sweep-interval:100ms}") Duration feeSweepInterval) {
        return inputs -> instruments -> lastTrades -> RiskTopology.wire(inputs, risk, clientOrderIds, metrics,
                recentAccounts, feeSweepInterval);
    }
}
