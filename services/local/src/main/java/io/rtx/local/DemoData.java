package io.rtx.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeds a fresh local stack through the gateway's own admin API (the path an operator uses): BTC-USD
 * and ETH-USD, two funded demo traders with API keys, and an admin key of a real account.
 */
public final class DemoData {

    public record Trader(String accountId, String apiKey) {
    }

    /** The admin key, the two demo traders, and the extra funded traders for load tests. */
    public record Seeded(String adminKey, List<Trader> traders, List<Trader> loadTraders) {
    }

    private static final Pattern API_KEY = Pattern.compile("\"apiKey\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String bootstrapKey;

    public DemoData(String baseUrl, String bootstrapKey) {
        this.baseUrl = baseUrl;
        this.bootstrapKey = bootstrapKey;
    }

    public Seeded seed(int loadTraders) throws Exception {
        awaitReady(Duration.ofMinutes(3));
        instrument("BTC-USD", "BTC", "0.01", "0.0001", "0.0001", "100.0000", "30000.00");
        instrument("ETH-USD", "ETH", "0.01", "0.0010", "0.0010", "1000.0000", "2000.00");
        call("POST", "/api/v1/admin/accounts", "{\"accountId\":\"1\"}");
        String adminKey = apiKey("1", "ADMIN");
        List<Trader> traders = new ArrayList<>();
        for (String accountId : List.of("1001", "1002")) {
            traders.add(fundedTrader(accountId));
        }
        List<Trader> load = new ArrayList<>();
        for (int i = 1; i <= loadTraders; i++) {
            load.add(fundedTrader(Integer.toString(2000 + i)));
        }
        return new Seeded(adminKey, traders, load);
    }

    private Trader fundedTrader(String accountId) throws Exception {
        call("POST", "/api/v1/admin/accounts", "{\"accountId\":\"" + accountId + "\"}");
        deposit(accountId, "USD", "1000000.00");
        deposit(accountId, "BTC", "10");
        deposit(accountId, "ETH", "100");
        return new Trader(accountId, apiKey(accountId, "TRADER"));
    }

    /** {@code reference}: where the 10% band is centred until the first trade (the load suites' start price). */
    private void instrument(String symbol, String base, String tick, String lot, String min, String max,
                            String reference) throws Exception {
        call("PUT", "/api/v1/admin/instruments/" + symbol, """
                {"baseAsset":"%s","baseScale":8,"quoteAsset":"USD","quoteScale":8,"priceScale":2,"quantityScale":4,
                 "tickSize":"%s","lotSize":"%s","minQuantity":"%s","maxQuantity":"%s","priceBandPercent":"10.00",
                 "referencePrice":"%s","maxNotional":"10000000.00000000","makerFeeBps":10,"takerFeeBps":20,
                 "selfTradePolicy":"CANCEL_NEWEST"}
                """.formatted(base, tick, lot, min, max, reference));
    }

    private void deposit(String accountId, String asset, String amount) throws Exception {
        call("POST", "/api/v1/admin/accounts/" + accountId + "/deposits",
                "{\"asset\":\"" + asset + "\",\"amount\":\"" + amount + "\"}");
    }

    private String apiKey(String accountId, String role) throws Exception {
        String body = call("POST", "/api/v1/admin/accounts/" + accountId + "/api-keys", "{\"role\":\"" + role + "\"}");
        Matcher matcher = API_KEY.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("no apiKey in " + body);
        }
        return matcher.group(1);
    }

    /** The gateway answers once its Kafka consumer runs and the instruments are loaded. */
    private void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl + "/health")).timeout(Duration.ofSeconds(5))
                        .build();
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the gateway was not ready within " + timeout);
            }
            Thread.sleep(500);
        }
    }

    /** Calls the admin API and insists on a 2xx: a demo that half-seeded would mislead. */
    private String call(String method, String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("X-API-Key", bootstrapKey).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }
}
