package io.rtx.chaos;

import java.util.List;

/** The experiments by name, and the default list ({@code --all}). */
final class Experiments {

    static final List<String> ALL = List.of("matching-kill", "risk-kill", "ledger-kill", "broker-kill",
            "controller-kill", "postgres-outage", "redis-outage", "broker-unreachable");
    /** broker-unreachable needs a private network namespace (chaos/run.sh --netns), so it is opt-in. */
    static final List<String> DEFAULT = ALL.subList(0, 7);

    private Experiments() {
    }

    /** An experiment in a list is {@code name} or {@code name:faults} (its own fault count). */
    static String baseName(String spec) {
        int colon = spec.indexOf(':');
        return colon < 0 ? spec : spec.substring(0, colon);
    }

    static int faults(String spec, int fallback) {
        int colon = spec.indexOf(':');
        return colon < 0 ? fallback : Integer.parseInt(spec.substring(colon + 1));
    }

    static void check(String spec) {
        String name = baseName(spec);
        if (!ALL.contains(name)) {
            throw new IllegalArgumentException("unknown experiment " + name + "; known: " + ALL);
        }
    }

    static boolean needsCluster(String spec) {
        String name = baseName(spec);
        return name.equals("broker-kill") || name.equals("controller-kill") || name.equals("broker-unreachable");
    }

    static Experiment byName(String spec) {
        return switch (baseName(spec)) {
            case "matching-kill" -> new ProcessKillExperiment(Service.MATCHING);
            case "risk-kill" -> new ProcessKillExperiment(Service.RISK);
            case "ledger-kill" -> new ProcessKillExperiment(Service.LEDGER);
            case "broker-kill" -> new BrokerKillExperiment(false);
            case "controller-kill" -> new BrokerKillExperiment(true);
            case "postgres-outage" -> new OutageExperiment(true);
            case "redis-outage" -> new OutageExperiment(false);
            case "broker-unreachable" -> new NetworkPartitionExperiment();
            default -> throw new IllegalArgumentException("unknown experiment " + spec);
        };
    }
}
