package io.rtx.matching;

import io.micrometer.core.instrument.MeterRegistry;
import io.rtx.events.InstrumentMessage;
import io.rtx.provisioning.TopicProvisioningConfiguration;
import java.time.Duration;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.KStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The matching processor. Its bindings come from {@link MatchingTopology#DEFINITION}: {@code matching-in-0}
 * accepted orders, {@code matching-in-1} instruments as a global table.
 */
@SpringBootApplication
@Import(TopicProvisioningConfiguration.class)
public class MatchingApplication {

    public static void main(String[] args) {
        builder().run(args);
    }

    /**
     * The application with its own configuration file ({@code matching.yml}), so several RTX services can
     * share one classpath (the local stack, end-to-end tests) without reading each other's settings.
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(MatchingApplication.class).properties("spring.config.name=matching")
                .properties(MatchingTopology.DEFINITION.bindingProperties());
    }

    @Bean
    MatchingMetrics matchingMetrics(MeterRegistry registry) {
        return new MatchingMetrics(registry);
    }

    @Bean
    public BiConsumer<KStream<String, byte[]>, GlobalKTable<String, InstrumentMessage>> matching(
            MatchingMetrics metrics, @Value("${rtx.matching.expiry-interval:1s}") Duration expiryInterval) {
        return (acceptedOrders, instruments) -> MatchingTopology.wire(acceptedOrders, metrics, expiryInterval);
    }
}
