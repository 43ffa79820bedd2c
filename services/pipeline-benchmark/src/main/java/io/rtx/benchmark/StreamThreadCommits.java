package io.rtx.benchmark;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The commits of the processors' stream threads, which run in this JVM, from their thread metrics
 * ({@code kafka.streams:type=stream-thread-metrics,thread-id=<application id>-<process id>-StreamThread-<n>}),
 * per application. The commit count is exact over the window ({@code commit-total} at both ends);
 * {@code commit-latency-avg}, {@code commit-latency-max} and {@code commit-ratio} are Kafka's sampled
 * values when sending stops, which cover the last 30 to 60 s (two 30 s samples by default).
 */
final class StreamThreadCommits implements CommitWatch {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    /** Exactly these two keys: a second bean per thread also carries process-id and only says its state. */
    private final ObjectName threads = new ObjectName("kafka.streams:type=stream-thread-metrics,thread-id=*");
    private final List<String> applicationIds;
    private Map<ObjectName, Double> commitsAtWindowStart = Map.of();

    StreamThreadCommits(List<String> applicationIds) throws MalformedObjectNameException {
        this.applicationIds = applicationIds;
    }

    @Override
    public void windowStarts() {
        Map<ObjectName, Double> commits = new HashMap<>();
        for (ObjectName thread : server.queryNames(threads, null)) {
            commits.put(thread, attribute(thread, "commit-total"));
        }
        commitsAtWindowStart = commits;
    }

    /** Per application: its threads' commits added up, their averages weighted by commits, the longest of all. */
    @Override
    public List<Commits> windowEnds(double windowSeconds) {
        List<Commits> result = new ArrayList<>();
        for (String application : applicationIds) {
            List<ObjectName> own = server.queryNames(threads, null).stream()
                    .filter(thread -> thread.getKeyProperty("thread-id").startsWith(application + "-")).toList();
            double commits = 0;
            double latencySum = 0;
            for (ObjectName thread : own) {
                double count = attribute(thread, "commit-total") - commitsAtWindowStart.getOrDefault(thread, 0.0);
                if (count > 0) {   // a thread with no commit has a NaN average
                    commits += count;
                    latencySum += count * attribute(thread, "commit-latency-avg");
                }
            }
            double max = own.stream().mapToDouble(thread -> attribute(thread, "commit-latency-max"))
                    .filter(ms -> !Double.isNaN(ms)).max().orElse(Double.NaN);
            double ratio = own.stream().mapToDouble(thread -> attribute(thread, "commit-ratio")).average().orElse(Double.NaN);
            result.add(new Commits(application, commits / windowSeconds, latencySum / commits, max, ratio));
        }
        return result;
    }

    private double attribute(ObjectName thread, String name) {
        try {
            return ((Number) server.getAttribute(thread, name)).doubleValue();
        } catch (JMException e) {
            throw new IllegalStateException(thread + " has no " + name, e);
        }
    }
}
