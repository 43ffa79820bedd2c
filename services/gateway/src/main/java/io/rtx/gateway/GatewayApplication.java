package io.rtx.gateway;

import io.rtx.provisioning.TopicProvisioningConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The gateway: REST and Server-Sent Events on port 7999, the only way clients reach RTX. It publishes
 * commands to Kafka, answers order placement with risk's decision, and serves queries from the
 * ledger's PostgreSQL tables and Redis views (see {@code docs/api.md}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(TopicProvisioningConfiguration.class)
@EnableScheduling
public class GatewayApplication {

    public static void main(String[] args) {
        builder().run(args);
    }

    /**
     * The application with its own configuration file ({@code gateway.yml}), so several RTX services can
     * share one classpath (the local stack, end-to-end tests) without reading each other's settings.
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(GatewayApplication.class).properties("spring.config.name=gateway");
    }
}
