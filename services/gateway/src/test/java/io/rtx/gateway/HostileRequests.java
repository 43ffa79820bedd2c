package io.rtx.gateway;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Requests that must all be refused, across every endpoint: each carries at least one defect (a body, a
 * path or query parameter, or a header), and never an otherwise valid command for the fuzz accounts, so a
 * refusal changes nothing. Bodies are written as text, so duplicate keys, trailing tokens and raw control
 * characters can be sent.
 */
final class HostileRequests {

    /** One request as sent: {@code uri} is already encoded. */
    record Request(String method, String uri, Map<String, String> headers, byte[] body, String label) {

        @Override
        public String toString() {
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            return label + ": " + method + " " + uri + " " + headers.keySet() + " "
                    + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
        }
    }

    /** The accounts and order the requests aim at. */
    record Target(String traderKey, String adminKey, long traderAccount, long restingOrderId) {
    }

    private enum Kind { TEXT, DECIMAL, INTEGER, BOOLEAN }

    /** A valid body's fields (name → JSON value, in order) and which of them are required. */
    private record Template(Map<String, String> fields, Map<String, Kind> kinds, Set<String> required) {
    }

    private record Field(String name, String json, Kind kind, boolean required) {
    }

    private static final List<String> HOSTILE_DECIMALS = List.of("1e10000000", "1E2", "-1", "+1", " 1", "1 ", "\t1", "1\u0000",
            "\u00001", "1\n", "1,5", "1..5", ".5", "1.", ".", "", "NaN", "Infinity", "0x10", "1_000", "\u0661\u0662",
            "\uff11\uff12", "1\u00a0", "9".repeat(41), "0", "0.0000", "92233720368547758.08", "1e-2", "1\ud800",
            "1\u202e", "9".repeat(25));
    private static final List<String> HOSTILE_INSTANTS = List.of("\"+1000000000-12-31T23:59:59Z\"",
            "\"-1000000000-01-01T00:00:00Z\"", "\"+294277-01-01T00:00:00Z\"", "\"2100-01-01T00:00:00Z\"",
            "\"1969-12-31T23:59:59Z\"", "\"2026-13-01T00:00:00Z\"", "\"yesterday\"", "\"1700000000\"", "\"\"",
            "1", "1.5", "true", "[]", "\"2020-01-01T00:00:00Z\"", "\"2026-01-01T00:00:00Z\\u0000\"");
    private static final List<String> HOSTILE_QUERY_INSTANTS = List.of("%2B1000000000-12-31T23:59:59Z",
            "-1000000000-01-01T00:00:00Z", "%2B294277-01-01T00:00:00Z", "2100-01-01T00:00:00Z", "1969-12-31T23:59:59Z",
            "2026-13-01T00:00:00Z", "yesterday", "1700000000", "", "2026-01-01T00:00:00Z%00", "%202026-01-01T00:00:00Z",
            "2026-01-01+00:00:00Z", "%E2%80%8B2026-01-01T00:00:00Z");
    private static final List<String> HOSTILE_INTEGERS = List.of("-1", "%2B5", "%205", "5%20", "0x10", "%235", "1e3",
            "5.0", "abc", "9223372036854775808", "99999999999999999999", "%00", "5%00", "%D9%A1",
            "%EF%BC%91", "2147483648");
    private static final List<String> HOSTILE_IDS = List.of("-1", "%2B1", "%201", "1%20", "0x10", "%231", "1e3", "1.0",
            "abc", "9223372036854775808", "99999999999999999999", "1%00", "%D9%A1", "%EF%BC%91", "1_000", "%E2%80%8B1");
    private static final List<String> TRAILING = List.of(" x", "}", "{}", "[]", ",", "\u0000", "null", "1", " {\"a\":1}",
            "]", "\"", "//", "/* */");

    private final Target target;

    HostileRequests(Target target) {
        this.target = target;
    }

    Arbitrary<Request> all() {
        return Arbitraries.frequencyOf(
                Tuple.of(20, placeOrder()), Tuple.of(6, amendOrReduce()), Tuple.of(4, cancelOrGet()),
                Tuple.of(6, listOrders()), Tuple.of(5, myTrades()), Tuple.of(8, marketData()), Tuple.of(3, streams()),
                Tuple.of(4, openAccount()), Tuple.of(4, issueKey()), Tuple.of(3, revokeKey()), Tuple.of(6, transfer()),
                Tuple.of(3, suspendOrResume()), Tuple.of(9, defineInstrument()), Tuple.of(5, badCredentials()),
                Tuple.of(4, badMediaTypes()), Tuple.of(4, oddPaths()));
    }

    // ---- orders

    private static Template order() {
        return template(optional("clientOrderId", "\"fuzz-1\"", Kind.TEXT), required("symbol", "\"BTC-USD\"", Kind.TEXT),
                required("side", "\"BUY\"", Kind.TEXT), required("type", "\"LIMIT\"", Kind.TEXT),
                optional("timeInForce", "\"GTC\"", Kind.TEXT), optional("postOnly", "false", Kind.BOOLEAN),
                required("price", "\"5000.00\"", Kind.DECIMAL), required("quantity", "\"0.0010\"", Kind.DECIMAL));
    }

    private Arbitrary<Request> placeOrder() {
        Template gtd = order();
        gtd.fields().put("timeInForce", "\"GTD\"");
        gtd.fields().put("expiresAt", "\"2099-01-01T00:00:00Z\"");
        Arbitrary<byte[]> hostile = Arbitraries.oneOf(hostileBody(order()), gtdOnly(gtd), marketWithPrice());
        return hostile.map(body -> json("POST", "/api/v1/orders", target.traderKey(), body, "place"));
    }

    /** Only the instant is hostile: the rest is a valid GTD order. */
    private Arbitrary<byte[]> gtdOnly(Template gtd) {
        return Arbitraries.of(HOSTILE_INSTANTS).map(v -> render(with(gtd, "expiresAt", v)));
    }

    private static Arbitrary<byte[]> marketWithPrice() {
        Template market = order();
        market.fields().put("type", "\"MARKET\"");
        market.fields().put("timeInForce", "\"IOC\"");
        return Arbitraries.just(render(market.fields()));
    }

    private Arbitrary<Request> amendOrReduce() {
        Template price = template(required("price", "\"5001.00\"", Kind.DECIMAL));
        Template quantity = template(required("quantity", "\"0.0010\"", Kind.DECIMAL));
        String order = "/api/v1/orders/" + target.restingOrderId();
        return Arbitraries.oneOf(
                hostileBody(price).map(b -> json("PATCH", order + "/price", target.traderKey(), b, "amend")),
                hostileBody(quantity).map(b -> json("PATCH", order + "/quantity", target.traderKey(), b, "reduce")),
                Arbitraries.of(HOSTILE_IDS).map(id -> json("PATCH", "/api/v1/orders/" + id + "/price", target.traderKey(),
                        render(price.fields()), "amend id")));
    }

    private Arbitrary<Request> cancelOrGet() {
        Arbitrary<String> ids = Arbitraries.oneOf(Arbitraries.of(HOSTILE_IDS),
                Arbitraries.longs().between(0, Long.MAX_VALUE).filter(id -> id != target.restingOrderId())
                        .map(String::valueOf));
        return Combinators.combine(Arbitraries.of("DELETE", "GET"), ids)
                .as((method, id) -> bare(method, "/api/v1/orders/" + id, target.traderKey(), "order id"));
    }

    private Arbitrary<Request> listOrders() {
        return query("/api/v1/orders", List.of(Map.entry("symbol", symbols()), Map.entry("status",
                        Arbitraries.of("new", "OPEN", "NEW%00", "NEW,FILLED", "", "%E2%80%8BNEW", "X".repeat(300))),
                Map.entry("page", Arbitraries.of(concat(HOSTILE_INTEGERS, List.of("10001")))),
                Map.entry("size", Arbitraries.of(concat(HOSTILE_INTEGERS, List.of("0", "201"))))));
    }

    private Arbitrary<Request> myTrades() {
        return query("/api/v1/accounts/me/trades", List.of(Map.entry("symbol", symbols()),
                Map.entry("before", Arbitraries.of(HOSTILE_QUERY_INSTANTS)),
                Map.entry("limit", Arbitraries.of(concat(HOSTILE_INTEGERS, List.of("0", "1001"))))));
    }

    // ---- markets and streams

    private Arbitrary<Request> marketData() {
        Arbitrary<Request> unknown = Combinators.combine(unknownSymbols(),
                        Arbitraries.of("/book", "/trades", "/candles?interval=1m", "/ticker", ""))
                .as((symbol, rest) -> rest.isEmpty()
                        ? bare("GET", "/api/v1/markets/instruments/" + symbol, target.traderKey(), "instrument")
                        : bare("GET", "/api/v1/markets/" + symbol + rest, target.traderKey(), "market"));
        return Arbitraries.oneOf(unknown,
                query("/api/v1/markets/BTC-USD/book", List.of(Map.entry("depth",
                        Arbitraries.of(concat(HOSTILE_INTEGERS, List.of("0", "21")))))),
                query("/api/v1/markets/BTC-USD/trades", List.of(Map.entry("limit",
                        Arbitraries.of(concat(HOSTILE_INTEGERS, List.of("0", "1001")))))),
                query("/api/v1/markets/BTC-USD/candles", List.of(
                        Map.entry("interval", Arbitraries.of("2m", "1M", "1m%00", "", "1h%20", "%E2%80%8B1m")),
                        Map.entry("from", Arbitraries.of(HOSTILE_QUERY_INSTANTS)),
                        Map.entry("to", Arbitraries.of(HOSTILE_QUERY_INSTANTS)),
                        Map.entry("limit", Arbitraries.of(concat(HOSTILE_INTEGERS, List.of("0", "1501")))))));
    }

    private Arbitrary<Request> streams() {
        return unknownSymbols().flatMap(symbol -> Arbitraries.of("trades", "book").map(stream ->
                request("GET", "/api/v1/streams/markets/" + symbol + "/" + stream,
                        Map.of("X-API-Key", target.traderKey(), "Accept", "text/event-stream"), null, "stream")));
    }

    // ---- admin

    private Arbitrary<Request> openAccount() {
        Template open = template(optional("accountId", "\"4199\"", Kind.TEXT));
        Arbitrary<byte[]> ids = Arbitraries.of("\"0\"", "\"-1\"", "\"01\"", "\"1e3\"", "\" 1\"", "\"1\\u0000\"",
                "\"9999999999999999999\"", "\"99999999999999999999\"", "\"abc\"", "\"\"", "4199", "4199.0", "true",
                "[\"4199\"]").map(v -> render(with(open, "accountId", v)));
        return Arbitraries.oneOf(ids, hostileBody(open))
                .map(b -> json("POST", "/api/v1/admin/accounts", target.adminKey(), b, "open account"));
    }

    private Arbitrary<Request> issueKey() {
        Template role = template(required("role", "\"TRADER\"", Kind.TEXT));
        String own = "/api/v1/admin/accounts/" + target.traderAccount() + "/api-keys";
        return Arbitraries.oneOf(
                hostileBody(role).map(b -> json("POST", own, target.adminKey(), b, "issue key")),
                Arbitraries.of(concat(HOSTILE_IDS, List.of("987654321", "4198", "4197"))).map(id -> json("POST",
                        "/api/v1/admin/accounts/" + id + "/api-keys", target.adminKey(), render(role.fields()),
                        "issue key for an account that does not exist")));
    }

    private Arbitrary<Request> revokeKey() {
        Arbitrary<String> keyIds = Arbitraries.oneOf(
                Arbitraries.of("abc", "k".repeat(65), "%00abcdefgh", "key.with.dots", "%20abcdefgh", "abcdefgh%20",
                        "%E2%80%8Babcdefgh", "abcdefg%2F"),
                Arbitraries.strings().alpha().ofLength(12).map(s -> "nokey" + s));
        return Combinators.combine(Arbitraries.oneOf(Arbitraries.of(HOSTILE_IDS),
                        Arbitraries.just(Long.toString(target.traderAccount()))), keyIds)
                .as((id, keyId) -> bare("DELETE", "/api/v1/admin/accounts/" + id + "/api-keys/" + keyId,
                        target.adminKey(), "revoke key"));
    }

    private Arbitrary<Request> transfer() {
        Template transfer = template(required("asset", "\"USD\"", Kind.TEXT),
                required("amount", "\"1.00\"", Kind.DECIMAL));
        Arbitrary<String> kinds = Arbitraries.of("/deposits", "/withdrawals");
        String own = "/api/v1/admin/accounts/" + target.traderAccount();
        return Arbitraries.oneOf(
                Combinators.combine(kinds, hostileBody(transfer))
                        .as((kind, body) -> json("POST", own + kind, target.adminKey(), body, "transfer")),
                Combinators.combine(kinds, Arbitraries.of(concat(HOSTILE_IDS, List.of("987654322"))))
                        .as((kind, id) -> json("POST", "/api/v1/admin/accounts/" + id + kind, target.adminKey(),
                                render(transfer.fields()), "transfer to an account that does not exist")));
    }

    private Arbitrary<Request> suspendOrResume() {
        return Combinators.combine(Arbitraries.of(concat(HOSTILE_IDS, List.of("987654323"))),
                        Arbitraries.of("/suspend", "/resume"))
                .as((id, kind) -> bare("POST", "/api/v1/admin/accounts/" + id + kind, target.adminKey(), "kill switch"));
    }

    private static Template instrument() {
        return template(required("baseAsset", "\"FUZZ\"", Kind.TEXT), required("baseScale", "8", Kind.INTEGER),
                required("quoteAsset", "\"USD\"", Kind.TEXT), required("quoteScale", "8", Kind.INTEGER),
                required("priceScale", "2", Kind.INTEGER), required("quantityScale", "4", Kind.INTEGER),
                required("tickSize", "\"0.01\"", Kind.DECIMAL), required("lotSize", "\"0.0010\"", Kind.DECIMAL),
                required("minQuantity", "\"0.0010\"", Kind.DECIMAL),
                required("maxQuantity", "\"100.0000\"", Kind.DECIMAL),
                required("priceBandPercent", "\"10.00\"", Kind.DECIMAL),
                required("referencePrice", "\"100.00\"", Kind.DECIMAL),
                required("maxNotional", "\"10000000.00000000\"", Kind.DECIMAL),
                required("makerFeeBps", "10", Kind.INTEGER), required("takerFeeBps", "20", Kind.INTEGER),
                optional("selfTradePolicy", "\"CANCEL_NEWEST\"", Kind.TEXT));
    }

    private Arbitrary<Request> defineInstrument() {
        Template definition = instrument();
        Arbitrary<Request> bodies = hostileBody(definition).map(b ->
                json("PUT", "/api/v1/admin/instruments/FUZZ-USD", target.adminKey(), b, "define instrument"));
        Arbitrary<Request> symbols = Arbitraries.of("fuzz-usd", "FUZZUSD", "FUZZ_USD", "FUZZ-USD-X", "F-USD",
                        "FUZZ%00-USD", "X".repeat(30) + "-USD", "%C3%84%C3%96-USD", "FUZZ-USD%20")
                .map(symbol -> json("PUT", "/api/v1/admin/instruments/" + symbol, target.adminKey(),
                        render(definition.fields()), "define instrument symbol"));
        Arbitrary<Request> scale = Arbitraries.of("0", "6", "18").map(s -> json("PUT",
                "/api/v1/admin/instruments/FUZZ-USD", target.adminKey(),
                render(with(definition, "quoteScale", s)), "define instrument rescaling USD"));
        return Arbitraries.oneOf(bodies, symbols, scale);
    }

    // ---- headers and paths

    private Arbitrary<Request> badCredentials() {
        String traderId = target.traderKey().substring(0, target.traderKey().indexOf('.'));
        Arbitrary<String> keys = Arbitraries.of("", "garbage", "a.b", traderId + ".wrong-secret-0123456789",
                target.traderKey() + "x", "k".repeat(4000),
                traderId, traderId + ".", "." + target.traderKey(), "nokey-abcdef.0123456789abcdef0123");
        Arbitrary<Request> bad = Combinators.combine(Arbitraries.of("/api/v1/orders", "/api/v1/accounts/me/balances",
                        "/api/v1/markets/instruments", "/api/v1/streams/execution-reports", "/api/v1/admin/accounts"), keys)
                .as((path, key) -> request(path.contains("admin") ? "POST" : "GET", path,
                        key.isEmpty() ? Map.of() : Map.of("X-API-Key", key),
                        path.contains("admin") ? "{\"accountId\":\"4198\"}".getBytes(StandardCharsets.UTF_8) : null,
                        "credentials"));
        Arbitrary<Request> traderOnAdmin = Arbitraries.of("/api/v1/admin/accounts",
                        "/api/v1/admin/accounts/" + target.traderAccount() + "/deposits",
                        "/api/v1/admin/accounts/" + target.traderAccount() + "/suspend")
                .map(path -> json("POST", path, target.traderKey(),
                        "{\"asset\":\"USD\",\"amount\":\"1000000.00\"}".getBytes(StandardCharsets.UTF_8), "trader on admin"));
        return Arbitraries.oneOf(bad, traderOnAdmin);
    }

    private Arbitrary<Request> badMediaTypes() {
        byte[] order = render(order().fields());
        Arbitrary<Request> contentTypes = Arbitraries.of("text/plain", "application/xml",
                        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/problem+json",
                        "application/octet-stream", "application/jsonx", "text/json")
                .map(type -> request("POST", "/api/v1/orders", Map.of("X-API-Key", target.traderKey(),
                        "Content-Type", type), order, "content type"));
        Arbitrary<Request> noContentType = Arbitraries.just(request("POST", "/api/v1/orders",
                Map.of("X-API-Key", target.traderKey()), order, "no content type"));
        Arbitrary<Request> accepts = Combinators.combine(Arbitraries.of("/api/v1/orders", "/api/v1/accounts/me/balances",
                        "/api/v1/markets/instruments", "/api/v1/markets/BTC-USD/ticker"),
                        Arbitraries.of("text/html", "application/xml", "image/png", "text/event-stream"))
                .as((path, accept) -> request("GET", path, Map.of("X-API-Key", target.traderKey(), "Accept", accept),
                        null, "accept"));
        return Arbitraries.oneOf(contentTypes, noContentType, accepts);
    }

    private Arbitrary<Request> oddPaths() {
        return Arbitraries.of("/api/v1/orders/%2B" + target.restingOrderId(), "/api/v1/orders/%20" + target.restingOrderId(),
                        "/api/v1/orders/" + target.restingOrderId() + "%00", "/api/v1/orders/" + target.restingOrderId() + ";x=1",
                        "/api/v1//orders", "/api/v1/orders/../accounts/me/balances", "/api/v1/orders/%2E%2E/x",
                        "/api/v1/markets/%2F/book", "/api/v1/markets/BTC-USD%2Fbook", "/API/V1/ORDERS",
                        "/api/v1/orders/%25", "/api/v1/orders/" + "9".repeat(3000), "/api/v1/accounts/me/balances/x",
                        "/api/v1/markets/BTC-USD/book/%00", "/api/v1/admin/accounts/%0A/suspend")
                .map(path -> bare(path.contains("suspend") ? "POST" : "GET", path,
                        path.contains("admin") ? target.adminKey() : target.traderKey(), "odd path"));
    }

    // ---- bodies

    /** A body with one defect; a null or a missing field only where the field is required. */
    private static Arbitrary<byte[]> hostileBody(Template t) {
        List<String> names = List.copyOf(t.fields().keySet());
        Arbitrary<String> field = Arbitraries.of(names);
        List<Arbitrary<byte[]>> bodies = new ArrayList<>(List.of(
                field.flatMap(f -> wrongTypes(t, f).map(v -> render(with(t, f, v)))),
                field.filter(f -> t.kinds().get(f) == Kind.DECIMAL || t.kinds().get(f) == Kind.TEXT)
                        .flatMap(f -> hostileStrings(t, f).map(v -> render(with(t, f, quote(v))))),
                field.map(f -> duplicate(t, f)),
                Arbitraries.of("extra", "Symbol", "PRICE", "__proto__", "price ", "\u0000", "a".repeat(300), "@type")
                        .map(extra -> render(with(t, extra, "1"))),
                Arbitraries.of(TRAILING).map(garbage -> concat(render(t.fields()), garbage)),
                Combinators.combine(field, Arbitraries.of(2, 31, 33, 100, 1_000, 10_000, 30_000))
                        .as((f, depth) -> render(with(t, f, "[".repeat(depth) + "1" + "]".repeat(depth)))),
                Arbitraries.of(1, 40, 1_000).map(depth -> concat("[".repeat(depth), new String(render(t.fields()),
                        StandardCharsets.UTF_8) + "]".repeat(depth))),
                Arbitraries.integers().between(0, 1_000).map(cut -> truncate(render(t.fields()), cut)),
                Arbitraries.of("", "null", "[]", "\"text\"", "42", "true", "<order/>", "symbol=BTC-USD", "{", "}",
                        "{\"a\"}", "{,}", "{'symbol':'BTC-USD'}").map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(200),
                Arbitraries.of(70_000, 100_000).map(size -> render(with(t, "padding", quote("x".repeat(size)))))));
        if (!t.required().isEmpty()) {
            bodies.add(Arbitraries.of(List.copyOf(t.required())).map(f -> {
                Map<String, String> fields = new LinkedHashMap<>(t.fields());
                fields.remove(f);
                return render(fields);
            }));
        }
        return Arbitraries.oneOf(bodies);
    }

    private static Arbitrary<String> wrongTypes(Template t, String field) {
        boolean required = t.required().contains(field);
        List<String> values = new ArrayList<>(switch (t.kinds().get(field)) {
            case TEXT, DECIMAL -> List.of("1", "1.5", "-7", "true", "false", "[]", "{}", "[\"x\"]", "{\"a\":\"b\"}",
                    "1e400", "9".repeat(100));
            case INTEGER -> List.of("\"8\"", "8.0", "8.5", "1e1", "true", "[8]", "{}", "99999999999", "-1", "100000", "\"\"");
            case BOOLEAN -> List.of("1", "0", "\"true\"", "\"false\"", "\"\"", "\"yes\"", "[]", "{}", "1.0");
        });
        if (required) {
            values.add("null");
        }
        return Arbitraries.of(values);
    }

    /** Text that fails its field's rule: control characters, lone surrogates, lookalikes, overlong. */
    private static Arbitrary<String> hostileStrings(Template t, String field) {
        if (t.kinds().get(field) == Kind.DECIMAL) {
            return Arbitraries.oneOf(Arbitraries.of(HOSTILE_DECIMALS),
                    Combinators.combine(Arbitraries.strings().withChars("0123456789.").ofMaxLength(20),
                                    Arbitraries.of('e', '-', '+', ' ', '\u0000', '\n', ',', '\u0661', '\uff11', 'x'),
                                    Arbitraries.integers().between(0, 20))
                            .as((digits, bad, at) -> {
                                int i = Math.min(at, digits.length());
                                return digits.substring(0, i) + bad + digits.substring(i);
                            }));
        }
        String valid = t.fields().get(field).replace("\"", "");
        return Arbitraries.of("\u0000", "\u0007", "\u001f", "\u007f", "\u0085", "\ud800", "\u200b", " ", "\u0412",
                        "x".repeat(5_000), "x".repeat(20_000), "/")
                .map(bad -> valid + bad);
    }

    private static byte[] duplicate(Template t, String field) {
        String body = new String(render(t.fields()), StandardCharsets.UTF_8);
        return (body.substring(0, body.length() - 1) + "," + quote(field) + ":" + t.fields().get(field) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] truncate(byte[] body, int cut) {
        return java.util.Arrays.copyOf(body, Math.min(cut, body.length - 1));
    }

    // ---- building requests

    /** One of the parameters, hostile; the others absent. */
    private Arbitrary<Request> query(String path, List<Map.Entry<String, Arbitrary<String>>> hostileParameters) {
        return Arbitraries.of(hostileParameters).flatMap(p -> p.getValue()
                .map(value -> bare("GET", path + "?" + p.getKey() + "=" + value, target.traderKey(), "query " + p.getKey())));
    }

    private static Arbitrary<String> symbols() {
        return Arbitraries.of("btc-usd", "BTC-USD%00", "%20BTC-USD", "BTC_USD%2F", "X".repeat(40), "%E2%80%8B", "");
    }

    private static Arbitrary<String> unknownSymbols() {
        return Arbitraries.oneOf(Arbitraries.of("NOPE-USD", "btc-usd", "BTC-USD%20", "%E2%80%8BBTC-USD",
                        "BTC-USD%00", "BTC-USD.json", "X".repeat(2_000)),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(30)
                        .map(s -> URLEncoder.encode("x" + s, StandardCharsets.UTF_8).replace("+", "%20")));
    }

    private static Request json(String method, String uri, String key, byte[] body, String label) {
        return request(method, uri, Map.of("X-API-Key", key, "Content-Type", "application/json"), body, label);
    }

    private static Request bare(String method, String uri, String key, String label) {
        return request(method, uri, Map.of("X-API-Key", key), null, label);
    }

    private static Request request(String method, String uri, Map<String, String> headers, byte[] body, String label) {
        return new Request(method, uri, headers, body, label);
    }

    /** Ordered, so the seed alone decides every request. */
    private static Template template(Field... fields) {
        Template t = new Template(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashSet<>());
        for (Field f : fields) {
            t.fields().put(f.name(), f.json());
            t.kinds().put(f.name(), f.kind());
            if (f.required()) {
                t.required().add(f.name());
            }
        }
        return t;
    }

    private static Field required(String name, String json, Kind kind) {
        return new Field(name, json, kind, true);
    }

    private static Field optional(String name, String json, Kind kind) {
        return new Field(name, json, kind, false);
    }

    private static Map<String, String> with(Template t, String field, String json) {
        Map<String, String> fields = new LinkedHashMap<>(t.fields());
        fields.put(field, json);
        return fields;
    }

    private static byte[] render(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> quote(e.getKey()) + ":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}")).getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON string; control characters go in escaped, as a client's JSON library would send them. */
    private static String quote(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    private static byte[] concat(byte[] body, String suffix) {
        byte[] tail = suffix.getBytes(StandardCharsets.UTF_8);
        byte[] joined = java.util.Arrays.copyOf(body, body.length + tail.length);
        System.arraycopy(tail, 0, joined, body.length, tail.length);
        return joined;
    }

    private static byte[] concat(String prefix, String body) {
        return (prefix + body).getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> joined = new ArrayList<>(a);
        joined.addAll(b);
        return joined;
    }
}
