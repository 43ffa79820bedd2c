package io.rtx.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The sequence check is the one every loss or duplicate ends up in: prove it fails on both. */
class ViolationsCheckTest {

    @Test
    void aGapIsAViolation() {
        Violations v = new Violations();
        KafkaInvariants.gapFree("seq", List.of(1L, 2L, 4L), v);
        assertThat(v.count()).isEqualTo(1);
    }

    @Test
    void aDuplicateIsAViolation() {
        Violations v = new Violations();
        KafkaInvariants.gapFree("seq", List.of(1L, 2L, 2L, 3L), v);
        assertThat(v.count()).isEqualTo(1);
    }

    @Test
    void oneToNIsClean() {
        Violations v = new Violations();
        KafkaInvariants.gapFree("seq", List.of(3L, 1L, 2L), v);
        assertThat(v.isEmpty()).isTrue();
    }
}
