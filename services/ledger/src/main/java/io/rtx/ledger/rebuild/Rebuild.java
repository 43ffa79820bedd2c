package io.rtx.ledger.rebuild;

import io.rtx.ledger.kafka.LedgerTopics;
import io.rtx.ledger.marketdata.RedisKeys;
import io.rtx.ledger.support.ProjectionState;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Rebuilds every projection from Kafka alone: stops the listeners, moves the consumer group to the
 * earliest offset of every input partition, empties the projection tables and the Redis views, then
 * starts the listeners, which replay everything. The gateway's tables (api_keys, client_orders) are
 * not projections and are never touched.
 *
 * <p>The offsets move first: Kafka refuses while any other member is in the group, so a rebuild
 * started with other ledger replicas still running fails before anything was deleted.
 */
@Component
public class Rebuild {

    private static final Logger log = LoggerFactory.getLogger(Rebuild.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(60);

    static final List<String> PROJECTION_TABLES = List.of("orders", "order_events", "report_sequence_checkpoints",
            "trades", "candles", "accounts", "balances", "account_events", "instruments");

    private final KafkaListenerEndpointRegistry listeners;
    private final KafkaAdmin kafkaAdmin;
    private final String groupId;
    private final DatabaseClient db;
    private final ReactiveStringRedisTemplate redis;
    private final List<ProjectionState> states;

    public Rebuild(KafkaListenerEndpointRegistry listeners, KafkaAdmin kafkaAdmin, KafkaProperties kafka,
                   DatabaseClient db, ReactiveStringRedisTemplate redis, List<ProjectionState> states) {
        this.listeners = listeners;
        this.kafkaAdmin = kafkaAdmin;
        this.groupId = kafka.getConsumer().getGroupId();
        this.db = db;
        this.redis = redis;
        this.states = states;
    }

    public void run() {
        log.warn("Rebuilding every ledger projection from Kafka (group {})", groupId);
        boolean wasRunning = listeners.isRunning();
        if (wasRunning) {
            listeners.stop(); // waits for the consumers to leave the group
        }
        rewindGroup();
        db.sql("TRUNCATE " + String.join(", ", PROJECTION_TABLES)).fetch().rowsUpdated().block(ADMIN_TIMEOUT);
        Flux.fromIterable(RedisKeys.PATTERNS)
                .concatMap(pattern -> redis.scan(ScanOptions.scanOptions().match(pattern).count(1000).build()))
                .buffer(500)
                .concatMap(keys -> redis.unlink(keys.toArray(String[]::new)))
                .then().block(ADMIN_TIMEOUT);
        states.forEach(ProjectionState::reset);
        log.warn("Projections emptied and group {} rewound; replaying", groupId);
        if (wasRunning) {
            listeners.start();
        }
    }

    private void rewindGroup() {
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            Map<String, TopicDescription> topics = admin.describeTopics(LedgerTopics.INPUTS).allTopicNames()
                    .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            topics.values().forEach(topic -> topic.partitions().forEach(partition ->
                    earliest.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.earliest())));
            Map<TopicPartition, ListOffsetsResultInfo> offsets = admin.listOffsets(earliest).all()
                    .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> rewound = new HashMap<>();
            offsets.forEach((partition, info) -> rewound.put(partition, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(groupId, rewound).all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot rewind consumer group " + groupId
                    + " (every other ledger replica must be stopped during a rebuild): " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer while rewinding group " + groupId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while rewinding group " + groupId, e);
        }
    }
}
