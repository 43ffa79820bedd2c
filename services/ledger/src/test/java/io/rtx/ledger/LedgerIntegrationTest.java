package io.rtx.ledger;

import static org.awaitility.Awaitility.await;

import io.rtx.events.JsonSerde;
import io.rtx.events.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of every integration test: one Spring context (same annotations and properties, so Spring's
 * test context cache shares it), a real KRaft broker, PostgreSQL and Redis. Tests use their own
 * symbols and account ids so they never read each other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=ledger",
        "rtx.kafka.partitions=3",
        "rtx.ledger.report-gaps.grace=1s",
        "rtx.ledger.report-gaps.scan-interval=200ms",
        "rtx.ledger.ticker.refresh-interval=200ms",
        "rtx.ledger.retry.attempts=2",
        "rtx.ledger.retry.interval=100ms",
        "spring.kafka.consumer.properties.metadata.max.age.ms=1000"
})
@AutoConfigureMetrics
@AutoConfigureWebTestClient
public abstract class LedgerIntegrationTest {

    protected static final Duration TIMEOUT = Duration.ofSeconds(60);

    protected static final EmbeddedKafkaBroker broker = Infrastructure.KAFKA;
    @Autowired
    protected DatabaseClient db;
    @Autowired
    protected ReactiveStringRedisTemplate redis;
    @Autowired
    protected LedgerMetrics metrics;

    private static KafkaProducer<String, byte[]> producer;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", broker::getBrokersAsString);
        registry.add("spring.r2dbc.url", Infrastructure::r2dbcUrl);
        registry.add("spring.r2dbc.username", () -> "postgres");
        registry.add("spring.r2dbc.password", () -> "postgres");
        registry.add("spring.flyway.url", Infrastructure::jdbcUrl);
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> Infrastructure.REDIS_PORT);
    }

    @AfterAll
    static void closeProducer() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    protected KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    protected void send(String topic, String key, Message message) {
        sendBytes(topic, key, JsonSerde.write(message));
    }

    protected void sendBytes(String topic, String key, byte[] value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    protected List<Map<String, Object>> rows(String sql) {
        List<Map<String, Object>> rows = db.sql(sql).fetch().all()
                .map(row -> (Map<String, Object>) new LinkedHashMap<>(row)).collectList().block(TIMEOUT);
        return rows == null ? List.of() : new ArrayList<>(rows);
    }

    protected Map<String, Object> row(String sql) {
        List<Map<String, Object>> rows = rows(sql);
        if (rows.size() != 1) {
            throw new AssertionError("expected one row from " + sql + " but got " + rows);
        }
        return rows.get(0);
    }

    protected long count(String sql) {
        return ((Number) row(sql).values().iterator().next()).longValue();
    }

    protected String redisGet(String key) {
        return redis.opsForValue().get(key).block(TIMEOUT);
    }

    protected static void eventually(Runnable assertion) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).untilAsserted(assertion::run);
    }
}
