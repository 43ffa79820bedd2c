package io.rtx.gateway.orders;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rtx.engine.order.OrderStatus;
import io.rtx.events.ExecutionReportMessage;
import io.rtx.events.OrderCommandMessage;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** The gateway's business metrics, named as in docs/metrics.md. */
@Component
public class OrderMetrics {

    /** The steps of an order's acknowledgement the gateway itself waits on; the rest is the risk hop. */
    public enum Stage { PUBLISH }

    private final MeterRegistry registry;
    private final Counter accepted;
    private final Timer ack;
    private final Map<Stage, Timer> stages = new EnumMap<>(Stage.class);

    public OrderMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = Counter.builder("rtx.gateway.orders.accepted")
                .description("orders whose first execution report was not a rejection").register(registry);
        this.ack = latency(Timer.builder("rtx.gateway.order.ack")
                .description("HTTP receipt of an order to its first execution report"));
        for (Stage stage : Stage.values()) {
            stages.put(stage, latency(Timer.builder("rtx.gateway.order.stage")
                    .description("one step of a new order before the risk hop: publish (Kafka acknowledged)")
                    .tag("stage", stage.name().toLowerCase(Locale.ROOT))));
        }
        for (OrderCommandMessage.Kind kind : OrderCommandMessage.Kind.values()) {
            received(kind, 0);
        }
    }

    private Timer latency(Timer.Builder timer) {
        return timer.publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
                        Duration.ofMillis(250))
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    /** Times one step that began at {@code startNanos} ({@link System#nanoTime()}) and has just ended. */
    public void stage(Stage stage, long startNanos) {
        stages.get(stage).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
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
        ack.record(System.nanoTime() - receivedNanos, TimeUnit.NANOSECONDS);
        if (OrderStatus.REJECTED.name().equals(report.status())) {
            Counter.builder("rtx.gateway.orders.rejected").description("orders whose first report was REJECTED")
                    .tag("reason", String.valueOf(report.reason())).register(registry).increment();
        } else {
            accepted.increment();
        }
    }
}
