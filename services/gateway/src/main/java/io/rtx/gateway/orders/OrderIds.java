package io.rtx.gateway.orders;

import io.rtx.gateway.support.GatewayProperties;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Order (and account, request) ids: Snowflake-style positive longs, unique across gateway instances
 * without asking PostgreSQL or Redis, so order entry works when either is down.
 *
 * <pre>
 *  0 | 41 bits: milliseconds since 2025-01-01T00:00:00Z | 10 bits: node id | 12 bits: sequence
 * </pre>
 *
 * 4 096 ids per millisecond per node, 1 024 nodes, until 2094. The node id is
 * {@code rtx.gateway.node-id} and must be distinct for every gateway process running at the same time
 * (blue, green and preview pods included). If the clock steps back, ids wait for it to pass the last
 * issued millisecond rather than risk a repeat; a step back of more than 5 s fails loudly.
 */
@Component
public class OrderIds {

    static final long EPOCH = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
    private static final int NODE_BITS = 10;
    private static final int SEQUENCE_BITS = 12;
    private static final long MAX_SEQUENCE = (1L << SEQUENCE_BITS) - 1;
    private static final long MAX_BACKWARDS_MS = 5_000;

    private final long node;
    private long lastMillis = -1;
    private long sequence;

    @Autowired
    public OrderIds(GatewayProperties properties) {
        this(properties.nodeId());
    }

    OrderIds(int node) {
        if (node < 0 || node >= (1 << NODE_BITS)) {
            throw new IllegalArgumentException("rtx.gateway.node-id must be within 0..1023, was " + node);
        }
        this.node = node;
    }

    public synchronized long next() {
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
