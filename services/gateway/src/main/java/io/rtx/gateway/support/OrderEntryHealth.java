package io.rtx.gateway.support;

import io.rtx.gateway.kafka.EventTail;
import io.rtx.gateway.orders.NodeLease;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Up once the gateway follows every report partition and has loaded the instruments, and while it may
 * issue order ids (a fixed node id, or a valid node lease): only then can it acknowledge orders. Part of
 * readiness; PostgreSQL and Redis deliberately are not, because order entry keeps working without them
 * (their state is in {@code /actuator/health}); a lost or expired node lease is.
 */
@Component("orderFlowHealthIndicator")
public class OrderEntryHealth extends AbstractHealthIndicator {

    private final EventTail tail;
    private final NodeLease lease;

    public OrderEntryHealth(EventTail tail, NodeLease lease) {
        this.tail = tail;
        this.lease = lease;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("nodeIdSource", lease.leased() ? "lease" : "fixed");
        lease.currentNode().ifPresent(node -> builder.withDetail("nodeId", node));
        if (!tail.ready()) {
            builder.down().withDetail("reason", "not yet following the execution-report and instrument topics");
        } else if (!lease.available()) {
            builder.down().withDetail("reason", "no valid order-id node lease: order ids are not issued");
        } else {
            builder.up();
        }
    }
}
