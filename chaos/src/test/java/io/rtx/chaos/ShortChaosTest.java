package io.rtx.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The short chaos run that {@code mvn verify} (and so {@code .ci/run}) executes: one real KRaft
 * broker, PostgreSQL, Redis and the three service JVMs from their exec jars; matching is killed
 * with SIGKILL twice and risk once under a small steady flow, and every invariant must hold.
 * The full suite is {@code chaos/run.sh --all} (docs/chaos.md).
 */
@EnabledIfSystemProperty(named = "rtx.chaos.short", matches = "true",
        disabledReason = "switched off with -Drtx.chaos.short=false (pom property rtx.chaos.short)")
class ShortChaosTest {

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void killingTheProcessorsLosesAndDoublesNothing() throws Exception {
        SuiteOptions options = SuiteOptions.parse("--experiments=matching-kill:2,risk-kill:1", "--rate=25",
                "--warmup-seconds=5", "--interval-seconds=5", "--downtime-seconds=2", "--base-port=29500",
                "--accounts=4", "--work-dir=" + SuiteOptions.locateModuleDir().resolve("target/chaos-short"));

        List<ExperimentResult> results = ChaosSuite.run(options);
        System.out.println(ResultsTable.render(results));

        assertThat(results).hasSize(2);
        for (ExperimentResult result : results) {
            assertThat(result.violationDetails()).as(result.name()).isEmpty();
            assertThat(result.ordersSent()).as(result.name()).isPositive();
            assertThat(result.recoveriesMs()).as(result.name()).allMatch(ms -> ms >= 0);
        }
        assertThat(results.get(0).recoveriesMs()).hasSize(2);
        assertThat(results.get(1).recoveriesMs()).hasSize(1);
    }
}
