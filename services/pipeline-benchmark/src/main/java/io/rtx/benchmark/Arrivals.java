package io.rtx.benchmark;

import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;

/**
 * When each order was due to be sent and when its first record arrived after one and after two hops.
 *
 * <p>Latency is measured from the <em>intended</em> send time (the pacer's schedule), not from when
 * {@code send} returned: if the producer or anything downstream falls behind, the delay shows up in
 * the percentiles instead of silently lowering the offered rate (no coordinated omission).
 *
 * <p>Threads: the pacer writes {@link #sent}; one listener thread calls {@link #arrived}; the
 * histograms are completed by {@link #finish} and read after the listener has stopped.
 */
final class Arrivals {

    private static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(10);

    /** Per sequence number: intended send time minus {@link #origin} plus one; 0 = no place order sent. */
    private final AtomicLongArray intendedNanos;
    private final long origin = System.nanoTime();
    private final long measuredFrom;
    private final Stage[] stages = {new Stage(), new Stage()};
    private final AtomicLong placesSent = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    /** Listener thread only, then read by {@link #finish}. */
    private final BitSet refusedOrders = new BitSet();
    private final AtomicLong measuredPlaces = new AtomicLong();
    private volatile long windowStartNanos = Long.MAX_VALUE;
    private volatile long windowEndNanos = Long.MAX_VALUE;

    /** First arrivals after a given number of hops. */
    private static final class Stage {
        final Histogram latencyMicros = new Histogram(MAX_LATENCY_MICROS, 3);
        final BitSet seen = new BitSet();
        final AtomicLong arrived = new AtomicLong();
        final AtomicLong arrivedInWindow = new AtomicLong();
        long missing;
    }

    /**
     * @param capacity     how many sequence numbers the run sends
     * @param measuredFrom the first sequence number sent after the warm-up
     */
    Arrivals(int capacity, long measuredFrom) {
        this.intendedNanos = new AtomicLongArray(capacity);
        this.measuredFrom = measuredFrom;
    }

    void window(long startNanos, long endNanos) {
        windowStartNanos = startNanos;
        windowEndNanos = endNanos;
    }

    /** A place order with this sequence number was due at {@code intended}. */
    void sent(int sequence, long intended) {
        intendedNanos.set(sequence, intended - origin + 1);
        placesSent.incrementAndGet();
        if (sequence >= measuredFrom) {
            measuredPlaces.incrementAndGet();
        }
    }

    /**
     * A record of the order with this sequence number arrived after {@code hops} hops; only the first
     * counts. Returns whether it was the first.
     */
    boolean arrived(long sequence, int hops, long nowNanos) {
        if (sequence < 0 || sequence >= intendedNanos.length()) {
            return false;   // not an order of this run
        }
        int index = (int) sequence;
        long intended = intendedNanos.get(index);
        Stage stage = stages[hops - 1];
        if (intended == 0 || stage.seen.get(index)) {
            return false;   // a cancel's sequence, or a later report of the same order
        }
        stage.seen.set(index);
        stage.arrived.incrementAndGet();
        if (nowNanos >= windowStartNanos && nowNanos < windowEndNanos) {
            stage.arrivedInWindow.incrementAndGet();
        }
        if (sequence >= measuredFrom) {
            long latencyNanos = nowNanos - (origin + intended - 1);
            stage.latencyMicros.recordValue(Math.min(MAX_LATENCY_MICROS, Math.max(0, latencyNanos) / 1_000));
        }
        return true;
    }

    /** The order's first-hop record says it goes no further (refused by the first hop). */
    void refused(long sequence, long nowNanos) {
        if (arrived(sequence, 1, nowNanos)) {
            refused.incrementAndGet();
            refusedOrders.set((int) sequence);
        }
    }

    long refused() {
        return refused.get();
    }

    /** Place orders sent that have neither arrived after two hops nor been refused after one. */
    long backlog() {
        return placesSent.get() - stages[1].arrived.get() - refused.get();
    }

    /**
     * Ends the measurement: every measured order that has not arrived after {@code hops} hops is
     * recorded with its age now, a lower bound of its latency, so an order that never came through
     * raises the percentiles instead of vanishing from them. Call once the listener has stopped.
     */
    void finish(long nowNanos) {
        for (int hops = 1; hops <= stages.length; hops++) {
            Stage stage = stages[hops - 1];
            for (int index = (int) measuredFrom; index < intendedNanos.length(); index++) {
                long intended = intendedNanos.get(index);
                boolean refusedEarlier = hops == 2 && refusedOrders.get(index);
                if (intended != 0 && !stage.seen.get(index) && !refusedEarlier) {
                    stage.missing++;
                    stage.latencyMicros.recordValue(Math.min(MAX_LATENCY_MICROS, (nowNanos - (origin + intended - 1)) / 1_000));
                }
            }
        }
    }

    /** Measured orders that had not arrived after {@code hops} hops when the measurement ended. */
    long missing(int hops) {
        return stages[hops - 1].missing;
    }

    long arrived(int hops) {
        return stages[hops - 1].arrived.get();
    }

    long arrivedInWindow(int hops) {
        return stages[hops - 1].arrivedInWindow.get();
    }

    long placesSent() {
        return placesSent.get();
    }

    long measuredPlaces() {
        return measuredPlaces.get();
    }

    Histogram latencyMicros(int hops) {
        return stages[hops - 1].latencyMicros;
    }
}
