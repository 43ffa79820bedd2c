package io.rtx.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The started broker's own request and record counters, read over its JMX: the cumulative {@code Count} of
 * its Yammer meters, so two readings give exactly what the broker did in between, whatever the meters' rates say.
 *
 * <p>Names as Kafka 4.3 registers them (a meter appears with the first request of its type and version):
 * {@code kafka.network:type=RequestMetrics,name=RequestsPerSec,request=<type>,version=<n>} and
 * {@code kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec[,topic=<topic>]}. MessagesInPerSec counts
 * every record appended to a leader's log, transaction markers (control records) included.
 */
final class BrokerMetrics implements AutoCloseable {

    /** The requests an exactly-once hop causes, in the order they are reported. */
    static final List<String> REQUESTS = List.of("Produce", "AddPartitionsToTxn", "AddPartitionsToTxn (broker)",
            "AddPartitionsToTxnVerification (broker)", "AddOffsetsToTxn", "EndTxn", "TxnOffsetCommit",
            "WriteTxnMarkers (broker)", "Fetch", "InitProducerId");
    /**
     * AddPartitionsToTxn versions 0-3 come from producers (transactions v1); 4+ from a partition leader to the
     * transaction coordinator: under v2 it adds the partition implicitly (named AddPartitionsToTxn), under v1
     * it only verifies that the producer added it (named AddPartitionsToTxnVerification).
     */
    private static final int FIRST_BROKER_ADD_PARTITIONS_VERSION = 4;
    /** Sent only between a partition leader and the transaction coordinator, never by a client. */
    private static final List<String> BROKER_REQUESTS = List.of("AddPartitionsToTxnVerification", "WriteTxnMarkers");

    /**
     * Cumulative counts at one instant.
     *
     * @param requests       by {@link #REQUESTS} name, summed over versions; absent: none yet
     * @param recordsByTopic records appended, by topic, internal topics and changelogs included
     * @param records        records appended to all topics
     */
    record Counts(long nanoTime, Map<String, Long> requests, Map<String, Long> recordsByTopic, long records) {
    }

    /**
     * What the broker did between two readings, while {@code commands} order commands were sent: requests by
     * {@link #REQUESTS} name and records appended by topic.
     */
    record Traffic(double seconds, long commands, Map<String, Long> requests, Map<String, Long> recordsByTopic,
                   long records) {

        double perSecond(long count) {
            return count / seconds;
        }

        double perCommand(long count) {
            return count / (double) commands;
        }
    }

    private final ObjectName requestMeters = new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,*");
    private final ObjectName recordMeters = new ObjectName("kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec,*");
    private final JMXConnector connector;
    private final MBeanServerConnection server;

    private BrokerMetrics(JMXConnector connector) throws IOException, MalformedObjectNameException {
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
    }

    static BrokerMetrics connect(int jmxPort) throws IOException, MalformedObjectNameException {
        return new BrokerMetrics(JMXConnectorFactory.connect(
                new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi")));
    }

    Counts read() {
        try {
            long now = System.nanoTime();
            Map<String, Long> requests = new TreeMap<>();
            for (ObjectName meter : server.queryNames(requestMeters, null)) {
                String type = requestName(meter.getKeyProperty("request"), Integer.parseInt(meter.getKeyProperty("version")));
                if (REQUESTS.contains(type)) {
                    requests.merge(type, count(meter), Long::sum);
                }
            }
            Map<String, Long> byTopic = new TreeMap<>();
            long records = 0;
            for (ObjectName meter : server.queryNames(recordMeters, null)) {
                String topic = meter.getKeyProperty("topic");
                if (topic == null) {
                    records = count(meter);
                } else {
                    byTopic.put(topic, count(meter));
                }
            }
            return new Counts(now, requests, byTopic, records);
        } catch (IOException e) {
            throw new UncheckedIOException("broker JMX unreachable", e);
        } catch (JMException e) {
            throw new IllegalStateException("broker JMX refused a read", e);
        }
    }

    /** A meter or topic missing from {@code start} had not counted anything yet. */
    static Traffic between(Counts start, Counts end, long commands) {
        Map<String, Long> requests = new LinkedHashMap<>();
        for (String type : REQUESTS) {
            requests.put(type, end.requests().getOrDefault(type, 0L) - start.requests().getOrDefault(type, 0L));
        }
        Map<String, Long> byTopic = new LinkedHashMap<>();
        end.recordsByTopic().forEach((topic, count) ->
                byTopic.put(topic, count - start.recordsByTopic().getOrDefault(topic, 0L)));
        return new Traffic((end.nanoTime() - start.nanoTime()) / 1e9, commands, requests, byTopic,
                end.records() - start.records());
    }

    private static String requestName(String request, int version) {
        boolean fromBroker = BROKER_REQUESTS.contains(request)
                || request.equals("AddPartitionsToTxn") && version >= FIRST_BROKER_ADD_PARTITIONS_VERSION;
        return fromBroker ? request + " (broker)" : request;
    }

    private long count(ObjectName meter) throws IOException, JMException {
        return ((Number) server.getAttribute(meter, "Count")).longValue();
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
