package io.rtx.benchmark;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Where the CPU goes during a measurement, in cores used: each processor's processing thread (the one
 * thread that deserialises, runs the core, writes the store and sends), its other threads (producer
 * I/O, global tables), the benchmark's own threads, the rest of this JVM (GC, JIT) and the broker
 * process. On a 2-core machine this says at once which part saturates.
 */
final class CpuUsage {

    /** Thread-name fragments of the parts measured separately. */
    private static final List<String> OWNERS = List.of("rtx-risk", "rtx-matching", "floor-hop-1", "floor-hop-2");
    private static final String BENCHMARK = "benchmark threads (load, listener, Spring)";
    private static final String JVM_REST = "rest of the benchmark JVM (GC, JIT)";
    private static final String BROKER = "broker process";
    /** Linux reports process CPU in clock ticks of 1/100 s (USER_HZ). */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
    private final OptionalLong brokerPid;

    /** CPU nanoseconds used so far, by part, at one instant. */
    record Snapshot(long wallNanos, Map<String, Long> cpuNanos) {
    }

    CpuUsage(OptionalLong brokerPid) {
        this.brokerPid = brokerPid;
    }

    Snapshot snapshot() {
        Map<String, Long> cpu = new LinkedHashMap<>();
        long threadTotal = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            long nanos = info == null ? -1 : threads.getThreadCpuTime(info.getThreadId());
            if (nanos > 0) {
                cpu.merge(part(info.getThreadName()), nanos, Long::sum);
                threadTotal += nanos;
            }
        }
        cpu.put(JVM_REST, os.getProcessCpuTime() - threadTotal);
        brokerPid.ifPresent(pid -> cpu.put(BROKER, processCpuNanos(pid)));
        return new Snapshot(System.nanoTime(), cpu);
    }

    /** Cores used by each part between two snapshots (1.0 = one core busy all the time). */
    static Map<String, Double> coresUsed(Snapshot before, Snapshot after) {
        double wall = after.wallNanos() - before.wallNanos();
        Map<String, Double> cores = new LinkedHashMap<>();
        after.cpuNanos().forEach((part, nanos) ->
                cores.put(part, (nanos - before.cpuNanos().getOrDefault(part, 0L)) / wall));
        return cores;
    }

    private static String part(String threadName) {
        for (String owner : OWNERS) {
            if (threadName.contains(owner)) {
                boolean processing = threadName.equals(owner) || threadName.matches(".*StreamThread-\\d+");
                return owner + (processing ? " processing thread" : " other threads");
            }
        }
        return BENCHMARK;
    }

    /** utime + stime of a process from /proc/<pid>/stat (fields 14 and 15, after the parenthesised name). */
    private static long processCpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return 0;   // not Linux, or the process is gone: the broker's share is simply not reported
        }
    }
}
