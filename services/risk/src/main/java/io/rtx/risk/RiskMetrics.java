package io.rtx.risk;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.rtx.engine.order.ReasonCode;
import io.rtx.events.Topics;

/** The risk processor's business metrics (names in docs/metrics.md). */
public final class RiskMetrics {

    private final MeterRegistry registry;
    private final Counter accepted;
    private final Counter fillsSettled;

    public RiskMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = Counter.builder("rtx.risk.orders.checked").tag("outcome", "accepted").register(registry);
        this.fillsSettled = Counter.builder("rtx.risk.fills.settled").register(registry);
    }

    void accepted() {
        accepted.increment();
    }

    void rejected(ReasonCode reason) {
        Counter.builder("rtx.risk.orders.checked").tag("outcome", "rejected").register(registry).increment();
        Counter.builder("rtx.risk.rejections").tag("reason", reason.name()).register(registry).increment();
    }

    void fillSettled() {
        fillsSettled.increment();
    }

    /** A definition the instruments in force refused; it went to the instruments' dead-letter topic. */
    void instrumentRefused(ReasonCode reason) {
        Counter.builder("rtx.risk.instruments.refused").tag("reason", reason.name()).register(registry).increment();
        deadLetter(Topics.INSTRUMENTS);
    }

    void deadLetter(String topic) {
        Counter.builder("rtx.dead.letters").tag("topic", topic).register(registry).increment();
    }
}
