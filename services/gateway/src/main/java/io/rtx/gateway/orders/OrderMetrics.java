package io.rtx.gateway.orders;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rtx.events.ExecutionReportMessage;
import io.rtx.events.OrderCommandMessage;
import java.time.Duration;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** The gateway's business metrics, named as in docs/metrics.md. */
@Component
public class OrderMetrics {

    private final MeterRegistry registry;
    private final Counter accepted;
    private final Timer ack;

    public OrderMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = Counter.builder("rtx.gateway.orders.accepted")
                .description("orders whose first execution report was not a rejection").register(registry);
        this.ack = Timer.builder("rtx.gateway.order.ack")
                .description("HTTP receipt of an order to its first execution report")
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
                        Duration.ofMillis(250))
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        for (OrderCommandMessage.Kind kind : OrderCommandMessage.Kind.values()) {
            received(kind, 0);
        }
    }

    public void received(OrderCommandMessage.Kind kind) {
        received(kind, 1);
    }

    private void received(OrderCommandMessage.Kind kind, int amount) {
        Counter.builder("rtx.gateway.orders.received").description("order commands accepted by the HTTP layer and published")
                .tag("type", kind.name().toLowerCase(Locale.ROOT)).register(registry).increment(amount);
    }

    /** Counts and times an order's first report, whenever it comes (also after the HTTP answer timed out). */
    public void firstReport(ExecutionReportMessage report, long receivedNanos) {
        ack.record(System.nanoTime() - receivedNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        if ("REJECTED".equals(report.status())) {
            Counter.builder("rtx.gateway.orders.rejected").description("orders whose first report was REJECTED")
                    .tag("reason", String.valueOf(report.reason())).register(registry).increment();
        } else {
            accepted.increment();
        }
    }
}
