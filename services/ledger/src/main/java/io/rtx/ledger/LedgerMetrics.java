package io.rtx.ledger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** The ledger's business metrics, named as in {@code docs/metrics.md}. */
@Component
public class LedgerMetrics {

    public static final String STREAM_EXECUTION_REPORTS = "execution-reports";
    public static final String STREAM_TRADES = "trades";
    public static final String STREAM_BOOK_UPDATES = "book-updates";
    public static final String STREAM_ACCOUNT_EVENTS = "account-events";

    private final MeterRegistry registry;

    public LedgerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One input record fully applied (written, or recognised as already written). */
    public void projected(String topic) {
        counter("rtx.ledger.events.projected", "topic", topic).increment();
    }

    public void sequenceGap(String stream) {
        counter("rtx.ledger.sequence.gaps", "stream", stream).increment();
    }

    public void deadLetter(String topic) {
        counter("rtx.dead.letters", "topic", topic).increment();
    }

    public double sequenceGaps(String stream) {
        return counter("rtx.ledger.sequence.gaps", "stream", stream).count();
    }

    public double deadLetters(String topic) {
        return counter("rtx.dead.letters", "topic", topic).count();
    }

    private Counter counter(String name, String tag, String value) {
        return Counter.builder(name).tag(tag, value).register(registry);
    }
}
