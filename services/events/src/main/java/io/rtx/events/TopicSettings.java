package io.rtx.events;

/**
 * What every RTX topic is created with and checked against: one value per cluster, from
 * {@code rtx.kafka.partitions}, {@code rtx.kafka.replication-factor} and {@code rtx.kafka.min-insync-replicas}
 * (the chart sets them per environment). The defaults fit a one-broker cluster: the local stack and tests.
 */
public record TopicSettings(int partitions, int replicationFactor, int minInsyncReplicas) {

    public static final String PARTITIONS = "rtx.kafka.partitions";
    public static final String REPLICATION_FACTOR = "rtx.kafka.replication-factor";
    public static final String MIN_INSYNC_REPLICAS = "rtx.kafka.min-insync-replicas";

    public static final TopicSettings DEFAULTS = new TopicSettings(6, 1, 1);

    public TopicSettings {
        require(partitions >= 1, PARTITIONS + " must be at least 1, is " + partitions);
        require(replicationFactor >= 1 && replicationFactor <= Short.MAX_VALUE,
                REPLICATION_FACTOR + " must be between 1 and " + Short.MAX_VALUE + ", is " + replicationFactor);
        // Above the replication factor no acks=all write could ever succeed.
        require(minInsyncReplicas >= 1 && minInsyncReplicas <= replicationFactor, MIN_INSYNC_REPLICAS
                + " must be between 1 and " + REPLICATION_FACTOR + " (" + replicationFactor + "), is " + minInsyncReplicas);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
