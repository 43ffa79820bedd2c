package io.rtx.loadtest;

import java.nio.file.Path;

/**
 * Every knob of the suites, read from system properties ({@code -Drtx.<name>=...}, passed through
 * {@code mvn gatling:test} by {@code loadtest/run.sh}). Defaults suit the 2-core build machines.
 */
final class Settings {

    private Settings() {
    }

    /** Gateway base URL. */
    static final String BASE_URL = string("baseUrl", "http://127.0.0.1:7999");
    /** accountId,apiKey per line, written by the local stack (services/local). */
    static final Path ACCOUNTS_FILE = Path.of(string("accountsFile", "../target/rtx-local-accounts.csv"));
    /** Where the run writes every order id it got back, for the consistency check. */
    static final Path ORDERS_FILE = Path.of(string("ordersFile", "target/loadtest-orders.csv"));

    /** SLO on the p99 of order placement, milliseconds. */
    static final int SLO_MS = integer("sloMs", 100);
    /** Error budget: failed requests, percent of all requests (0.1 = 0.1%). */
    static final double MAX_FAILED_PERCENT = decimal("maxFailedPercent", 0.1);
    /** The gateway's per-key limit (rtx.gateway.rate-limit), only to warn when keys are too few. */
    static final int RATE_LIMIT_PER_KEY = integer("rateLimit", 50);

    /** Reader arrivals per order arrival (each reader makes one GET). */
    static final double READ_RATIO = decimal("readRatio", 0.5);
    /** Long-lived SSE subscribers (execution reports, trades and book updates, spread over accounts and symbols). */
    static final int SSE_USERS = integer("sseUsers", 4);

    /** Load and soak: seconds at the full rate after the ramp, reported apart and not held to the SLO. */
    static final int WARMUP_SECONDS = integer("warmupSeconds", 60);

    // load
    static final double RATE = decimal("rate", 150);
    static final int RAMP_SECONDS = integer("rampSeconds", 30);
    static final int HOLD_SECONDS = integer("holdSeconds", 60);

    // stress: steps of constant rate, each reached by a short ramp
    static final double START_RATE = decimal("startRate", 50);
    static final double STEP_RATE = decimal("stepRate", 50);
    static final int STEPS = integer("steps", 5);
    static final int STEP_SECONDS = integer("stepSeconds", 30);
    static final int STEP_RAMP_SECONDS = integer("stepRampSeconds", 5);

    // soak
    static final double SOAK_RATE = decimal("soakRate", 50);
    static final int SOAK_MINUTES = integer("soakMinutes", 30);

    static String string(String name, String fallback) {
        String value = System.getProperty("rtx." + name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    static int integer(String name, int fallback) {
        return Integer.parseInt(string(name, Integer.toString(fallback)));
    }

    static double decimal(String name, double fallback) {
        return Double.parseDouble(string(name, Double.toString(fallback)));
    }
}
