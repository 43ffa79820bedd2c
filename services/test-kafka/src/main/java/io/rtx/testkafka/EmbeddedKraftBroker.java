package io.rtx.testkafka;

import io.rtx.events.BrokerFeatures;
import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * spring-kafka-test's in-process KRaft broker, as every integration test and the local stack run it.
 *
 * <p>spring-kafka-test 4.1 reads the broker's address through {@code KafkaClusterTestKit.clientProperties()},
 * which Kafka 4.3's test kit replaced by {@code bootstrapServers()}; {@code @EmbeddedKafka} therefore fails
 * with {@code NoSuchMethodError} on a 4.3 broker. This subclass reads the address the 4.3 way and is started
 * explicitly instead of through the annotation, which always builds the unfixed class.
 */
public class EmbeddedKraftBroker extends EmbeddedKafkaKraftBroker {

    /** What a one-broker cluster needs: its transaction log cannot have more replicas than brokers. */
    private static final Map<String, String> SINGLE_BROKER = Map.of(
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "group.initial.rebalance.delay.ms", "0");

    public EmbeddedKraftBroker(int partitions, String... topics) {
        super(1, partitions, topics);
        brokerProperties(SINGLE_BROKER);
    }

    /** Starts a one-broker cluster and checks that it runs transactions v2 (it formats its own storage). */
    public static EmbeddedKraftBroker start(int partitions, Map<String, String> extraBrokerProperties, String... topics) {
        EmbeddedKraftBroker broker = new EmbeddedKraftBroker(partitions, topics);
        broker.brokerProperties(extraBrokerProperties);
        broker.afterPropertiesSet();
        broker.doWithAdmin(BrokerFeatures::requireTransactionsV2);
        return broker;
    }

    @Override
    public String getBrokersAsString() {
        return getCluster().bootstrapServers();
    }
}
