package io.rtx.gateway.support;

import java.time.DateTimeException;
import java.time.Instant;

/**
 * The instants the API accepts, in a body or a query: ISO-8601, from 1970 until 2100. Anything outside
 * would overflow later (epoch milliseconds, PostgreSQL's timestamp range) instead of failing here.
 */
public final class InstantWindow {

    public static final Instant EARLIEST = Instant.EPOCH;
    public static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");
    static final String RULE = "must be an ISO-8601 instant (e.g. 2026-01-18T10:15:30Z) from " + EARLIEST
            + " to before " + LATEST;

    private InstantWindow() {
    }

    /** The instant {@code text} names; IllegalArgumentException with the rule if it is not one in the window. */
    public static Instant parse(String text) {
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(RULE);
        }
        if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
            throw new IllegalArgumentException(RULE);
        }
        return instant;
    }
}
