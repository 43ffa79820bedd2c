package io.rtx.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.r2dbc.spi.ConnectionFactory;
import io.rtx.events.BrokerFeatures;
import io.rtx.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.http.MediaType;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The README's first command, as a test: the whole stack as {@code bash services/local/run.sh} starts it
 * (every service on one classpath, demo data seeded through the admin API), then the README's walkthrough
 * with its two crossing orders. Free ports instead of the fixed ones, so it can run beside anything.
 */
class LocalStackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalStack stack;
    private static DemoData.Seeded seeded;
    private static RestClient gateway;

    @BeforeAll
    static void start() throws Exception {
        for (String service : new String[] {"ledger", "risk", "matching"}) {
            System.setProperty("rtx.local." + service + "-port", "0");
        }
        stack = LocalStack.start(0, 0, 0, 0);
        seeded = new DemoData(stack.gatewayUrl(), stack.bootstrapKey()).seed(0);
        gateway = RestClient.create(stack.gatewayUrl());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theReadmeWalkthroughTradesAndShowsTheTradeBalancesAndBook() throws Exception {
        assertThat(get("/health", null).path("status").asString()).isEqualTo("UP");
        String a = seeded.traders().get(0).apiKey();
        String b = seeded.traders().get(1).apiKey();

        JsonNode sell = place(a, "a-1", "SELL", "30000.00", "0.5");
        assertThat(sell.path("status").asString()).isEqualTo("PENDING_NEW");
        JsonNode buy = place(b, "b-1", "BUY", "30010.00", "0.2");
        assertThat(buy.path("status").asString()).isEqualTo("PENDING_NEW");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode trades = get("/api/v1/accounts/me/trades", b);
            assertThat(trades.toString()).contains("\"30000.00").contains("\"0.2");
        });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode orders = get("/api/v1/orders", a);
            assertThat(orders.toString()).contains("PARTIALLY_FILLED");
        });
        // 1,000,000 USD - 6,000 - 12 (20 bps taker fee); 10 + 0.2 BTC.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String balances = get("/api/v1/accounts/me/balances", b).toString();
            assertThat(balances).contains("\"993988.00").contains("\"10.2");
        });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode book = get("/api/v1/markets/BTC-USD/book", a);
            assertThat(book.path("asks").get(0).path("price").asString()).isEqualTo("30000.00");
            assertThat(book.path("asks").get(0).path("quantity").asString()).startsWith("0.3");
        });
    }

    @Test
    void theBrokerRunsTransactionsV2() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.infrastructure().kafkaBootstrap()))) {
            assertThat(BrokerFeatures.finalizedTransactionVersion(admin)).isEqualTo(BrokerFeatures.REQUIRED_TRANSACTION_VERSION);
        }
    }

    /** Production runs every service on Reactor Netty; the one JVM of the local stack must not differ. */
    @Test
    void everyServiceServesOnReactorNetty() {
        for (String service : List.of("rtx-ledger", "rtx-risk", "rtx-matching", "rtx-gateway")) {
            assertThat(((WebServerApplicationContext) stack.service(service)).getWebServer())
                    .as(service).isInstanceOf(NettyWebServer.class);
        }
    }

    /**
     * The topics as the services provisioned them: instruments compacted, and the processors' changelogs
     * with RTX's own min.insync.replicas written on them rather than inherited from the broker.
     */
    @Test
    void topicsCarryTheSettingsTheServicesProvisionedChangelogsIncluded() throws Exception {
        ConfigResource instruments = new ConfigResource(ConfigResource.Type.TOPIC, Topics.INSTRUMENTS);
        ConfigResource changelog = new ConfigResource(ConfigResource.Type.TOPIC, Topics.ACCOUNTS_CHANGELOG);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.infrastructure().kafkaBootstrap()))) {
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(instruments, changelog)).all()
                    .get(30, TimeUnit.SECONDS);
            assertThat(configs.get(instruments).get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact");
            assertThat(configs.get(changelog).get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).source())
                    .isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        }
    }

    /** The exclusions of rtx-processor.yml at work: on the shared class path a processor is still only a processor. */
    @Test
    void processorsRunNoDatabaseRedisOrSecurityAndServeTheirMetrics() {
        for (String processor : List.of("rtx-risk", "rtx-matching")) {
            ConfigurableApplicationContext service = stack.service(processor);
            for (Class<?> foreign : List.of(ConnectionFactory.class, DataSource.class, RedisConnectionFactory.class,
                    ReactiveRedisConnectionFactory.class, SecurityFilterChain.class, SecurityWebFilterChain.class)) {
                assertThat(service.getBeanNamesForType(foreign)).as(processor + " has a " + foreign.getSimpleName()).isEmpty();
            }
            String metrics = RestClient.create(LocalStack.url(service)).get().uri("/actuator/prometheus")
                    .retrieve().body(String.class);
            assertThat(metrics).as(processor + " /actuator/prometheus").contains("kafka_stream_thread_commit_total");
        }
    }

    private static JsonNode place(String key, String clientOrderId, String side, String price, String quantity)
            throws Exception {
        String body = gateway.post().uri("/api/v1/orders").header("X-API-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .body(JSON.writeValueAsString(Map.of("clientOrderId", clientOrderId, "symbol", "BTC-USD",
                        "side", side, "type", "LIMIT", "timeInForce", "GTC", "price", price, "quantity", quantity)))
                .retrieve().body(String.class);
        return JSON.readTree(body);
    }

    private static JsonNode get(String path, String key) throws Exception {
        var request = gateway.get().uri(path);
        if (key != null) {
            request = request.header("X-API-Key", key);
        }
        return JSON.readTree(request.retrieve().body(String.class));
    }
}
