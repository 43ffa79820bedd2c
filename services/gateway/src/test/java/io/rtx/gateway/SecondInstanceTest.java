package io.rtx.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtx.gateway.orders.OrderIds;
import io.rtx.gateway.security.ApiKeys;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Two gateways at once, as blue and green (or preview) pods run together: the test's own gateway (blue,
 * fixed node id 7) and a {@link SecondGateway} (green) started without a node id, which leases one. Also
 * what one instance does to an API key that the other has cached.
 */
@Order(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecondInstanceTest extends GatewayTest {

    private static SecondGateway green;

    @BeforeEach
    void startGreen() throws InterruptedException {
        if (green == null) {
            green = new SecondGateway(broker);
        }
    }

    @AfterAll
    static void stopGreen() {
        if (green != null) {
            green.close();
            green = null;
        }
    }

    @Test
    @Order(1)
    void withoutANodeIdTheGatewayLeasesOneAndItsOrderIdsCarryIt() {
        int node = green.lease().node();
        assertThat(green.lease().leased()).isTrue();
        String holder = db.sql("SELECT holder FROM gateway_node_lease WHERE node_id = :n AND expires_at > now()")
                .bind("n", node).map(r -> r.get(0, String.class)).one().block();
        assertThat(holder).isEqualTo(green.lease().holder());

        long greenOrder = orderId(json(post(green.web, "/api/v1/orders", Fixture.keyA,
                limit(null, "BUY", "5900.00", "0.0010")), 201));
        long blueOrder = orderId(json(post("/api/v1/orders", Fixture.keyA, limit(null, "BUY", "5900.00", "0.0010")), 201));
        assertThat(OrderIds.nodeOf(greenOrder)).isEqualTo(node);
        assertThat(OrderIds.nodeOf(blueOrder)).isEqualTo(7);
    }

    @Test
    @Order(2)
    void whenItsLeaseIsTakenOverItAnswers503AndIsNotReadyUntilItHoldsANewOne() throws Exception {
        int node = green.lease().node();
        try {
            // Someone else holds green's node id, and every other id: green cannot claim another one.
            db.sql("INSERT INTO gateway_node_lease (node_id, holder, expires_at) SELECT n, 'intruder', "
                    + "now() + interval '1 hour' FROM generate_series(0, 1023) n "
                    + "WHERE NOT EXISTS (SELECT 1 FROM gateway_node_lease l WHERE l.node_id = n)")
                    .fetch().rowsUpdated().block();
            db.sql("UPDATE gateway_node_lease SET holder = 'intruder' WHERE node_id = :n").bind("n", node)
                    .fetch().rowsUpdated().block();

            EntityExchangeResult<JsonNode> refused = placeOnGreenUntil(status -> status == 503);
            assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(refused.getResponseHeaders().getFirst("Retry-After")).isNotBlank();
            JsonNode problem = refused.getResponseBody();
            assertThat(problem.get("type").asString()).isEqualTo("urn:rtx:problem:service-unavailable");
            assertThat(problem.get("dependency").asString()).isEqualTo("order-id node lease");
            assertThat(json(green.web.get().uri("/actuator/health/readiness").exchange(), 503).get("status").asString())
                    .isEqualTo("DOWN");
            assertThat(json(green.web.get().uri("/actuator/health/liveness").exchange(), 200).get("status").asString())
                    .as("not a reason to restart the pod").isEqualTo("UP");
            assertThat(prometheus(green.web)).containsPattern("rtx_gateway_node_lease_held\\{[^}]*} 0\\.0")
                    .containsPattern("rtx_gateway_node_lease_renewals_total\\{[^}]*outcome=\"lost\"[^}]*} [1-9]");
            // Blue's fixed node id is not affected.
            json(post("/api/v1/orders", Fixture.keyA, limit(null, "BUY", "5900.00", "0.0010")), 201);

            // One id frees up: green claims it at its next retry and is ready and issuing ids again.
            db.sql("DELETE FROM gateway_node_lease WHERE node_id = 1000").fetch().rowsUpdated().block();
            EntityExchangeResult<JsonNode> placed = placeOnGreenUntil(status -> status == 201);
            assertThat(OrderIds.nodeOf(orderId(placed.getResponseBody()))).isEqualTo(1000).isNotEqualTo(node);
            json(green.web.get().uri("/actuator/health/readiness").exchange(), 200);
        } finally {
            db.sql("DELETE FROM gateway_node_lease WHERE holder = 'intruder'").fetch().rowsUpdated().block();
        }
    }

    @Test
    @Order(3)
    void aRevokedKeyIs401OnTheInstanceThatRevokedItAtOnceAndOnEveryOtherWithinItsKeyCacheTtl() throws Exception {
        JsonNode issued = json(post("/api/v1/admin/accounts/" + Fixture.ACCOUNT_A + "/api-keys", ADMIN_KEY,
                Map.of("role", "TRADER")), 201);
        String key = issued.get("apiKey").asString();
        String keyId = issued.get("keyId").asString();
        String secret = key.substring(key.indexOf('.') + 1);
        String stored = db.sql("SELECT key_hash FROM api_keys WHERE key_id = :k").bind("k", keyId)
                .map(r -> r.get(0, String.class)).one().block();
        assertThat(stored).as("only the SHA-256 of the secret is stored").isEqualTo(ApiKeys.sha256Hex(secret))
                .doesNotContain(secret);

        // Both instances verify it and cache it (blue for 30 s, green for 1 s).
        json(get("/api/v1/orders", key), 200);
        json(get(green.web, "/api/v1/orders", key), 200);

        // Another account's path cannot revoke it, nor can a trader.
        json(delete("/api/v1/admin/accounts/" + Fixture.ACCOUNT_B + "/api-keys/" + keyId, ADMIN_KEY), 404);
        json(delete("/api/v1/admin/accounts/" + Fixture.ACCOUNT_A + "/api-keys/" + keyId, key), 403);
        json(get("/api/v1/orders", key), 200);

        delete("/api/v1/admin/accounts/" + Fixture.ACCOUNT_A + "/api-keys/" + keyId, ADMIN_KEY)
                .expectStatus().isNoContent();
        Boolean revoked = db.sql("SELECT revoked_at IS NOT NULL FROM api_keys WHERE key_id = :k").bind("k", keyId)
                .map(r -> r.get(0, Boolean.class)).one().block();
        assertThat(revoked).isTrue();

        // Blue dropped it from its cache when it revoked it: refused at once, for orders too.
        JsonNode refused = json(get("/api/v1/orders", key), 401);
        assertThat(refused.get("type").asString()).isEqualTo("urn:rtx:problem:unauthorized");
        json(post("/api/v1/orders", key, limit(null, "BUY", "5900.00", "0.0010")), 401);
        // Green re-reads it once its 1 s cache entry is stale.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int status;
        do {
            Thread.sleep(200);
            status = get(green.web, "/api/v1/orders", key).returnResult(String.class).getStatus().value();
        } while (status != 401 && System.nanoTime() < deadline);
        assertThat(status).as("green refuses the revoked key within its key-cache-ttl").isEqualTo(401);
        json(post(green.web, "/api/v1/orders", key, limit(null, "BUY", "5900.00", "0.0010")), 401);

        // Revoking it again: there is no active key of that id any more.
        json(delete("/api/v1/admin/accounts/" + Fixture.ACCOUNT_A + "/api-keys/" + keyId, ADMIN_KEY), 404);
        // Other keys of the account are untouched.
        json(get("/api/v1/orders", Fixture.keyA), 200);
        json(get(green.web, "/api/v1/orders", Fixture.keyA), 200);
    }

    @Test
    @Order(4)
    void aGracefulShutdownReleasesItsNodeId() {
        String holder = green.lease().holder();
        green.close();
        green = null;
        Long rows = db.sql("SELECT count(*) FROM gateway_node_lease WHERE holder = :h").bind("h", holder)
                .map(r -> r.get(0, Long.class)).one().block();
        assertThat(rows).isZero();
    }

    private EntityExchangeResult<JsonNode> placeOnGreenUntil(Predicate<Integer> status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            EntityExchangeResult<JsonNode> result = post(green.web, "/api/v1/orders", Fixture.keyA,
                    limit(null, "BUY", "5900.00", "0.0010")).expectBody(JsonNode.class).returnResult();
            if (status.test(result.getStatus().value()) || System.nanoTime() > deadline) {
                assertThat(result.getStatus().value()).as(String.valueOf(result.getResponseBody()))
                        .matches(status::test);
                return result;
            }
            Thread.sleep(100);
        }
    }

    static String prometheus(WebTestClient client) {
        return client.mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build()
                .get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private static long orderId(JsonNode order) {
        return Long.parseLong(order.get("orderId").asString());
    }
}
