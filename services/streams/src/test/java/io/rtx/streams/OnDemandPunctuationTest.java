package io.rtx.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.junit.jupiter.api.Test;

class OnDemandPunctuationTest {

    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    private final List<Long> runs = new ArrayList<>();
    private int workLeft;
    private final OnDemandPunctuation punctuation = new OnDemandPunctuation(context, Duration.ofMillis(100), now -> {
        runs.add(now);
        return --workLeft > 0;
    });

    @Test
    void nothingIsScheduledUntilArmedAndArmingTwiceSchedulesOnce() {
        assertThat(context.scheduledPunctuators()).isEmpty();

        punctuation.arm();
        punctuation.arm();

        assertThat(context.scheduledPunctuators()).singleElement().satisfies(p -> {
            assertThat(p.getInterval()).isEqualTo(Duration.ofMillis(100));
            assertThat(p.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);
            assertThat(p.cancelled()).isFalse();
        });
    }

    @Test
    void runsWhileWorkRemainsThenCancelsItselfAndCanBeArmedAgain() {
        workLeft = 2;
        punctuation.arm();
        CapturedPunctuator first = context.scheduledPunctuators().get(0);

        first.getPunctuator().punctuate(1_000);
        assertThat(first.cancelled()).as("work remains").isFalse();
        first.getPunctuator().punctuate(1_100);
        assertThat(first.cancelled()).as("no work left").isTrue();
        assertThat(runs).containsExactly(1_000L, 1_100L);

        workLeft = 1;
        punctuation.arm();
        assertThat(context.scheduledPunctuators()).hasSize(2);
        assertThat(context.scheduledPunctuators().get(1).cancelled()).isFalse();
    }
}
