package io.rtx.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtx.gateway.kafka.EventTail;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The gateway on real infrastructure: a KRaft broker, PostgreSQL with the ledger's schema, Redis, and
 * the real risk and matching processors. Every test class extends this one, so they share one Spring
 * context (and one set of servers). The ledger runs only in {@link OutageTest} (see {@link Ledger}):
 * query tests insert the rows it would project.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        args = "--spring.config.name=gateway",
        properties = {
                "rtx.kafka.partitions=3",
                "rtx.gateway.node-id=7",
                "rtx.gateway.ack-timeout=" + GatewayTest.ACK_TIMEOUT_SECONDS + "s",
                "rtx.gateway.account-command-timeout=10s",
                "rtx.gateway.rate-limit=30",
                "rtx.gateway.rate-limit-period=1s",
                "rtx.gateway.key-rate-limits." + HostileInputFuzzTest.TRADER_KEY_ID + "=1000000",
                "rtx.gateway.key-rate-limits." + HostileInputFuzzTest.ADMIN_KEY_ID + "=1000000",
                "rtx.admin.bootstrap-key=" + GatewayTest.ADMIN_KEY,
                "spring.r2dbc.username=postgres",
                "spring.r2dbc.password=postgres"})
@AutoConfigureMetrics
@AutoConfigureWebTestClient
@Import(GatewayTest.TestBeans.class)
abstract class GatewayTest {

    static final String ADMIN_KEY = "bootstrap-admin.0123456789abcdef0123456789abcdef";
    /** How long order placement waits for risk's decision before answering 202 (rtx.gateway.ack-timeout). */
    static final int ACK_TIMEOUT_SECONDS = 10;
    static final String SYMBOL = "BTC-USD";

    @Autowired
    WebTestClient web;
    @Autowired
    DatabaseClient db;
    @Autowired
    EventTail tail;
    final EmbeddedKafkaBroker broker = Infrastructure.KAFKA;
    @Autowired
    Processors processors;

    @TestConfiguration
    static class TestBeans {
        @Bean(destroyMethod = "close")
        Processors processors() throws IOException {
            return new Processors(Infrastructure.KAFKA);
        }

        @Bean
        RequestCpu requestCpu() {
            return new RequestCpu();
        }
    }

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", Infrastructure.KAFKA::getBrokersAsString);
        registry.add("spring.r2dbc.url", Infrastructure::r2dbcUrl);
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> Infrastructure.REDIS_PORT);
    }

    @BeforeEach
    void fixture() throws Exception {
        assertThat(tail.awaitReady(Duration.ofSeconds(60))).as("gateway follows the topics").isTrue();
        web = web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        Fixture.ensure(this);
    }

    /** Every execution report on the topic, read as a Kafka client would. */
    ReportTap reports() {
        return ReportTap.on(broker.getBrokersAsString());
    }

    /** Places a limit order that must be accepted (201); its order id. */
    long place(String key, Map<String, Object> order) {
        return Long.parseLong(json(post("/api/v1/orders", key, order), 201).get("orderId").asString());
    }

    WebTestClient.ResponseSpec delete(String path, String key) {
        return web.delete().uri(path).header("X-API-Key", key).exchange();
    }

    WebTestClient.ResponseSpec post(String path, String key, Object body) {
        return post(web, path, key, body);
    }

    static WebTestClient.ResponseSpec post(WebTestClient client, String path, String key, Object body) {
        return client.post().uri(path).header("X-API-Key", key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec patch(String path, String key, Object body) {
        return web.patch().uri(path).header("X-API-Key", key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec get(String path, String key) {
        return get(web, path, key);
    }

    static WebTestClient.ResponseSpec get(WebTestClient client, String path, String key) {
        return client.get().uri(path).header("X-API-Key", key).exchange();
    }

    static JsonNode json(WebTestClient.ResponseSpec response, int status) {
        return response.expectStatus().isEqualTo(status).expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    /** A client of another gateway instance in this JVM (see {@link SecondGateway}). */
    static WebTestClient client(int port) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    static Map<String, Object> limit(String clientOrderId, String side, String price, String quantity) {
        java.util.HashMap<String, Object> order = new java.util.HashMap<>();
        if (clientOrderId != null) {
            order.put("clientOrderId", clientOrderId);
        }
        order.put("symbol", SYMBOL);
        order.put("side", side);
        order.put("type", "LIMIT");
        order.put("price", price);
        order.put("quantity", quantity);
        return order;
    }
}
