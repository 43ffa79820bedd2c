package io.rtx.loadtest;

import java.time.Duration;

/**
 * Load: order arrivals ramp from 1/s to {@code rtx.rate} over {@code rtx.rampSeconds}, warm up at that
 * rate for {@code rtx.warmupSeconds}, then hold for {@code rtx.holdSeconds}, with readers and SSE
 * subscribers alongside (see {@link RampAndHoldSimulation}).
 */
public class LoadSimulation extends RampAndHoldSimulation {

    {
        rampAndHold("load", Settings.RATE, Duration.ofSeconds(Settings.RAMP_SECONDS),
                Duration.ofSeconds(Settings.HOLD_SECONDS));
    }
}
