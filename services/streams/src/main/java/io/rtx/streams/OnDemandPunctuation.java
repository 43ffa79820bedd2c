package io.rtx.streams;

import java.time.Duration;
import java.util.function.LongPredicate;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * A wall-clock punctuation that is scheduled only while it has work to do.
 *
 * <p>Kafka Streams commits a task after every punctuation, whether or not the punctuator wrote
 * anything, and under exactly-once every commit is a transaction (offsets, markers, coordinator
 * writes). A punctuator that always runs therefore keeps an idle processor committing: risk's 100 ms
 * fee sweep on three tasks made about 30 empty transactions a second, which cost the broker and the
 * stream thread CPU and delayed the transactions that carried orders. The owner {@link #arm()}s this
 * when work appears; {@code work} runs every interval and returns whether work remains, and the
 * punctuation cancels itself when none does.
 */
public final class OnDemandPunctuation {

    private final ProcessorContext<?, ?> context;
    private final Duration interval;
    private final LongPredicate work;
    private Cancellable scheduled;

    /**
     * @param work given the wall-clock time, does the due work and returns true if more remains
     */
    public OnDemandPunctuation(ProcessorContext<?, ?> context, Duration interval, LongPredicate work) {
        this.context = context;
        this.interval = interval;
        this.work = work;
    }

    /** Ensures {@code work} runs within one interval; a no-op while already scheduled. */
    public void arm() {
        if (scheduled == null) {
            scheduled = context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::run);
        }
    }

    private void run(long now) {
        if (!work.test(now)) {
            // Streams allows cancelling a schedule from inside its own punctuator.
            scheduled.cancel();
            scheduled = null;
        }
    }
}
