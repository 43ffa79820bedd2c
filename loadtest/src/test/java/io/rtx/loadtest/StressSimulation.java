package io.rtx.loadtest;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Steps the order rate up to find the knee: {@code rtx.steps} levels from {@code rtx.startRate} orders/s,
 * {@code rtx.stepRate} more each, each held {@code rtx.stepSeconds} after a {@code rtx.stepRampSeconds}
 * ramp. Placement requests are named after the step they were sent in ("place order [150/s]"), so the
 * report gives p50/p95/p99 per step; the knee is the first step whose p99 leaves the SLO or whose
 * throughput stops following the offered rate.
 *
 * <p>Asserts only what must hold below the knee: the first step meets the SLO, and failed requests stay
 * under {@code rtx.stressMaxFailedPercent}% (default 1%) over the whole run.
 */
public class StressSimulation extends Simulation {

    private static volatile long startedNanos = System.nanoTime();

    private final Accounts accounts = Accounts.load(Settings.ACCOUNTS_FILE);

    {
        int steps = Settings.STEPS;
        double start = Settings.START_RATE;
        double step = Settings.STEP_RATE;
        Duration level = Duration.ofSeconds(Settings.STEP_SECONDS);
        Duration ramp = Duration.ofSeconds(Settings.STEP_RAMP_SECONDS);
        double top = start + step * (steps - 1);
        accounts.warnIfTooFew(top);
        List<OpenInjectionStep> orders = new ArrayList<>();
        List<OpenInjectionStep> reads = new ArrayList<>();
        double previous = 1;
        for (int k = 0; k < steps; k++) {
            double rate = rate(k);
            orders.add(rampUsersPerSec(previous).to(rate).during(ramp));
            orders.add(constantUsersPerSec(rate).during(level));
            reads.add(rampUsersPerSec(Math.max(1, previous * Settings.READ_RATIO)).to(rate * Settings.READ_RATIO).during(ramp));
            reads.add(constantUsersPerSec(rate * Settings.READ_RATIO).during(level));
            previous = rate;
        }
        Duration total = ramp.plus(level).multipliedBy(steps);
        System.out.printf("rtx-loadtest: stress: %d steps of %s from %.0f to %.0f orders/s (%s in all)%n",
                steps, level, start, top, total);
        setUp(
                Traffic.traders(accounts, StressSimulation::placeName).injectOpen(orders),
                Traffic.readers(accounts).injectOpen(reads),
                Traffic.subscribers(accounts, total.minusSeconds(2)).injectOpen(atOnceUsers(Settings.SSE_USERS)))
                .protocols(Traffic.protocol())
                .maxDuration(total.plusSeconds(60))
                .assertions(
                        details(stepName(rate(0))).responseTime().percentile(99.0).lt(Settings.SLO_MS),
                        global().failedRequests().percent().lt(Settings.decimal("stressMaxFailedPercent", 1.0)));
    }

    private static double rate(int k) {
        return Settings.START_RATE + Settings.STEP_RATE * k;
    }

    static String stepName(double rate) {
        return Traffic.PLACE + " [" + Math.round(rate) + "/s]";
    }

    /** The step a request is sent in, from the time since the injection started. */
    private static String placeName(Session session) {
        long period = Settings.STEP_RAMP_SECONDS + Settings.STEP_SECONDS;
        long elapsed = (System.nanoTime() - startedNanos) / 1_000_000_000L;
        int k = (int) Math.min(Settings.STEPS - 1, elapsed / period);
        boolean ramping = elapsed % period < Settings.STEP_RAMP_SECONDS && elapsed / period < Settings.STEPS;
        return ramping ? Traffic.PLACE + " [ramp to " + Math.round(rate(k)) + "/s]" : stepName(rate(k));
    }

    @Override
    public void before() {
        startedNanos = System.nanoTime();
    }

    @Override
    public void after() {
        OrderLog.write(Settings.ORDERS_FILE);
    }
}
