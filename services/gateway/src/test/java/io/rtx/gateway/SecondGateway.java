package io.rtx.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtx.gateway.kafka.EventTail;
import io.rtx.gateway.orders.NodeLease;
import io.rtx.testkafka.OwnNettyResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Another gateway process in this JVM on the same broker, PostgreSQL and Redis, as a green pod runs next
 * to blue: no node id (it leases one, with short times: ids stop 4 s after the last renewal), and a 1 s
 * API-key cache so revocations reach it quickly.
 */
final class SecondGateway implements AutoCloseable {

    final ConfigurableApplicationContext context;
    final WebTestClient web;

    SecondGateway(EmbeddedKafkaBroker broker) throws InterruptedException {
        List<String> args = new ArrayList<>(Infrastructure.serviceArgs(broker));
        args.addAll(Infrastructure.storeArgs());
        args.addAll(List.of(
                "--spring.application.name=rtx-gateway-green",
                "--rtx.admin.bootstrap-key=" + GatewayTest.ADMIN_KEY,
                "--rtx.gateway.ack-timeout=10s",
                "--rtx.gateway.account-command-timeout=10s",
                "--rtx.gateway.key-cache-ttl=1s",
                "--rtx.gateway.node-lease.ttl=6s",
                "--rtx.gateway.node-lease.renew-interval=1s",
                "--rtx.gateway.node-lease.safety-margin=2s",
                "--rtx.gateway.node-lease.retry-interval=300ms",
                "--rtx.gateway.node-lease.startup-timeout=30s"));
        this.context = GatewayApplication.builder().initializers(new OwnNettyResources()).run(args.toArray(String[]::new));
        assertThat(context.getEnvironment().getProperty("rtx.gateway.node-id")).as("no node id: it must lease one")
                .isNullOrEmpty();
        assertThat(context.getBean(EventTail.class).awaitReady(Duration.ofSeconds(60))).isTrue();
        this.web = GatewayTest.client(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    NodeLease lease() {
        return context.getBean(NodeLease.class);
    }

    @Override
    public void close() {
        context.close();
    }
}
