package io.rtx.benchmark;

import java.util.List;

/**
 * The commits of the chain under measurement over the measured window: what the commit interval costs each
 * committer (a floor hop, a processor). {@link PacedRun} calls {@link #windowStarts()} when the window opens
 * and {@link #windowEnds} when sending stops.
 */
interface CommitWatch {

    /**
     * @param perSecond commits per second in the window
     * @param avgMs     average time one commit blocked the committer
     * @param maxMs     the longest commit, NaN where not measured
     * @param timeShare the share of the committer's time spent committing
     */
    record Commits(String committer, double perSecond, double avgMs, double maxMs, double timeShare) {
    }

    void windowStarts();

    List<Commits> windowEnds(double windowSeconds);

    /** Several committers watched as one. */
    static CommitWatch all(List<? extends CommitWatch> watches) {
        return new CommitWatch() {
            @Override
            public void windowStarts() {
                watches.forEach(CommitWatch::windowStarts);
            }

            @Override
            public List<Commits> windowEnds(double windowSeconds) {
                return watches.stream().flatMap(watch -> watch.windowEnds(windowSeconds).stream()).toList();
            }
        };
    }
}
