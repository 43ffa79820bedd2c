package io.rtx.chaos;

import java.util.List;
import java.util.LongSummaryStatistics;

/** The results as a Markdown table, ready for docs/chaos.md. */
final class ResultsTable {

    private ResultsTable() {
    }

    static String render(List<ExperimentResult> results) {
        StringBuilder out = new StringBuilder();
        out.append("| experiment | faults injected | orders sent | violations | recovery max (ms) | recovery avg (ms) | duration (s) |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        for (ExperimentResult r : results) {
            LongSummaryStatistics s = r.recovery();
            out.append("| ").append(r.name()).append(" (").append(r.fault()).append(") | ").append(r.faults())
                    .append(" | ").append(r.ordersSent()).append(" | ").append(r.violations()).append(" | ")
                    .append(s.getCount() == 0 ? "-" : Long.toString(s.getMax())).append(" | ")
                    .append(s.getCount() == 0 ? "-" : Long.toString(Math.round(s.getAverage()))).append(" | ")
                    .append(r.durationMs() / 1000).append(" |\n");
        }
        return out.toString();
    }
}
