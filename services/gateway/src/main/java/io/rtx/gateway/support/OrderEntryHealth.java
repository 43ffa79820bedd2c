package io.rtx.gateway.support;

import io.rtx.gateway.kafka.EventTail;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Up once the gateway follows every report partition and has loaded the instruments: only then can
 * it acknowledge orders. Part of readiness; PostgreSQL and Redis deliberately are not, because order
 * entry keeps working without them (their state is in {@code /actuator/health}).
 */
@Component("orderFlowHealthIndicator")
public class OrderEntryHealth extends AbstractHealthIndicator {

    private final EventTail tail;

    public OrderEntryHealth(EventTail tail) {
        this.tail = tail;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (tail.ready()) {
            builder.up();
        } else {
            builder.down().withDetail("reason", "not yet following the execution-report and instrument topics");
        }
    }
}
