package io.rtx.chaos;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kills every process the suite started when the suite's JVM exits, however it exits (normal end,
 * failed assertion, Ctrl-C): a chaos run must never leave a broker or service holding a port.
 */
final class ProcessReaper {

    private static final Set<ManagedProcess> TRACKED = ConcurrentHashMap.newKeySet();
    private static final Set<AutoCloseable> SERVERS = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessReaper::killAll, "chaos-process-reaper"));
    }

    private ProcessReaper() {
    }

    static void track(ManagedProcess process) {
        TRACKED.add(process);
    }

    /** Servers run by libraries in this JVM (PostgreSQL, Redis) whose processes are not ours to track. */
    static void closeOnExit(AutoCloseable server) {
        SERVERS.add(server);
    }

    static void killAll() {
        TRACKED.forEach(ManagedProcess::kill);
        for (AutoCloseable server : SERVERS) {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("chaos: could not stop " + server + ": " + e);
            }
        }
    }
}
