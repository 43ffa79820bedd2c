package io.rtx.chaos;

import java.util.List;
import java.util.LongSummaryStatistics;

/** One row of the results table. Recovery times of -1 (never recovered) are counted as violations. */
record ExperimentResult(String name, String fault, int faults, long ordersSent, int violations,
                        List<String> violationDetails, List<Long> recoveriesMs, long durationMs) {

    LongSummaryStatistics recovery() {
        return recoveriesMs.stream().filter(r -> r >= 0).mapToLong(Long::longValue).summaryStatistics();
    }
}
