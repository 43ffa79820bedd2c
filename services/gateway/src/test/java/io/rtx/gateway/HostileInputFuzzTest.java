package io.rtx.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtx.gateway.security.ApiKeys;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * 10,000 generated hostile requests across every endpoint (see {@link HostileRequests}), sent concurrently
 * with keys whose rate limit is raised for this test only. Every answer must be a 4xx
 * {@code application/problem+json} with an RTX type; the fuzz accounts' balances and orders, read back
 * through the API once the real ledger has projected a marker order placed after the fuzz, must not have
 * moved (nothing created, nothing lost); the slowest refusals, sent again one at a time, must each cost the
 * server under 10 ms of CPU.
 */
@Order(3)
class HostileInputFuzzTest extends GatewayTest {

    static final String TRADER_KEY_ID = "fuzztrader01";
    static final String ADMIN_KEY_ID = "fuzzadmin001";
    private static final String TRADER_KEY = TRADER_KEY_ID + ".fuzz-trader-secret-0123456789abcdef";
    private static final String ADMIN_KEY = ADMIN_KEY_ID + ".fuzz-admin-secret-0123456789abcdefg";
    private static final long TRADER = 4101;
    private static final long ADMIN = 4102;
    private static final int REQUESTS = 10_000;
    private static final int CONCURRENCY = 8;
    private static final long SEED = Long.getLong("hostile.seed", 18L);
    private static final long MAX_CPU_NANOS = Duration.ofMillis(10).toNanos();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Value("${local.server.port}")
    int port;

    record Answer(HostileRequests.Request request, int status, String contentType, String type, long cpuNanos) {
    }

    /** What the API shows of the fuzz trader: each asset's available and reserved balance, and its order ids. */
    record State(Map<String, BigDecimal> available, Map<String, BigDecimal> reserved, Set<String> orders,
                 String instruments) {
    }

    @Test
    void tenThousandHostileRequestsAreRefusedCheaplyAndChangeNothing() throws Exception {
        try (Ledger ledger = new Ledger(broker)) {
            Fixture.account(this, TRADER, "100000.00", "10");
            json(post("/api/v1/admin/accounts", GatewayTest.ADMIN_KEY, Map.of("accountId", Long.toString(ADMIN))), 201);
            insertKey(TRADER_KEY_ID, TRADER, TRADER_KEY, "TRADER");
            insertKey(ADMIN_KEY_ID, ADMIN, ADMIN_KEY, "ADMIN");
            long resting = place(TRADER_KEY, limit(null, "BUY", "5000.00", "0.0010"));
            // 5.00 USD and the 20 bps fee held for the resting order: the ledger has projected the account.
            State before = await(s -> s.orders().contains(Long.toString(resting))
                    && new BigDecimal("5.01").compareTo(s.reserved().getOrDefault("USD", BigDecimal.ZERO)) == 0
                    && s.available().containsKey("BTC"), "the ledger has projected the fuzz account");

            HostileRequests requests = new HostileRequests(
                    new HostileRequests.Target(TRADER_KEY, ADMIN_KEY, TRADER, resting));
            List<HostileRequests.Request> drawn = draw(requests);

            WebClient client = WebClient.create();
            long start = System.nanoTime();
            List<Answer> answers = Flux.fromIterable(drawn).flatMap(r -> send(client, r), CONCURRENCY)
                    .collectList().block(Duration.ofMinutes(10));
            Duration wall = Duration.ofNanos(System.nanoTime() - start);

            List<String> wrong = answers.stream().filter(a -> !refusedAsProblem(a)).map(Answer::toString).toList();
            assertThat(wrong).as("answers that are not a 4xx RTX problem (of %d)", answers.size()).isEmpty();

            long marker = place(TRADER_KEY, limit(null, "BUY", "6000.00", "0.0010"));
            State after = await(s -> s.orders().contains(Long.toString(marker))
                    && !s.reserved().get("USD").equals(before.reserved().get("USD")),
                    "the ledger has projected the marker order placed after the fuzz, and its hold");
            assertUnchangedButForTheMarker(before, after, marker);

            Answer slowest = slowestWhenAlone(client, answers);
            System.out.printf("HOSTILE requests=%d seed=%d wall=%s statuses=%s kinds=%s cpu-measured=%d "
                            + "max-concurrent=%.3f ms slowest-refusal-alone=%.3f ms (%s)%n",
                    answers.size(), SEED, wall, count(answers, Answer::status), count(answers, a -> a.request().label()),
                    answers.stream().filter(a -> a.cpuNanos() >= 0).count(),
                    answers.stream().mapToLong(Answer::cpuNanos).max().orElse(0) / 1e6, slowest.cpuNanos() / 1e6,
                    slowest.request());
            assertThat(slowest.cpuNanos()).as("CPU of the slowest refusal: %s", slowest.request())
                    .isLessThan(MAX_CPU_NANOS);
        }
    }

    /** jqwik draws the requests (on this thread, in a session of its own), reproducibly from the seed. */
    private static List<HostileRequests.Request> draw(HostileRequests requests) {
        List<HostileRequests.Request> drawn = new ArrayList<>();
        JqwikSession.start(Long.toString(SEED));
        try {
            RandomGenerator<HostileRequests.Request> generator = requests.all().generatorWithEmbeddedEdgeCases(1_000);
            Random random = new Random(SEED);
            for (int i = 0; i < REQUESTS; i++) {
                drawn.add(generator.next(random).value());
            }
        } finally {
            JqwikSession.finish();
        }
        return drawn;
    }

    private void insertKey(String keyId, long account, String key, String role) {
        db.sql("INSERT INTO api_keys (key_id, account_id, key_hash, role) VALUES (:k, :a, :h, :r)")
                .bind("k", keyId).bind("a", account).bind("h", ApiKeys.sha256Hex(key.substring(key.indexOf('.') + 1)))
                .bind("r", role).fetch().rowsUpdated().block();
    }

    private Mono<Answer> send(WebClient client, HostileRequests.Request r) {
        WebClient.RequestBodySpec spec = client.method(HttpMethod.valueOf(r.method()))
                .uri(URI.create("http://127.0.0.1:" + port + r.uri()));
        r.headers().forEach(spec::header);
        WebClient.RequestHeadersSpec<?> ready = r.body() == null ? spec : spec.bodyValue(r.body());
        return ready.exchangeToMono(response -> response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                .map(body -> new Answer(r, response.statusCode().value(),
                        response.headers().contentType().map(MediaType::toString).orElse(""), problemType(body),
                        Long.parseLong(response.headers().asHttpHeaders().getFirst(RequestCpu.HEADER) == null ? "-1"
                                : response.headers().asHttpHeaders().getFirst(RequestCpu.HEADER)))))
                .timeout(Duration.ofSeconds(30));
    }

    private static String problemType(byte[] body) {
        try {
            return JSON.readTree(body).path("type").asString("");
        } catch (RuntimeException notJson) {
            return "";
        }
    }

    private static boolean refusedAsProblem(Answer a) {
        return a.status() >= 400 && a.status() < 500 && a.contentType().startsWith("application/problem+json")
                && a.type().startsWith("urn:rtx:problem:");
    }

    private static <K> Map<K, Long> count(List<Answer> answers, Function<Answer, K> key) {
        return answers.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }

    /**
     * The 30 refusals that cost most during the concurrent run (where one thread also serves other requests)
     * and the 10 largest bodies, each sent alone five times: the highest median is the most any of them
     * costs by itself.
     */
    private Answer slowestWhenAlone(WebClient client, List<Answer> answers) {
        Set<HostileRequests.Request> candidates = new LinkedHashSet<>();
        answers.stream().filter(a -> a.cpuNanos() >= 0).sorted(Comparator.comparingLong(Answer::cpuNanos).reversed())
                .limit(30).forEach(a -> candidates.add(a.request()));
        answers.stream().filter(a -> a.cpuNanos() >= 0 && a.request().body() != null)
                .sorted(Comparator.comparingInt((Answer a) -> a.request().body().length).reversed())
                .limit(10).forEach(a -> candidates.add(a.request()));
        List<Answer> alone = new ArrayList<>();
        for (HostileRequests.Request request : candidates) {
            List<Answer> runs = IntStream.range(0, 5).mapToObj(i -> send(client, request).block())
                    .filter(a -> a.cpuNanos() >= 0).sorted(Comparator.comparingLong(Answer::cpuNanos)).toList();
            alone.add(runs.get(runs.size() / 2));
        }
        return alone.stream().max(Comparator.comparingLong(Answer::cpuNanos)).orElseThrow();
    }

    private void assertUnchangedButForTheMarker(State before, State after, long marker) {
        assertThat(after.instruments()).as("instrument definitions").isEqualTo(before.instruments());
        Set<String> expectedOrders = new HashSet<>(before.orders());
        expectedOrders.add(Long.toString(marker));
        assertThat(after.orders()).as("orders of the fuzz account").isEqualTo(expectedOrders);
        for (String asset : before.available().keySet()) {
            assertThat(after.available().get(asset).add(after.reserved().get(asset)))
                    .as("%s conserved: available + reserved", asset)
                    .isEqualByComparingTo(before.available().get(asset).add(before.reserved().get(asset)));
        }
        // The marker holds 6.00 USD and its largest fee (20 bps): nothing else was reserved or released.
        assertThat(after.reserved().get("USD").subtract(before.reserved().get("USD"))).isEqualByComparingTo("6.012");
        assertThat(after.reserved().get("BTC")).isEqualByComparingTo(before.reserved().get("BTC"));
    }

    private State state() {
        JsonNode balances = json(get("/api/v1/accounts/me/balances", TRADER_KEY), 200);
        Map<String, BigDecimal> available = new TreeMap<>();
        Map<String, BigDecimal> reserved = new TreeMap<>();
        for (JsonNode balance : balances.path("balances")) {
            available.put(balance.get("asset").asString(), new BigDecimal(balance.get("available").asString()));
            reserved.put(balance.get("asset").asString(), new BigDecimal(balance.get("reserved").asString()));
        }
        JsonNode orders = json(get("/api/v1/orders?size=200", TRADER_KEY), 200);
        Set<String> ids = new HashSet<>();
        orders.path("items").forEach(o -> ids.add(o.get("orderId").asString()));
        String instruments = json(get("/api/v1/markets/instruments", TRADER_KEY), 200).toString();
        return new State(available, reserved, ids, instruments);
    }

    private State await(Predicate<State> done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        State state = state();
        while (!done.test(state)) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(200);
            state = state();
        }
        return state;
    }
}
