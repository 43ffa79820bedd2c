package io.rtx.chaos;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point of the local chaos suite: starts the whole system on loopback, runs the selected
 * experiments one after another under steady order flow, prints the results table and exits 1 if
 * any invariant was violated. Every process it started is stopped on the way out.
 */
public final class ChaosSuite {

    private ChaosSuite() {
    }

    public static void main(String[] args) throws Exception {
        SuiteOptions options;
        try {
            options = SuiteOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        List<ExperimentResult> results;
        try {
            results = run(options);
        } catch (Exception e) {
            // Client threads left behind by a failed start would keep the JVM, and the suite, alive.
            e.printStackTrace();
            System.exit(1);
            return;
        }
        String table = ResultsTable.render(results);
        System.out.println();
        System.out.println(table);
        Files.writeString(options.workDir().resolve("results.md"), table);
        int violations = results.stream().mapToInt(ExperimentResult::violations).sum();
        System.exit(violations == 0 ? 0 : 1);
    }

    /** Runs the experiments and returns one result each; the environment is always torn down. */
    static List<ExperimentResult> run(SuiteOptions options) throws Exception {
        List<ExperimentResult> results = new ArrayList<>();
        try (Environment env = new Environment(options)) {
            env.start();
            for (String name : options.experiments()) {
                results.add(ExperimentRunner.run(env, name));
            }
        } finally {
            ProcessReaper.killAll();
        }
        return results;
    }
}
