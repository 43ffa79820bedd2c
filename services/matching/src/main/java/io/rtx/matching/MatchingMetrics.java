package io.rtx.matching;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rtx.engine.order.ReasonCode;
import io.rtx.events.Topics;
import java.util.function.Supplier;

/** The matching processor's business metrics (names in docs/metrics.md). */
public final class MatchingMetrics {

    private final MeterRegistry registry;
    private final Counter trades;

    public MatchingMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.trades = Counter.builder("rtx.matching.trades").register(registry);
    }

    void command(String type) {
        Counter.builder("rtx.matching.commands").tag("type", type).register(registry).increment();
    }

    void trades(int count) {
        trades.increment(count);
    }

    /** Resting orders of a symbol, read from whichever task currently owns its book. */
    Gauge restingOrders(String symbol, Supplier<Number> count) {
        return Gauge.builder("rtx.matching.resting.orders", count).tag("symbol", symbol).register(registry);
    }

    void remove(Gauge gauge) {
        registry.remove(gauge);
    }

    /** A definition the instruments in force refused; it went to the instruments' dead-letter topic. */
    void instrumentRefused(ReasonCode reason) {
        Counter.builder("rtx.matching.instruments.refused").tag("reason", reason.name()).register(registry).increment();
        deadLetter(Topics.INSTRUMENTS);
    }

    void deadLetter(String topic) {
        Counter.builder("rtx.dead.letters").tag("topic", topic).register(registry).increment();
    }
}
