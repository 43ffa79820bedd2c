package io.rtx.loadtest;

import java.time.Duration;

/**
 * A long constant rate: {@code rtx.soakRate} orders/s (after a 30 s ramp and the warm-up) for
 * {@code rtx.soakMinutes} minutes, with readers and SSE subscribers as in the load suite. Looks for what only time shows:
 * growing latency (book or table growth, GC), leaks, SSE streams that die. Same assertions as load.
 */
public class SoakSimulation extends RampAndHoldSimulation {

    {
        rampAndHold("soak", Settings.SOAK_RATE, Duration.ofSeconds(30), Duration.ofMinutes(Settings.SOAK_MINUTES));
    }
}
