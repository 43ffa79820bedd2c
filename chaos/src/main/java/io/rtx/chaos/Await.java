package io.rtx.chaos;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/** Bounded polling: every wait in the suite has a deadline. */
final class Await {

    private Await() {
    }

    static void until(Duration timeout, String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
            }
            Sleep.millis(200);
        }
    }

    /** Polls {@code probe} until it returns a value ≥ 0 (a time), or returns -1 at the deadline. */
    static long firstTime(Duration timeout, LongSupplier probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long t = probe.getAsLong();
            if (t >= 0) {
                return t;
            }
            Sleep.millis(100);
        }
        return -1;
    }
}
