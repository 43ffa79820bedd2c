package io.rtx.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * One example per class of hostile input: each is a 4xx problem naming the field, refused where the input
 * is read, before any arithmetic, query or publication.
 */
@Order(3)
class HostileInputTest extends GatewayTest {

    static final long ACCOUNT = 4001;
    private static boolean funded;

    @Autowired
    CircuitBreakerRegistry breakers;
    @Value("${local.server.port}")
    int port;

    /** A fresh key per test: the examples stay below the per-key rate limit. */
    String key;

    @BeforeEach
    void account() {
        if (!funded) {
            Fixture.account(this, ACCOUNT, "100000.00", "10");
            funded = true;
        }
        key = Fixture.key(this, ACCOUNT);
    }

    @Test
    void valuesThatOverflowLaterAreRefusedWhereTheyAreRead() {
        Map<String, Object> gtd = limit(null, "BUY", "9000.00", "0.0100");
        gtd.put("timeInForce", "GTD");
        gtd.put("expiresAt", "+1000000000-12-31T23:59:59Z");
        assertProblem(post("/api/v1/orders", key, gtd), 400, "expiresAt");
        assertProblem(query("/api/v1/accounts/me/trades?before=-1000000000-01-01T00:00:00Z"), 400, "before");
        assertProblem(query("/api/v1/markets/BTC-USD/candles?interval=1m&to=%2B1000000000-12-31T23:59:59Z"), 400, "to");
        assertProblem(post("/api/v1/admin/accounts", ADMIN_KEY, Map.of("accountId", "9999999999999999999")), 400,
                "accountId");
        assertProblem(post("/api/v1/admin/accounts/9223372036854775808/deposits", ADMIN_KEY,
                Map.of("asset", "USD", "amount", "1.00")), 400, "accountId");
    }

    @Test
    void anIdInAnOddEncodingIsRefusedRatherThanReadAsSomeId() {
        long orderId = place(key, limit(null, "BUY", "8800.00", "0.0010"));
        assertProblem(delete("/api/v1/orders/+" + orderId, key), 400, "orderId");
        assertProblem(delete("/api/v1/orders/0x" + Long.toHexString(orderId), key), 400, "orderId");
        assertProblem(query("/api/v1/orders?size=%2B5"), 400, "size");
    }

    @Test
    void anExponentDecimalIsRefusedBeforeAnyArithmetic() {
        long start = System.nanoTime();
        assertProblem(post("/api/v1/orders", key, limit(null, "BUY", "1e10000000", "0.0100")), 400, "price");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void trailingTokensDuplicateKeysAndCoercedScalarsAreRefusedNamingTheField() {
        String order = "{\"symbol\":\"BTC-USD\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"price\":\"8700.00\","
                + "\"quantity\":\"0.0010\"";
        assertProblem(raw("POST", "/api/v1/orders", order + "} x"), 400, "body");
        assertProblem(raw("POST", "/api/v1/orders", order + "}" + order + "}"), 400, "body");
        assertProblem(raw("POST", "/api/v1/orders", order + ",\"side\":\"SELL\"}"), 400, "side");
        for (String postOnly : new String[]{"1", "\"true\"", "\"\""}) {
            assertProblem(raw("POST", "/api/v1/orders", order + ",\"postOnly\":" + postOnly + "}"), 400, "postOnly");
        }
        assertProblem(raw("POST", "/api/v1/orders", order + ",\"timeInForce\":\"GTD\",\"expiresAt\":\"\"}"), 400,
                "expiresAt");
        Map<String, Object> definition = new HashMap<>(Fixture.instrument());
        definition.put("makerFeeBps", 1.5);
        assertProblem(web.put().uri("/api/v1/admin/instruments/" + SYMBOL).header("X-API-Key", ADMIN_KEY)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(definition).exchange(), 400, "makerFeeBps");
    }

    @Test
    void aControlCharacterIsRefusedNotStrippedForValidation() {
        assertProblem(post("/api/v1/orders", key, limit(null, "BUY", "8600.00\u0000", "0.0010")), 400, "price");
        assertProblem(post("/api/v1/orders", key, limit(null, "BUY", "8600.00", " 0.0010")), 400, "quantity");
        assertProblem(post("/api/v1/admin/accounts/" + ACCOUNT + "/deposits", ADMIN_KEY,
                Map.of("asset", "USD", "amount", "1.00\n")), 400, "amount");
    }

    @Test
    void badQueryInputIsA400BeforeAnyQueryAndNeverOpensTheBreaker() {
        CircuitBreaker postgres = breakers.circuitBreaker("postgres");
        for (int i = 0; i < 12; i++) {
            assertProblem(query("/api/v1/accounts/me/trades?before=%2B294277-01-01T00:00:00Z"), 400, "before");
        }
        assertThat(postgres.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        json(get("/api/v1/accounts/me/trades", key), 200);

        // And should a refused statement ever reach the store, it is not an outage: only those count.
        Predicate<Throwable> recorded = postgres.getCircuitBreakerConfig().getRecordExceptionPredicate();
        assertThat(recorded.test(new DataIntegrityViolationException("date/time field value out of range"))).isFalse();
        assertThat(recorded.test(new InvalidDataAccessResourceUsageException("bad SQL grammar"))).isFalse();
        assertThat(recorded.test(new DataAccessResourceFailureException("connection refused"))).isTrue();
        assertThat(recorded.test(new TimeoutException("2 s"))).isTrue();
    }

    @Test
    void anApiKeyIsIssuedOnlyForAnAccountThatExists() {
        assertProblem(post("/api/v1/admin/accounts/987654321/api-keys", ADMIN_KEY, Map.of("role", "TRADER")), 404,
                null);
        json(post("/api/v1/admin/accounts", ADMIN_KEY, Map.of("accountId", "4002")), 201);
        json(post("/api/v1/admin/accounts/4002/api-keys", ADMIN_KEY, Map.of("role", "TRADER")), 201);
    }

    /** Keys issued before the check: the ledger's migration revokes those whose account it never projected. */
    @Test
    void theMigrationRevokesExistingKeysOfAccountsThatDoNotExist() throws Exception {
        String revoke = new String(getClass().getResourceAsStream("/db/migration/V5__revoke_keys_of_unknown_accounts.sql")
                .readAllBytes(), StandardCharsets.UTF_8);
        try (Connection sql = DriverManager.getConnection(Infrastructure.POSTGRES.jdbcUrl(),
                Infrastructure.DATABASE_USER, Infrastructure.DATABASE_USER)) {
            sql.setAutoCommit(false); // everything below is rolled back: the shared keys stay as they are
            try (Statement s = sql.createStatement()) {
                s.executeUpdate("INSERT INTO accounts VALUES (4003, false, 1, now()) ON CONFLICT DO NOTHING");
                s.executeUpdate("INSERT INTO api_keys (key_id, account_id, key_hash, role) VALUES "
                        + "('orphan-key-1', 987654322, '" + "a".repeat(64) + "', 'TRADER'), "
                        + "('opened-key-1', 4003, '" + "b".repeat(64) + "', 'TRADER')");
                s.execute(revoke);
                try (ResultSet rows = s.executeQuery("SELECT key_id, revoked_at IS NOT NULL FROM api_keys "
                        + "WHERE key_id IN ('orphan-key-1', 'opened-key-1') ORDER BY key_id")) {
                    Map<String, Boolean> revoked = new HashMap<>();
                    while (rows.next()) {
                        revoked.put(rows.getString(1), rows.getBoolean(2));
                    }
                    assertThat(revoked).containsEntry("orphan-key-1", true).containsEntry("opened-key-1", false);
                }
            } finally {
                sql.rollback();
            }
        }
    }

    @Test
    void aNeverTradedInstrumentBandsItsFirstOrderAroundTheDefinitionsReferencePrice() {
        Map<String, Object> definition = new HashMap<>(Fixture.instrument());
        definition.put("baseAsset", "BAND");
        definition.put("priceBandPercent", "10.00");
        definition.remove("referencePrice");
        assertProblem(put("/api/v1/admin/instruments/BAND-USD", definition), 400, "referencePrice");
        definition.put("referencePrice", "100.00");
        json(put("/api/v1/admin/instruments/BAND-USD", definition), 200);

        Map<String, Object> far = limit(null, "BUY", "200.00", "0.0100");
        far.put("symbol", "BAND-USD");
        JsonNode rejected = json(post("/api/v1/orders", key, far), 422);
        assertThat(rejected.get("reason").asString()).isEqualTo("PRICE_OUTSIDE_BAND");
        far.put("price", "105.00");
        json(post("/api/v1/orders", key, far), 201);
    }

    /** A GET of an already encoded URI ({@code %2B} stays a plus sign, not a space). */
    WebTestClient.ResponseSpec query(String encoded) {
        return web.get().uri(URI.create("http://127.0.0.1:" + port + encoded)).header("X-API-Key", key).exchange();
    }

    WebTestClient.ResponseSpec put(String path, Object body) {
        return web.put().uri(path).header("X-API-Key", ADMIN_KEY).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec raw(String method, String path, String body) {
        return web.method(org.springframework.http.HttpMethod.valueOf(method)).uri(path).header("X-API-Key", key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body.getBytes(StandardCharsets.UTF_8)).exchange();
    }

    static JsonNode assertProblem(WebTestClient.ResponseSpec response, int status, String field) {
        JsonNode problem = response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(problem.get("type").asString()).startsWith("urn:rtx:problem:");
        if (field != null) {
            assertThat(problem.path("field").asString()).as(problem.toString()).isEqualTo(field);
        }
        return problem;
    }
}
