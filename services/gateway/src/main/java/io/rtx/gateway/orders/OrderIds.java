package io.rtx.gateway.orders;

import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Order (and account, request) ids: Snowflake-style positive longs, unique across gateway instances
 * without asking PostgreSQL or Redis, so order entry works when either is down.
 *
 * <pre>
 *  0 | 41 bits: milliseconds since 2025-01-01T00:00:00Z | 10 bits: node id | 12 bits: sequence
 * </pre>
 *
 * 4 096 ids per millisecond per node, 1 024 nodes, until 2094. The node id comes from {@link NodeLease}:
 * {@code rtx.gateway.node-id} if set, otherwise a node id leased from PostgreSQL, so it is distinct for
 * every gateway process running at the same time (blue, green and preview pods included). Without a valid
 * lease no id is issued (503). If the clock steps back, ids wait for it to pass the last issued
 * millisecond rather than risk a repeat; a step back of more than 5 s fails loudly.
 */
@Component
public class OrderIds {

    static final long EPOCH = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
    private static final int NODE_BITS = 10;
    private static final int SEQUENCE_BITS = 12;
    private static final long MAX_SEQUENCE = (1L << SEQUENCE_BITS) - 1;
    private static final long MAX_BACKWARDS_MS = 5_000;

    private final NodeLease lease;
    private long lastMillis = -1;
    private long sequence;

    public OrderIds(NodeLease lease) {
        this.lease = lease;
    }

    /** The next id; 503 ({@link io.rtx.gateway.problems.ServiceUnavailableException}) without a valid node lease. */
    public synchronized long next() {
        long node = lease.node();
        long now = System.currentTimeMillis();
        if (now < lastMillis) {
            if (lastMillis - now > MAX_BACKWARDS_MS) {
                throw new IllegalStateException("clock moved back " + (lastMillis - now) + " ms; refusing to issue ids");
            }
            now = waitUntilAfter(lastMillis - 1);
        }
        if (now == lastMillis) {
            sequence = (sequence + 1) & MAX_SEQUENCE;
            if (sequence == 0) {
                now = waitUntilAfter(lastMillis);
            }
        } else {
            sequence = 0;
        }
        lastMillis = now;
        return ((now - EPOCH) << (NODE_BITS + SEQUENCE_BITS)) | (node << SEQUENCE_BITS) | sequence;
    }

    public static long nodeOf(long id) {
        return (id >>> SEQUENCE_BITS) & ((1L << NODE_BITS) - 1);
    }

    private static long waitUntilAfter(long millis) {
        long now = System.currentTimeMillis();
        while (now <= millis) {
            Thread.onSpinWait();
            now = System.currentTimeMillis();
        }
        return now;
    }
}
