package io.rtx.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.Sentry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/** Authentication, authorisation, bad input as problems, rate limiting, health, metrics, docs. */
@Order(3)
class EdgeTest extends GatewayTest {

    @Test
    void noKeyOrABadKeyIs401Problem() {
        JsonNode none = json(web.get().uri("/api/v1/orders").exchange(), 401);
        assertThat(none.get("type").asString()).isEqualTo("urn:rtx:problem:unauthorized");
        json(get("/api/v1/orders", "not-a-key"), 401);
        json(get("/api/v1/orders", "unknownkey1.0123456789abcdef0123456789"), 401);
        String keyId = Fixture.keyA.substring(0, Fixture.keyA.indexOf('.'));
        json(get("/api/v1/orders", keyId + ".wrongwrongwrongwrongwrongwrong"), 401);
    }

    @Test
    void aTraderIsForbiddenOnAdminEndpoints() {
        JsonNode problem = json(post("/api/v1/admin/accounts", Fixture.keyA, Map.of()), 403);
        assertThat(problem.get("type").asString()).isEqualTo("urn:rtx:problem:forbidden");
    }

    @Test
    void everyKindOfBadInputIsAProblemNamingTheField() {
        Map<String, Object> missingQuantity = limit(null, "BUY", "100.00", null);
        missingQuantity.remove("quantity");
        assertField(post("/api/v1/orders", Fixture.keyA, missingQuantity), 400, "quantity");
        assertField(post("/api/v1/orders", Fixture.keyA, limit(null, "BUY", "100.001", "1")), 400, "price");
        assertField(post("/api/v1/orders", Fixture.keyA, limit(null, "BUY", "abc", "1")), 400, "price");
        assertField(post("/api/v1/orders", Fixture.keyA, limit(null, "BUY", "100.00", "0.0015")), 400, "quantity");
        assertField(post("/api/v1/orders", Fixture.keyA, limit(null, "HOLD", "100.00", "1")), 400, "side");
        Map<String, Object> unknown = limit(null, "BUY", "100.00", "1");
        unknown.put("symbol", "DOGE-USD");
        assertField(post("/api/v1/orders", Fixture.keyA, unknown), 400, "symbol");
        Map<String, Object> number = limit(null, "BUY", "100.00", "1");
        number.put("price", 100.5);
        assertField(post("/api/v1/orders", Fixture.keyA, number), 400, "price");
        assertField(web.post().uri("/api/v1/orders").header("X-API-Key", Fixture.keyA)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"symbol\": \"BTC-USD\",").exchange(), 400, "body");
        assertField(web.post().uri("/api/v1/orders").header("X-API-Key", Fixture.keyA)
                .contentType(MediaType.TEXT_PLAIN).bodyValue("symbol=BTC-USD").exchange(), 415, "Content-Type");
        String huge = "{\"symbol\":\"" + "X".repeat(70_000) + "\"}";
        assertField(web.post().uri("/api/v1/orders").header("X-API-Key", Fixture.keyA)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(huge).exchange(), 413, "body");
        assertField(get("/api/v1/orders/not-a-number", Fixture.keyA), 400, "orderId");
        assertField(get("/api/v1/orders?size=5000", Fixture.keyA), 400, "size");
        assertField(get("/api/v1/markets/BTC-USD/candles?interval=2m", Fixture.keyA), 400, "interval");
        // BTC trades at scale 8 on BTC-USD: another instrument may not give it a different scale.
        Map<String, Object> btcEur = new java.util.HashMap<>(Fixture.instrument());
        btcEur.put("quoteAsset", "EUR");
        btcEur.put("baseScale", 6);
        assertField(web.put().uri("/api/v1/admin/instruments/BTC-EUR").header("X-API-Key", ADMIN_KEY)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(btcEur).exchange(), 400, "baseScale");
    }

    @Test
    void aRedefinitionThatCouldStrandRestingOrdersIsRefusedNamingTheFieldAndNeverPublished() {
        Map<String, Object> rescaled = new java.util.HashMap<>(Fixture.instrument());
        rescaled.put("priceScale", 3);
        rescaled.put("tickSize", "0.010");
        assertThat(assertField(putInstrument(rescaled), 409, "priceScale").get("reason").asString())
                .isEqualTo("SCALE_CHANGED");
        Map<String, Object> coarserLot = new java.util.HashMap<>(Fixture.instrument());
        coarserLot.put("lotSize", "0.0020");
        coarserLot.put("minQuantity", "0.0020");
        assertThat(assertField(putInstrument(coarserLot), 409, "lotSize").get("reason").asString())
                .isEqualTo("LOT_SIZE_NOT_DIVISOR");
        Map<String, Object> raisedFee = new java.util.HashMap<>(Fixture.instrument());
        raisedFee.put("takerFeeBps", 30);
        JsonNode problem = assertField(putInstrument(raisedFee), 409, "takerFeeBps");
        assertThat(problem.get("type").asString()).isEqualTo("urn:rtx:problem:instrument-redefinition-refused");
        assertThat(problem.get("reason").asString()).isEqualTo("FEE_RAISED");

        JsonNode inForce = json(get("/api/v1/markets/instruments/" + SYMBOL, Fixture.keyA), 200);
        assertThat(inForce.get("priceScale").asInt()).isEqualTo(2);
        assertThat(inForce.get("takerFeeBps").asInt()).isEqualTo(20);
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec putInstrument(
            Map<String, Object> definition) {
        return web.put().uri("/api/v1/admin/instruments/" + SYMBOL).header("X-API-Key", ADMIN_KEY)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(definition).exchange();
    }

    private JsonNode assertField(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec response,
                                 int status, String field) {
        JsonNode problem = response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.path("field").asString()).as(problem.toString()).isEqualTo(field);
        return problem;
    }

    @Test
    void pastTheRateLimitIs429WithRetryAfter() {
        String key = json(post("/api/v1/admin/accounts/" + Fixture.ACCOUNT_A + "/api-keys", ADMIN_KEY,
                Map.of("role", "TRADER")), 201).get("apiKey").asString();
        // Bursts of 60 concurrent requests against a limit of 30 a second: even a slow machine puts more than 30
        // of one burst into one second, and the bursts repeat until a refusal or the deadline.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        EntityExchangeResult<String> limited = null;
        while (limited == null && System.nanoTime() < deadline) {
            limited = Flux.range(0, 60)
                    .flatMap(i -> Mono.fromCallable(() -> web.get().uri("/api/v1/markets/instruments")
                            .header("X-API-Key", key).exchange().expectBody(String.class).returnResult())
                            .subscribeOn(Schedulers.boundedElastic()), 60)
                    .filter(result -> result.getStatus().value() == 429)
                    .next().block(Duration.ofSeconds(30));
        }
        assertThat(limited).as("a 429 for a burst above 30 requests a second").isNotNull();
        assertThat(Long.parseLong(limited.getResponseHeaders().getFirst("Retry-After"))).isBetween(1L, 1L);
        assertThat(limited.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void healthMetricsAndDocsAreOpen() {
        assertThat(json(web.get().uri("/health").exchange(), 200).get("status").asString()).isEqualTo("UP");
        json(web.get().uri("/actuator/health/liveness").exchange(), 200);
        json(web.get().uri("/actuator/health/readiness").exchange(), 200);
        double publishesBefore = stageCount(prometheus(), "publish");
        // One order so every order metric has a sample; risk, not the gateway, owns its client order id.
        json(post("/api/v1/orders", Fixture.keyA, limit("edge-metrics-" + java.util.UUID.randomUUID(), "BUY", "5000.00", "0.0010")), 201);
        String prometheus = prometheus();
        assertThat(prometheus).contains("rtx_gateway_orders_received_total{", "type=\"place\"",
                "rtx_gateway_orders_accepted_total", "rtx_gateway_order_ack_seconds_bucket",
                "rtx_gateway_order_ack_seconds_count", "rtx_gateway_sse_subscribers{", "stream=\"execution-reports\"",
                "resilience4j_circuitbreaker_state{", "name=\"postgres\"",
                "http_server_requests_seconds_bucket", "le=\"0.1\"");
        assertThat(prometheus).doesNotContain("stage=\"claim\"");
        assertThat(stageCount(prometheus, "publish")).isEqualTo(publishesBefore + 1);
        JsonNode api = json(web.get().uri("/v3/api-docs").exchange(), 200);
        assertThat(api.get("paths").has("/api/v1/orders")).isTrue();
        assertThat(api.toString()).contains("X-API-Key");
        web.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
        assertThat(Sentry.isEnabled()).as("no DSN, no Sentry").isFalse();
    }

    private String prometheus() {
        return web.mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build().get()
                .uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private static double stageCount(String prometheus, String stage) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "rtx_gateway_order_stage_seconds_count\\{[^}]*stage=\"" + stage + "\"[^}]*} (\\S+)").matcher(prometheus);
        assertThat(m.find()).as("stage " + stage + " is exported").isTrue();
        return Double.parseDouble(m.group(1));
    }
}
