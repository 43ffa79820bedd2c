package io.rtx.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What every test needs, created once per JVM through the admin API itself (bootstrap admin key):
 * the BTC-USD instrument, and accounts A and B, funded, each with a TRADER key.
 */
final class Fixture {

    static final long ACCOUNT_A = 1001;
    static final long ACCOUNT_B = 1002;
    static String keyA;
    static String keyB;
    private static boolean created;

    private Fixture() {
    }

    static synchronized void ensure(GatewayTest test) {
        if (created) {
            return;
        }
        test.web.put().uri("/api/v1/admin/instruments/" + GatewayTest.SYMBOL)
                .header("X-API-Key", GatewayTest.ADMIN_KEY)
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(instrument())
                .exchange().expectStatus().isOk();
        keyA = account(test, ACCOUNT_A, "100000.00", "10");
        keyB = account(test, ACCOUNT_B, "100000.00", "10");
        created = true;
    }

    /**
     * The test instrument's definition as the admin API takes it. BTC-USD never trades in these tests, so its
     * band stays centred on the reference price: 90% around 11,000.00 holds every price the tests use
     * (5,000.00 to 20,001.00).
     */
    static Map<String, Object> instrument() {
        return Map.ofEntries(Map.entry("baseAsset", "BTC"), Map.entry("baseScale", 8),
                Map.entry("quoteAsset", "USD"), Map.entry("quoteScale", 8), Map.entry("priceScale", 2),
                Map.entry("quantityScale", 4), Map.entry("tickSize", "0.01"), Map.entry("lotSize", "0.0010"),
                Map.entry("minQuantity", "0.0010"), Map.entry("maxQuantity", "100.0000"),
                Map.entry("priceBandPercent", "90.00"), Map.entry("referencePrice", "11000.00"),
                Map.entry("maxNotional", "10000000.00000000"), Map.entry("makerFeeBps", 10),
                Map.entry("takerFeeBps", 20));
    }

    /** Opens the account through the admin API, deposits USD and BTC, and returns a new TRADER key for it. */
    static String account(GatewayTest test, long accountId, String usd, String btc) {
        JsonNode opened = test.json(test.post("/api/v1/admin/accounts", GatewayTest.ADMIN_KEY,
                Map.of("accountId", Long.toString(accountId))), 201);
        assertThat(opened.get("accountId").asString()).isEqualTo(Long.toString(accountId));
        assertThat(opened.get("suspended").asBoolean()).isFalse();
        test.json(test.post("/api/v1/admin/accounts/" + accountId + "/deposits", GatewayTest.ADMIN_KEY,
                Map.of("asset", "USD", "amount", usd)), 200);
        JsonNode funded = test.json(test.post("/api/v1/admin/accounts/" + accountId + "/deposits", GatewayTest.ADMIN_KEY,
                Map.of("asset", "BTC", "amount", btc)), 200);
        assertThat(funded.get("balances").toString()).contains("BTC").contains("USD");
        return key(test, accountId);
    }

    /** A new TRADER key for the account. */
    static String key(GatewayTest test, long accountId) {
        JsonNode key = test.json(test.post("/api/v1/admin/accounts/" + accountId + "/api-keys", GatewayTest.ADMIN_KEY,
                Map.of("role", "TRADER")), 201);
        return key.get("apiKey").asString();
    }
}
