package io.rtx.chaos;

import java.util.ArrayList;
import java.util.List;

/** Runs one experiment under steady flow: warm up, N × (fault, recovery, steady interval), settle, check. */
final class ExperimentRunner {

    private ExperimentRunner() {
    }

    static ExperimentResult run(Environment env, String spec) throws Exception {
        SuiteOptions o = env.options;
        Experiment experiment = Experiments.byName(spec);
        int faults = Experiments.faults(spec, o.faults());
        Environment.log("=== " + experiment.name() + ": " + faults + " × " + experiment.fault() + " at " + o.rate() + "/s");
        long started = System.currentTimeMillis();
        List<Long> recoveries = new ArrayList<>();
        List<String> unrecovered = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        env.flow.start(o.rate());
        long sent;
        try {
            Sleep.millis(o.warmupSeconds() * 1000L);
            for (int fault = 1; fault <= faults; fault++) {
                long recovery = experiment.injectOnce(env);
                recoveries.add(recovery);
                Environment.log(experiment.name() + " fault " + fault + ": recovery "
                        + (recovery < 0 ? "NONE within " + Recovery.TIMEOUT : recovery + " ms"));
                if (recovery < 0) {
                    unrecovered.add("fault " + fault + " not recovered within " + Recovery.TIMEOUT);
                }
                Sleep.millis(o.intervalSeconds() * 1000L);
            }
        } catch (Exception e) {
            // An experiment that cannot inject its fault is a failed row, not the end of the suite:
            // the orders already sent are still verified and the next experiment still runs.
            Environment.log(experiment.name() + " could not run: " + e);
            failures.add("experiment failed after " + recoveries.size() + " fault(s): " + e);
        } finally {
            sent = env.flow.stop();
        }
        if (env.flow.lastSendError() != null) {
            Environment.log("some sends failed (not counted as acknowledged): " + env.flow.lastSendError());
        }
        Violations violations = Verifier.settleAndVerify(env);
        unrecovered.forEach(u -> violations.add("no recovery", u));
        failures.forEach(f -> violations.add("experiment failed", f));
        violations.describe().forEach(line -> Environment.log("  VIOLATION " + line));
        Environment.log(experiment.name() + ": " + violations.count() + " violations");
        return new ExperimentResult(experiment.name(), experiment.fault(), faults, sent, violations.count(),
                violations.describe(), recoveries, System.currentTimeMillis() - started);
    }
}
