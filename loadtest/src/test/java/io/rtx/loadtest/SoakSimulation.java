package io.rtx.loadtest;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;

import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * A long constant rate: {@code rtx.soakRate} orders/s (after a 30 s ramp) for {@code rtx.soakMinutes}
 * minutes, with readers and SSE subscribers as in the load suite. Looks for what only time shows:
 * growing latency (book or table growth, GC), leaks, SSE streams that die. Same assertions as load.
 */
public class SoakSimulation extends Simulation {

    private final Accounts accounts = Accounts.load(Settings.ACCOUNTS_FILE);

    {
        double rate = Settings.SOAK_RATE;
        double readRate = rate * Settings.READ_RATIO;
        Duration ramp = Duration.ofSeconds(30);
        Duration hold = Duration.ofMinutes(Settings.SOAK_MINUTES);
        accounts.warnIfTooFew(rate);
        System.out.printf("rtx-loadtest: soak: %.0f orders/s for %s, %.0f reads/s, %d SSE, SLO p99 < %d ms%n",
                rate, hold, readRate, Settings.SSE_USERS, Settings.SLO_MS);
        setUp(
                Traffic.traders(accounts).injectOpen(
                        rampUsersPerSec(1).to(rate).during(ramp),
                        constantUsersPerSec(rate).during(hold)),
                Traffic.readers(accounts).injectOpen(
                        rampUsersPerSec(1).to(Math.max(1, readRate)).during(ramp),
                        constantUsersPerSec(readRate).during(hold)),
                Traffic.subscribers(accounts, ramp.plus(hold).minusSeconds(2)).injectOpen(atOnceUsers(Settings.SSE_USERS)))
                .protocols(Traffic.protocol())
                .maxDuration(ramp.plus(hold).plusSeconds(60))
                .assertions(
                        details(Traffic.PLACE).responseTime().percentile(99.0).lt(Settings.SLO_MS),
                        global().failedRequests().percent().lt(Settings.MAX_FAILED_PERCENT));
    }

    @Override
    public void after() {
        OrderLog.write(Settings.ORDERS_FILE);
    }
}
