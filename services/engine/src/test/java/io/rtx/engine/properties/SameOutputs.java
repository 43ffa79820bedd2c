package io.rtx.engine.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Compares two output streams and, when they differ, names the first difference instead of printing both. */
final class SameOutputs {

    private SameOutputs() {
    }

    static void assertSameOutputs(List<?> actual, List<?> expected, String what) {
        int common = Math.min(actual.size(), expected.size());
        for (int i = 0; i < common; i++) {
            assertThat(actual.get(i)).as("%s: output %d of %d", what, i, expected.size()).isEqualTo(expected.get(i));
        }
        assertThat(actual.size()).as("%s: number of outputs", what).isEqualTo(expected.size());
    }
}
