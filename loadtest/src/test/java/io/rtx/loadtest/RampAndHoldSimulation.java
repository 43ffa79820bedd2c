package io.rtx.loadtest;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;

import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * The open model the load and soak suites share: order arrivals ramp from 1/s to a rate, stay there
 * for {@code rtx.warmupSeconds}, then hold it; readers arrive at {@code rtx.readRatio} × that rate,
 * {@code rtx.sseUsers} SSE subscribers stay connected throughout. Fails on p99(place order) ≥
 * {@code rtx.sloMs} or failed requests ≥ {@code rtx.maxFailedPercent}%.
 *
 * <p>The SLO is judged at the held rate: placements sent during the ramp and the warm-up are reported
 * apart, as "place order [ramp]" and "place order [warm-up]", because freshly started JVMs are still
 * compiling their hot paths then (about a minute at these rates). Every request of the ramp and the
 * warm-up still counts towards the failed-request limit.
 */
abstract class RampAndHoldSimulation extends Simulation {

    private static final String RAMP_PLACE = Traffic.PLACE + " [ramp]";
    private static final String WARMUP_PLACE = Traffic.PLACE + " [warm-up]";

    private final Accounts accounts = Accounts.load(Settings.ACCOUNTS_FILE);
    private volatile long startedNanos = System.nanoTime();
    private Duration ramp = Duration.ZERO;
    private Duration warmedUp = Duration.ZERO;

    protected void rampAndHold(String suite, double rate, Duration ramp, Duration hold) {
        Duration warmup = Duration.ofSeconds(Settings.WARMUP_SECONDS);
        this.ramp = ramp;
        this.warmedUp = ramp.plus(warmup);
        Duration steady = warmup.plus(hold);
        Duration total = ramp.plus(steady);
        double readRate = rate * Settings.READ_RATIO;
        accounts.warnIfTooFew(rate);
        System.out.printf("rtx-loadtest: %s: ramp to %.0f orders/s over %s, warm up %s, hold %s, %.0f reads/s, %d SSE, SLO p99 < %d ms%n",
                suite, rate, ramp, warmup, hold, readRate, Settings.SSE_USERS, Settings.SLO_MS);
        setUp(
                Traffic.traders(accounts, this::placeName).injectOpen(
                        rampUsersPerSec(1).to(rate).during(ramp),
                        constantUsersPerSec(rate).during(steady)),
                Traffic.readers(accounts).injectOpen(
                        rampUsersPerSec(1).to(Math.max(1, readRate)).during(ramp),
                        constantUsersPerSec(readRate).during(steady)),
                Traffic.subscribers(accounts, total.minusSeconds(2)).injectOpen(atOnceUsers(Settings.SSE_USERS)))
                .protocols(Traffic.protocol())
                .maxDuration(total.plusSeconds(60))
                .assertions(
                        details(Traffic.PLACE).responseTime().percentile(99.0).lt(Settings.SLO_MS),
                        global().failedRequests().percent().lt(Settings.MAX_FAILED_PERCENT));
    }

    private String placeName(Session session) {
        long elapsed = System.nanoTime() - startedNanos;
        return elapsed < ramp.toNanos() ? RAMP_PLACE : elapsed < warmedUp.toNanos() ? WARMUP_PLACE : Traffic.PLACE;
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
