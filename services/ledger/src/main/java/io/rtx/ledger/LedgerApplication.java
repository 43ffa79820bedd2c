package io.rtx.ledger;

import io.rtx.provisioning.TopicProvisioningConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The ledger: projects the pipeline's events into PostgreSQL (history and current state) and Redis
 * (hot market-data views). Everything it writes can be rebuilt from Kafka (see {@code docs/ledger.md}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(TopicProvisioningConfiguration.class)
@EnableScheduling
public class LedgerApplication {

    public static void main(String[] args) {
        builder().run(args);
    }

    /**
     * The application with its own configuration file ({@code ledger.yml}), so several RTX services can
     * share one classpath (the local stack, end-to-end tests) without reading each other's settings.
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(LedgerApplication.class).properties("spring.config.name=ledger");
    }
}
